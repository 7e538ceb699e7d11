import { randomUUID } from 'node:crypto';
import { silentLogger, Topics, WebhookReceivedEvent, WebhookRejectedEvent } from '@whdb/core';
import { toConsumedMessage } from '@whdb/kafka';
import { connectDatabase, Database, LoggedWebhookRepository, runMigrations, runQuery } from '@whdb/persistence';
import { ConsumedBatch } from '@whdb/service-kit';
import { LogWebhooksUseCase } from './log-webhooks.use-case';

/** The webhook logger's use case on real Postgres (docs/behaviour/audit-log.md#writing). */
describe('LogWebhooksUseCase', () => {
  let db: Database;
  let useCase: LogWebhooksUseCase;
  const counts: { logged: number; duplicates: number }[] = [];
  const opaqueId = `svi_t${randomUUID().replace(/-/g, '').slice(0, 12)}`;

  const received = (overrides: Partial<WebhookReceivedEvent> = {}): WebhookReceivedEvent => ({
    type: 'webhook.received',
    id: randomUUID(),
    correlation_id: randomUUID(),
    received_at: new Date().toISOString(),
    integration: { opaque_id: opaqueId, service_name: 'increase_account_v1', organization_id: 2_000_000_001 },
    request: { method: 'POST', path: `/v1/service_integrations/${opaqueId}`, headers: { 'content-type': 'application/json', cookie: 'session=1' }, body: '{"id":"account_1"}' },
    response_status: 202,
    ...overrides,
  });
  const rejected = (): WebhookRejectedEvent => ({
    type: 'webhook.rejected',
    id: randomUUID(),
    correlation_id: randomUUID(),
    received_at: new Date().toISOString(),
    opaque_id: opaqueId,
    organization_id: null,
    status: 401,
    reason: 'missing hmac',
    request: { method: 'POST', path: `/v1/service_integrations/${opaqueId}`, headers: {}, body: '{}' },
  });
  const batch = (topic: string, values: unknown[]): ConsumedBatch => ({
    topic,
    partition: 0,
    messages: values.map((value, offset) => toConsumedMessage(topic, 0, { offset: String(offset), key: opaqueId, value: Buffer.from(JSON.stringify(value)) })),
  });
  const stored = () =>
    runQuery<{ event_id: string; response_status: number; request_headers: Record<string, string>; rejected_reason: string | null }[]>(
      db,
      'SELECT event_id, response_status, request_headers, rejected_reason FROM whdb.logged_webhooks WHERE service_integration_opaque_id = $1 ORDER BY id',
      [opaqueId],
    );

  beforeAll(async () => {
    db = await connectDatabase(process.env['DATABASE_URL']!, { poolSize: 2 });
    await runMigrations(db);
    useCase = new LogWebhooksUseCase({ sink: new LoggedWebhookRepository(db), logger: silentLogger, onLogged: (c) => counts.push(c) });
  });

  afterAll(async () => {
    await runQuery(db, 'DELETE FROM whdb.logged_webhooks WHERE service_integration_opaque_id = $1', [opaqueId]);
    await db.close();
  });

  it('logs accepted and rejected deliveries, skips other events and replays, and writes a redelivered batch once', async () => {
    const accepted = received();
    const inbound = batch(Topics.inbound('increase_account_v1'), [
      accepted,
      { type: 'backfill.resource', id: randomUUID(), integration: accepted.integration, resource: { id: 'account_2' } },
      received({ replay_of: { logged_webhook_id: '1' } }),
    ]);
    const refused = rejected();
    await useCase.handleBatch(inbound);
    await useCase.handleBatch(batch(Topics.webhooksRejected, [refused]));
    await useCase.handleBatch(inbound);

    expect(await stored()).toEqual([
      { event_id: accepted.id, response_status: 202, request_headers: { 'content-type': 'application/json', cookie: '[redacted]' }, rejected_reason: null },
      { event_id: refused.id, response_status: 401, request_headers: {}, rejected_reason: 'missing hmac' },
    ]);
    expect(counts).toEqual([
      { logged: 1, duplicates: 0 },
      { logged: 1, duplicates: 0 },
      { logged: 0, duplicates: 1 },
    ]);
  });

  it('fails a batch holding a malformed delivery with a final error (the host dead-letters it)', async () => {
    await expect(useCase.handleBatch(batch(Topics.webhooksRejected, [{ type: 'webhook.rejected', id: 'x' }]))).rejects.toMatchObject({ code: 'resource_shape_invalid', retriable: false });
  });
});
