import { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackHttpServer } from '../http/loopback-http-server';
import { CollectedSpan, spansOfOtlpJson } from './otlp-json-spans';

/**
 * A local OTLP/HTTP trace collector (docs/operations.md#tracing) for the e2e tracing test and the
 * bench's `--trace` run: `POST /v1/traces` is counted (requests, bytes) and answered 200.
 * A JSON export (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`) is also decoded and its spans kept;
 * a protobuf export (the default) is only counted, so a bench pays for recording and exporting
 * spans but not for storing them. Any other path is answered 404, a JSON body it cannot read 400.
 */
export class FakeOtlpCollector {
  /** Spans of the JSON exports, in arrival order. */
  readonly spans: CollectedSpan[] = [];
  /** Export requests answered 200. */
  requests = 0;
  /** Body bytes of those requests. */
  bytes = 0;
  private readonly http = new LoopbackHttpServer((req, res) => this.handle(req, res));

  get url(): string {
    return this.http.url;
  }

  async start(): Promise<this> {
    await this.http.start();
    return this;
  }

  async stop(): Promise<void> {
    await this.http.stop();
  }

  /** The (JSON-exported) spans of one trace. */
  trace(traceId: string): CollectedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const json = (req.headers['content-type'] ?? '').startsWith('application/json');
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (json) chunks.push(chunk);
    });
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      if (json) {
        try {
          for (const span of spansOfOtlpJson(Buffer.concat(chunks).toString('utf8'))) this.spans.push(span);
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"not JSON"}');
          return;
        }
      }
      this.requests += 1;
      this.bytes += bytes;
      // An empty ExportTraceServiceResponse, in the request's encoding.
      if (json) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      else res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  }
}
