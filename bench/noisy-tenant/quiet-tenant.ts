import { buildIncreaseAccount, increaseSignatureHeader, TableProbe } from '@whdb/testing';
import { HttpLoadConnection } from '../http-load-connection';

/** What the quiet organization saw in one phase. */
export interface QuietPhase {
  /** Milliseconds from send to the 2xx, of every accepted webhook. */
  readonly httpMs: number[];
  /** Milliseconds from send until its row was visible in Postgres (polled every `POLL_MS`). */
  readonly rowMs: number[];
  /** Answers by status. */
  readonly statuses: Record<string, number>;
}

const POLL_MS = 5;
const ROW_TIMEOUT_MS = 60_000;

/**
 * The quiet organization of the noisy-tenant bench: sends `count` signed Increase accounts one at
 * a time over one keep-alive connection, `gapMs` apart (its usual pace, far under its limit), and
 * measures two latencies a tenant cares about: to the 2xx, and to its row in Postgres (a poller
 * looks for the accepted ids every `POLL_MS`, so that figure is up to `POLL_MS` late).
 */
export class QuietTenant {
  private readonly connection: HttpLoadConnection;
  private readonly path: string;

  constructor(
    ingressUrl: string,
    opaqueId: string,
    private readonly secret: string,
    private readonly probe: TableProbe,
    private readonly tableName: string,
  ) {
    const url = new URL(ingressUrl);
    this.connection = new HttpLoadConnection(url.hostname, Number(url.port));
    this.path = `POST /v1/service_integrations/${opaqueId} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json`;
  }

  async phase(count: number, gapMs: number): Promise<QuietPhase> {
    const httpMs: number[] = [];
    const rowMs: number[] = [];
    const statuses: Record<string, number> = {};
    const pending = new Map<string, number>();
    let sending = true;
    let lastSent = performance.now();
    const poller = (async () => {
      while (sending || pending.size > 0) {
        if (!sending && performance.now() - lastSent > ROW_TIMEOUT_MS) throw new Error(`${pending.size} accepted webhooks of the quiet organization had no row after ${ROW_TIMEOUT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        if (pending.size === 0) continue;
        const found = await this.probe.query<{ increase_id: string }>(`SELECT increase_id FROM ${this.tableName} WHERE increase_id = ANY($1::text[])`, [[...pending.keys()]]);
        const now = performance.now();
        for (const { increase_id: id } of found) {
          rowMs.push(now - pending.get(id)!);
          pending.delete(id);
        }
      }
    })();
    try {
      for (let i = 0; i < count; i++) {
        const account = buildIncreaseAccount();
        const body = JSON.stringify(account);
        const sentAt = performance.now();
        const answer = await this.connection.send(`${this.path}\r\nincrease-webhook-signature: ${increaseSignatureHeader(body, this.secret)}`, body);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (answer.status >= 200 && answer.status < 300) {
          httpMs.push(performance.now() - sentAt);
          pending.set(String(account['id']), sentAt);
        }
        lastSent = performance.now();
        await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
    } finally {
      sending = false;
    }
    await poller;
    return { httpMs, rowMs, statuses };
  }

  close(): void {
    this.connection.close();
  }
}
