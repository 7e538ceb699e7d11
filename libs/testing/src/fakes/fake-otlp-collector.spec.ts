import { FakeOtlpCollector } from './fake-otlp-collector';

const jsonExport = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'ingress' } }] },
      scopeSpans: [
        {
          spans: [
            { traceId: 't1', spanId: 'a', name: 'POST /v1/webhooks', kind: 2, attributes: [{ key: 'http.response.status_code', value: { intValue: '200' } }, { key: 'ok', value: { boolValue: true } }] },
            { traceId: 't1', spanId: 'b', parentSpanId: 'a', name: 'publish whdb.inbound.x', kind: 4 },
            { traceId: 't2', spanId: 'c', name: 'other', kind: 1 },
          ],
        },
      ],
    },
  ],
};

describe('FakeOtlpCollector', () => {
  let collector: FakeOtlpCollector;

  beforeEach(async () => {
    collector = await new FakeOtlpCollector().start();
  });

  afterEach(async () => {
    await collector.stop();
  });

  const post = (path: string, contentType: string, body: string | Uint8Array) => fetch(`${collector.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('keeps the spans of a JSON export with their service, parents and typed attributes', async () => {
    const answer = await post('/v1/traces', 'application/json', JSON.stringify(jsonExport));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({});
    expect(collector.requests).toBe(1);
    expect(collector.trace('t1')).toEqual([
      { service: 'ingress', traceId: 't1', spanId: 'a', parentSpanId: '', name: 'POST /v1/webhooks', kind: 2, attributes: { 'http.response.status_code': 200, ok: true } },
      { service: 'ingress', traceId: 't1', spanId: 'b', parentSpanId: 'a', name: 'publish whdb.inbound.x', kind: 4, attributes: {} },
    ]);
    expect(collector.spans).toHaveLength(3);
  });

  it('counts a protobuf export (requests and bytes) without decoding or keeping it', async () => {
    const answer = await post('/v1/traces', 'application/x-protobuf', new Uint8Array(100));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/x-protobuf');
    expect(collector.requests).toBe(1);
    expect(collector.bytes).toBe(100);
    expect(collector.spans).toEqual([]);
  });

  it('answers 400 to a JSON export it cannot read and 404 off /v1/traces, counting neither', async () => {
    expect((await post('/v1/traces', 'application/json', '{not json')).status).toBe(400);
    expect((await post('/v1/metrics', 'application/json', '{}')).status).toBe(404);
    expect(collector.requests).toBe(0);
    expect(collector.spans).toEqual([]);
  });
});
