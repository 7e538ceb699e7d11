import { AppError, IntegrationSettings, silentLogger, WebhookReceivedEvent } from '@whdb/core';
import { findReplicator } from '@whdb/replicators';
import { bankSignatureHeader, contractIntegration, increaseSignatureHeader } from '@whdb/testing';
import { Delivery } from './delivery';
import { IngressReply } from './ingress-reply';
import { ReceiveWebhookUseCase } from './receive-webhook.use-case';
import { TenantRateLimits } from '../admission/tenant-rate-limits';

const SECRET = 'whsec_unit';

const replicator = findReplicator('increase_account_v1')!;

function settings(overrides: Partial<IntegrationSettings> = {}): IntegrationSettings {
  return contractIntegration(replicator, { organizationId: 3, opaqueId: 'svi_unit', webhookSecret: SECRET, ...overrides });
}

function delivery(rawBody: string, headers: Record<string, string> = {}, overrides: Partial<Delivery> = {}): Delivery {
  return {
    opaqueId: 'svi_unit', method: 'POST', path: '/v1/service_integrations/svi_unit', query: {}, rawBody: Buffer.from(rawBody),
    headers: { 'content-type': 'application/json', ...headers }, correlationId: 'corr-1', receivedAt: new Date(), ...overrides,
  };
}

function setup(options: { integration?: IntegrationSettings | null; publish?: () => Promise<void>; limits?: TenantRateLimits } = {}) {
  const published: { event: WebhookReceivedEvent; key: string }[] = [];
  const rejected: IngressReply[] = [];
  const limited: string[] = [];
  const integration = options.integration === undefined ? settings() : options.integration;
  const useCase = new ReceiveWebhookUseCase({
    integrations: { get: async () => (integration ? { settings: integration, organizationKey: 'acme' } : null) },
    findReplicator,
    publisher: {
      publishReceived: async (event, key) => {
        if (options.publish) await options.publish();
        published.push({ event, key });
      },
    },
    rejections: { record: (_delivery, _org, reply) => rejected.push(reply) },
    logger: silentLogger,
    limits: options.limits,
    onLimited: (scope) => limited.push(scope),
  });
  return { useCase, published, rejected, limited };
}

describe('ReceiveWebhookUseCase', () => {
  const account = JSON.stringify({ id: 'account_1', balance: 5 });

  it('publishes a verified delivery keyed by integration and resource, then answers 202', async () => {
    const { useCase, published, rejected } = setup();
    const reply = await useCase.execute(delivery(account, { 'increase-webhook-signature': increaseSignatureHeader(account, SECRET) }));
    expect(reply).toMatchObject({ status: 202, body: '{"o":"k"}' });
    expect(rejected).toEqual([]);
    expect(published).toHaveLength(1);
    expect(published[0]!.key).toBe('svi_unit:account_1');
    expect(published[0]!.event).toMatchObject({
      type: 'webhook.received',
      correlation_id: 'corr-1',
      integration: { opaque_id: 'svi_unit', service_name: 'increase_account_v1', organization_id: 3 },
      request: { method: 'POST', body: account },
    });
  });

  it('never stores credentials a provider authenticates with', async () => {
    const { useCase, published } = setup();
    const headers = { 'increase-webhook-signature': increaseSignatureHeader(account, SECRET), authorization: 'Basic c2VjcmV0', cookie: 'session=1' };
    await useCase.execute(delivery(account, headers));
    expect(published[0]!.event.request.headers).toMatchObject({ authorization: '[redacted]', cookie: '[redacted]', 'increase-webhook-signature': headers['increase-webhook-signature'] });
  });

  it('keys by integration only when the body holds no single resource', async () => {
    const { useCase, published } = setup();
    const other = JSON.stringify({ id: 'transfer_1' });
    await useCase.execute(delivery(other, { 'x-bank-webhook-signature': bankSignatureHeader(other, SECRET) }));
    expect(published[0]!.key).toBe('svi_unit');
  });

  it('refuses an unknown integration with 400 and records it', async () => {
    const { useCase, published, rejected } = setup({ integration: null });
    const reply = await useCase.execute(delivery(account));
    expect(reply).toMatchObject({ status: 400, rejectedReason: 'No integration with that id' });
    expect(published).toEqual([]);
    expect(rejected).toHaveLength(1);
  });

  it('refuses a bad signature with 401 before looking at the body', async () => {
    const { useCase, published, rejected } = setup();
    const reply = await useCase.execute(delivery('{not json', { 'increase-webhook-signature': increaseSignatureHeader('{not json', 'wrong') }));
    expect(reply).toMatchObject({ status: 401, rejectedReason: 'invalid signature' });
    expect(published).toEqual([]);
    expect(rejected.map((r) => r.status)).toEqual([401]);
  });

  it('refuses malformed JSON with 400 once the signature is good', async () => {
    const { useCase, published } = setup();
    const reply = await useCase.execute(delivery('{not json', { 'x-bank-webhook-signature': bankSignatureHeader('{not json', SECRET) }));
    expect(reply.status).toBe(400);
    expect(reply.rejectedReason).toMatch(/malformed JSON/);
    expect(published).toEqual([]);
  });

  it('answers 201 without verifying when skip_webhook_verification is set', async () => {
    const { useCase, published } = setup({ integration: settings({ skipWebhookVerification: true }) });
    expect((await useCase.execute(delivery(account))).status).toBe(201);
    expect(published).toHaveLength(1);
  });

  it('answers 503 with Retry-After, never 2xx, when the event store is unavailable', async () => {
    const { useCase, published } = setup({ publish: async () => Promise.reject(new AppError('kafka_unavailable', 'down')) });
    const reply = await useCase.execute(delivery(account, { 'increase-webhook-signature': increaseSignatureHeader(account, SECRET) }));
    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('5');
    expect(published).toEqual([]);
  });

  it('lets unexpected publish errors surface as errors (a 500), not as acceptance', async () => {
    const { useCase } = setup({ publish: async () => Promise.reject(new Error('bug')) });
    await expect(useCase.execute(delivery(account, { 'increase-webhook-signature': increaseSignatureHeader(account, SECRET) }))).rejects.toThrow('bug');
  });

  it('refuses GET probes from bots unless ?skipbotcheck is present', async () => {
    const { useCase } = setup();
    const bot = { 'user-agent': 'Slackbot-LinkExpanding 1.0' };
    expect((await useCase.execute(delivery('', bot, { method: 'GET' }))).status).toBe(403);
    expect((await useCase.execute(delivery('', bot, { method: 'GET', query: { skipbotcheck: '' } }))).status).toBe(401);
  });

  it('answers 429 with Retry-After beyond the organization rate, publishing and recording nothing', async () => {
    const { useCase, published, rejected, limited } = setup({ limits: new TenantRateLimits({ perIntegration: 0, perOrganization: 1, burstSeconds: 1 }) });
    const signed = { 'increase-webhook-signature': increaseSignatureHeader(account, SECRET) };
    expect((await useCase.execute(delivery(account, signed))).status).toBe(202);
    const reply = await useCase.execute(delivery(account, signed));
    expect(reply.status).toBe(429);
    expect(reply.headers['retry-after']).toBe('1');
    expect(published).toHaveLength(1);
    expect(rejected).toEqual([]);
    expect(limited).toEqual(['organization']);
  });

  it('spends no rate budget on a delivery that fails verification', async () => {
    const { useCase, published } = setup({ limits: new TenantRateLimits({ perIntegration: 1, perOrganization: 0, burstSeconds: 1 }) });
    const forged = { 'increase-webhook-signature': increaseSignatureHeader(account, 'wrong') };
    for (let i = 0; i < 3; i++) expect((await useCase.execute(delivery(account, forged))).status).toBe(401);
    expect((await useCase.execute(delivery(account, { 'increase-webhook-signature': increaseSignatureHeader(account, SECRET) }))).status).toBe(202);
    expect(published).toHaveLength(1);
  });

  it('re-checks a refused signature against a fresh read once the secret has changed', async () => {
    const refreshed: number[] = [];
    const useCase = new ReceiveWebhookUseCase({
      integrations: {
        get: async () => ({ settings: settings(), organizationKey: 'acme' }),
        refresh: async (_id, minAgeMs) => {
          refreshed.push(minAgeMs);
          return { settings: settings({ webhookSecret: 'whsec_new' }), organizationKey: 'acme' };
        },
      },
      findReplicator,
      publisher: { publishReceived: async () => undefined },
      rejections: { record: () => undefined },
      logger: silentLogger,
    });
    const good = await useCase.execute(delivery(account, { 'increase-webhook-signature': increaseSignatureHeader(account, 'whsec_new') }));
    expect(good.status).toBe(202);
    const forged = await useCase.execute(delivery(account, { 'increase-webhook-signature': increaseSignatureHeader(account, 'whsec_forged') }));
    expect(forged.status).toBe(401);
    expect(refreshed).toEqual([1000, 1000]);
  });
});
