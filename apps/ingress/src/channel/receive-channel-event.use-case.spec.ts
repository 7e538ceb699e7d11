import { AppError, IntegrationSettings, silentLogger, WebhookReceivedEvent } from '@whdb/core';
import { frontSignalwireMessageChannelAppV1Replicator as replicator } from '@whdb/replicators';
import { buildFrontChannelEvent, buildFrontChannelMessage, contractIntegration, frontChannelHeaders } from '@whdb/testing';
import { IngressReply } from '../webhooks/ingress-reply';
import { ChannelPath } from './channel-delivery';
import { ReceiveChannelEventUseCase } from './receive-channel-event.use-case';

const SECRET = 'channel-app-secret';
const KEY = 'sk/svi_chan/key';

function settings(overrides: Partial<IntegrationSettings> = {}): IntegrationSettings {
  return contractIntegration(replicator, { organizationId: 4, opaqueId: 'svi_chan', apiUrl: '+15550001111', webhookdbApiKey: KEY, ...overrides });
}

function setup(options: { appSecret?: string; lookup?: () => Promise<never> } = {}) {
  const published: { event: WebhookReceivedEvent; key: string }[] = [];
  const rejected: IngressReply[] = [];
  const writes: string[] = [];
  const integration = settings();
  const useCase = new ReceiveChannelEventUseCase({
    appSecret: 'appSecret' in options ? options.appSecret : SECRET,
    toleranceMs: 300_000,
    publicUrl: 'https://hooks.example.test/',
    replicator,
    integrations: {
      findByApiKey: options.lookup ?? (async (apiKey) => (apiKey === KEY ? { settings: integration, organizationKey: 'acme' } : null)),
      recordFrontChannelId: async (_i, channelId) => void writes.push(`channel ${channelId}`),
      destroy: async (i) => void writes.push(`destroy ${i.settings.opaqueId}`),
    },
    publisher: { publishReceived: async (event, key) => void published.push({ event, key }) },
    rejections: { record: (_delivery, _org, reply) => rejected.push(reply) },
    logger: silentLogger,
  });
  const send = (body: unknown, headerOptions: Parameters<typeof frontChannelHeaders>[3] = {}, path: ChannelPath = { kind: 'channel' }, method = 'POST', extra: Record<string, string> = {}) => {
    const rawBody = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const headers = { ...frontChannelHeaders(SECRET, KEY, rawBody, headerOptions), ...extra };
    return useCase.execute({ path, delivery: { opaqueId: 'x', method, path: '/v1/install/front_signalwire/channel', query: {}, headers, rawBody: Buffer.from(rawBody), correlationId: 'corr', receivedAt: new Date() } });
  };
  return { send, published, rejected, writes };
}

describe('ReceiveChannelEventUseCase (docs/behaviour/channel.md#endpoint)', () => {
  const message = buildFrontChannelMessage({ id: 'msg_1', to: ['2223334444', '5556667777'] });
  const body = buildFrontChannelEvent('message', message);

  it('publishes a message once, with the support number header and without the key, then answers the ids', async () => {
    const { send, published } = setup();
    const reply = await send(body);
    expect(reply).toMatchObject({ status: 200 });
    expect(JSON.parse(reply.body)).toEqual({ type: 'success', external_id: 'msg_1-+12223334444,msg_1-+15556667777', external_conversation_id: '+12223334444,+15556667777' });
    expect(published).toHaveLength(1);
    expect(published[0]!.key).toBe('svi_chan');
    expect(published[0]!.event.request.headers).toMatchObject({ 'whdb-channel-support-number': '+15550001111', authorization: '[redacted]' });
    expect(published[0]!.event.integration).toEqual({ opaque_id: 'svi_chan', service_name: 'front_signalwire_message_channel_app_v1', organization_id: 4 });
  });

  it('keys a one-recipient message by its row, and replaces a support number header sent from outside', async () => {
    const { send, published } = setup();
    const one = buildFrontChannelEvent('message', buildFrontChannelMessage({ id: 'msg_2', to: ['2223334444'] }));
    await send(one, {}, { kind: 'channel' }, 'POST', { 'whdb-channel-support-number': '+19990000000' });
    expect(published[0]!.key).toBe('svi_chan:msg_2-+12223334444');
    expect(published[0]!.event.request.headers['whdb-channel-support-number']).toBe('+15550001111');
  });

  it('checks params before the key, and the key before the signature; records each refusal', async () => {
    const { send, rejected, published } = setup();
    expect(await send({ type: 'nope' }, { authorization: null, signWith: 'x' })).toMatchObject({ status: 400 });
    expect(await send(body, { authorization: null, signWith: 'x' })).toMatchObject({ status: 401, rejectedReason: 'Missing Authorization header' });
    expect(await send(body, { authorization: `Token ${KEY}`, signWith: 'x' })).toMatchObject({ status: 401, rejectedReason: 'Expected Bearer authorization' });
    expect(await send(body, { authorization: 'Bearer other', signWith: 'x' })).toMatchObject({ status: 401, rejectedReason: 'Invalid API key' });
    expect(await send(body, { signWith: 'x' })).toMatchObject({ status: 401, rejectedReason: 'invalid signature' });
    expect(await send(body, {}, { kind: 'message', opaqueId: 'svi_other' })).toMatchObject({ status: 401 });
    expect(JSON.parse((await send(body, { authorization: null })).body)).toEqual({ message: 'Missing Authorization header', code: 'unauthenticated' });
    expect(rejected.map((r) => r.status)).toEqual([400, 401, 401, 401, 401, 401, 401]);
    expect(published).toEqual([]);
  });

  it('refuses a key of another kind of integration as invalid', async () => {
    const other = { settings: settings({ serviceName: 'signalwire_message_v1' }), organizationKey: 'acme' };
    const { send } = setup({ lookup: async () => other as never });
    expect(await send(body)).toMatchObject({ status: 401, rejectedReason: 'Invalid API key' });
  });

  it('stores the Front channel id at authorization and answers the webhook url', async () => {
    const { send, writes } = setup();
    const reply = await send({ type: 'authorization', payload: { channel_id: 'cha_1' } }, {}, { kind: 'authorization' });
    expect(JSON.parse(reply.body)).toEqual({ type: 'success', webhook_url: 'https://hooks.example.test/v1/install/front_signalwire/channel' });
    expect(writes).toEqual(['channel cha_1']);
    expect(await send({ type: 'authorization', payload: {} })).toMatchObject({ status: 400 });
  });

  it('destroys the channel on delete (a bodiless DELETE too), answers {} to message_imported', async () => {
    const { send, writes, published } = setup();
    expect(await send(undefined, {}, { kind: 'channel' }, 'DELETE')).toMatchObject({ status: 200, body: '{}' });
    expect(writes).toEqual(['destroy svi_chan']);
    expect(await send({ type: 'message_imported', payload: message })).toMatchObject({ status: 200, body: '{}' });
    expect(published).toEqual([]);
  });

  it('answers 400 to a message with no to recipient, 503 without the app secret or the control plane', async () => {
    expect(await setup().send(buildFrontChannelEvent('message', buildFrontChannelMessage({ to: [] })))).toMatchObject({ status: 400 });
    expect(await setup({ appSecret: undefined }).send(body)).toMatchObject({ status: 503 });
    const down = setup({ lookup: () => Promise.reject(new AppError('database_unavailable', 'db down', {}, { retriable: true })) as never });
    expect(await down.send(body)).toMatchObject({ status: 503 });
  });
});
