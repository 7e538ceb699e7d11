import { randomUUID } from 'node:crypto';
import { JsonObject } from '@whdb/core';
import {
  buildFrontChannelEvent,
  buildFrontChannelMessage,
  buildSignalwireMessage,
  eventually,
  FakeFrontChannel,
  FakeSignalwire,
  readMetric,
  signalwireTime,
  TableProbe,
  TopicPublisher,
  TopicWatcher,
  WhdbStack,
} from '@whdb/testing';
import { CHANNEL_APP_ID, CHANNEL_APP_SECRET, CHANNEL_SERVICE, channelStackEnv, ChannelSetup, deliverSms, sendChannelEvent, setUpChannel, settle, SUPPORT, waitForCommand } from './channel-fixture';

const CUSTOMER = '+17775550100';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 7, 7]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 9, 9]);

/**
 * A whole conversation through every service as its own process (docs/behaviour/channel.md#flows):
 * ingress, api, the SignalWire and channel projectors, the reconciler and the outbound sender,
 * against the fakes of SignalWire and Front. Nothing is published by the test except where it
 * plays Kafka redelivering a command. Each message must appear exactly once at each fake, and
 * each channel row must converge with both ids.
 */
describe('Front SignalWire channel: a two-way conversation through the whole stack', () => {
  const brokers = process.env['KAFKA_BROKERS']!;
  let signalwire: FakeSignalwire;
  let front: FakeFrontChannel;
  let stack: WhdbStack;
  let probe: TableProbe;
  let commands: TopicWatcher;
  let results: TopicWatcher;
  let publisher: TopicPublisher;
  let setup: ChannelSetup;
  const channelId = `cha_${randomUUID().slice(0, 8)}`;
  const channelRow = (externalId: string) => eventually(async () => (await probe.rows<JsonObject>(setup.orgKey, setup.channel.table, 'external_id = $1', [externalId]))[0] ?? false, { description: `channel row ${externalId}` });
  const converged = (externalId: string) =>
    eventually(
      async () => {
        const row = await channelRow(externalId);
        return row['signalwire_sid'] !== null && row['front_message_id'] !== null ? row : false;
      },
      { description: `channel row ${externalId} converged` },
    );
  const importsOf = (externalId: string) => front.imports.filter((i) => i.externalId === externalId);
  const smsWith = (body: string) => signalwire.sent.filter((m) => m['body'] === body);
  const inboundSms = (overrides: JsonObject) => buildSignalwireMessage({ direction: 'inbound', from: CUSTOMER, to: SUPPORT, status: 'received', num_media: 0, ...overrides }, new Date());

  beforeAll(async () => {
    signalwire = await new FakeSignalwire({ space: 'conv' }).addMessages(buildSignalwireMessage()).start();
    front = await new FakeFrontChannel({ appId: CHANNEL_APP_ID, appSecret: CHANNEL_APP_SECRET }).start();
    stack = await new WhdbStack({
      kafkaBrokers: brokers,
      databaseUrl: process.env['DATABASE_URL']!,
      replicators: ['signalwire_message_v1', CHANNEL_SERVICE],
      env: { ...channelStackEnv(signalwire), FRONT_API_URL: front.url },
      // Re-issues out of reach: every command seen is a first issue (or the test's redelivery).
      reconciler: { WHDB_RECONCILER_RETRY_BASE_SECONDS: '3600', WHDB_RETRY_BACKOFF_MAX_SECONDS: '3600' },
      outboundSender: { SIGNALWIRE_SMS_ALLOWLIST: '+1777*', WHDB_RETRY_BACKOFF_MAX_SECONDS: '2' },
      startTimeoutMs: 90_000,
    }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    commands = await new TopicWatcher(brokers, 'whdb.commands.outbound').start();
    results = await new TopicWatcher(brokers, `whdb.inbound.${CHANNEL_SERVICE}`).start();
    publisher = await new TopicPublisher(brokers).start();
    setup = await setUpChannel(stack, signalwire, 'e2e_conv');
  }, 240_000);

  afterAll(async () => {
    if (process.env['DEBUG_LOGS']) console.log(stack?.logs());
    await Promise.all([commands?.stop(), results?.stop(), publisher?.stop()]);
    await stack?.stop();
    if (setup) await probe?.dropOrganizationSchema(setup.orgKey);
    await probe?.close();
    await Promise.all([signalwire?.stop(), front?.stop()]);
  });

  it('is connected by Front: authorization answers the channel webhook url', async () => {
    const answer = await sendChannelEvent(stack, setup, { type: 'authorization', payload: { channel_id: channelId } });
    expect(answer).toMatchObject({ status: 200, json: { type: 'success', webhook_url: `${stack.ingressUrl}/v1/install/front_signalwire/channel` } });
  });

  it('carries SMS, a reply, an MMS image and a reply with an attachment, each once, and converges every row', async () => {
    // 1. The customer texts the support number: one inbound import into the Front channel.
    const first = inboundSms({ body: 'Hi, is my order on its way?' });
    await deliverSms(stack, setup, first);
    const firstImport = await eventually(() => importsOf(String(first['sid']))[0] ?? false, { description: 'the SMS imported into Front' });
    expect(firstImport).toMatchObject({ channelId, direction: 'inbound', multipart: false, handle: CUSTOMER, externalConversationId: CUSTOMER, body: 'Hi, is my order on its way?' });
    expect(await converged(String(first['sid']))).toMatchObject({ signalwire_sid: first['sid'], front_message_id: firstImport.messageUid, direction: 'inbound' });

    // 2. An agent replies in Front (typed as Front shows the handle): one SMS from the support number.
    const reply = buildFrontChannelMessage({ to: ['(777) 555-0100'], text: 'Yes, it ships today.' });
    const replyAnswer = await sendChannelEvent(stack, setup, buildFrontChannelEvent('message', reply));
    const replyId = `${reply['id']}-${CUSTOMER}`;
    expect(replyAnswer).toMatchObject({ status: 200, json: { type: 'success', external_id: replyId, external_conversation_id: CUSTOMER } });
    const [sms] = await eventually(() => (smsWith('Yes, it ships today.').length > 0 ? smsWith('Yes, it ships today.') : false), { description: 'the reply at SignalWire' });
    expect(sms).toMatchObject({ from: SUPPORT, to: CUSTOMER, media_urls: [] });
    expect(await converged(replyId)).toMatchObject({ signalwire_sid: sms!['sid'], front_message_id: reply['id'], direction: 'outbound' });

    // SignalWire then reports the reply delivered (outbound-api from support): not imported back (no echo).
    const { media_urls: _urls, ...stored } = sms!;
    await deliverSms(stack, setup, { ...stored, status: 'delivered', date_sent: sms!['date_created'], date_updated: signalwireTime(new Date(Date.now() + 1000)) });
    await eventually(async () => (await probe.rows(setup.orgKey, setup.signalwire.table, 'signalwire_id = $1 AND status = $2', [sms!['sid'], 'delivered'])).length === 1, { description: 'the delivered SMS row' });

    // 3. The customer answers with a photo: an MMS, imported as multipart with the image.
    const mms = inboundSms({ body: 'Here is the damaged box', num_media: 1 });
    signalwire.addMedia(String(mms['sid']), { contentType: 'image/jpeg', bytes: JPEG });
    await deliverSms(stack, setup, mms);
    const mmsImport = await eventually(() => importsOf(String(mms['sid']))[0] ?? false, { description: 'the MMS imported into Front' });
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    expect(mmsImport).toMatchObject({ direction: 'inbound', multipart: true, handle: CUSTOMER, body: 'Here is the damaged box' });
    expect(mmsImport.attachments).toEqual([{ field: 'attachments[0]', filename: `${day}-attachment1.jpeg`, contentType: 'image/jpeg', bytes: JPEG }]);
    expect(await converged(String(mms['sid']))).toMatchObject({ front_message_id: mmsImport.messageUid });

    // 4. The agent replies with a label: an MMS whose media SignalWire fetches through the expiring URL.
    signalwire.fetchMediaUrls = true;
    const label = front.addAttachment(channelId, 'return-label.png', 'image/png', PNG);
    const withFile = buildFrontChannelMessage({ to: ['7775550100'], text: 'Sorry! Here is a return label.', attachments: [{ ...label }] });
    await sendChannelEvent(stack, setup, buildFrontChannelEvent('message', withFile));
    const withFileId = `${withFile['id']}-${CUSTOMER}`;
    const [mmsOut] = await eventually(() => (smsWith('Sorry! Here is a return label.').length > 0 ? smsWith('Sorry! Here is a return label.') : false), { description: 'the MMS at SignalWire' });
    const mediaUrls = mmsOut!['media_urls'] as string[];
    expect(mediaUrls).toEqual([expect.stringMatching(new RegExp(`^${stack.ingressUrl}/v1/media/[0-9a-f-]{36}\\.\\d+\\.[A-Za-z0-9_-]{43}$`))]);
    // The fake records the send before it fetches the media (as SignalWire fetches after accepting).
    await eventually(() => signalwire.fetchedMedia.some((m) => m.url === mediaUrls[0]), { description: 'SignalWire fetching the media' });
    expect(signalwire.fetchedMedia.filter((m) => m.url === mediaUrls[0])).toEqual([{ url: mediaUrls[0], status: 200, contentType: 'image/png', bytes: PNG }]);
    signalwire.fetchMediaUrls = false;
    expect(await converged(withFileId)).toMatchObject({ signalwire_sid: mmsOut!['sid'], front_message_id: withFile['id'] });

    // Exactly once at each fake, and nothing else in this conversation.
    await settle();
    expect(signalwire.sent.filter((m) => m['to'] === CUSTOMER).map((m) => m['body'])).toEqual(['Yes, it ships today.', 'Sorry! Here is a return label.']);
    expect(front.imports.filter((i) => i.externalConversationId === CUSTOMER).map((i) => i.externalId)).toEqual([first['sid'], mms['sid']]);
    const rows = await probe.rows<JsonObject>(setup.orgKey, setup.channel.table, 'external_conversation_id = $1', [CUSTOMER]);
    expect(rows.map((r) => [r['external_id'], r['signalwire_sid'], r['front_message_id']])).toEqual([
      [first['sid'], first['sid'], firstImport.messageUid],
      [replyId, sms!['sid'], reply['id']],
      [mms['sid'], mms['sid'], mmsImport.messageUid],
      [withFileId, mmsOut!['sid'], withFile['id']],
    ]);
  });

  it('does not send twice when Kafka redelivers a command: the sender replays the recorded result', async () => {
    const reply = buildFrontChannelMessage({ to: ['7775550101'], text: 'Redelivered?' });
    await sendChannelEvent(stack, setup, buildFrontChannelEvent('message', reply));
    const externalId = `${reply['id']}-+17775550101`;
    const command = await waitForCommand(commands, setup.channel.opaqueId, (c) => c.external_id === externalId);
    const row = await converged(externalId);
    await publisher.publish('whdb.commands.outbound', `${setup.channel.opaqueId}:${externalId}`, command);
    const resultsOf = () => results.messages.map((m) => m.json<JsonObject>()).filter((e) => e['command_key'] === command.idempotency_key);
    await eventually(() => resultsOf().length === 2, { description: 'the replayed delivery.result' });
    expect(resultsOf().map((e) => (e['resource'] as JsonObject)['signalwire_sid'])).toEqual([row['signalwire_sid'], row['signalwire_sid']]);
    expect(smsWith('Redelivered?')).toHaveLength(1);
    // At least the redelivery is answered from the record (a consumer rebalance may deliver it once more); the SMS count above is the invariant.
    expect(await readMetric(stack.outboundSender!.options.probeUrl, 'whdb_outbound_sender_sends_total', { provider: 'signalwire', outcome: 'replayed' })).toBeGreaterThanOrEqual(1);
    expect(await channelRow(externalId)).toEqual(row);
  });

  it('respects the SMS allowlist: a reply to a number outside it converges as "skipped" and is never texted', async () => {
    const reply = buildFrontChannelMessage({ to: ['2125550199'], text: 'Not on the list' });
    await sendChannelEvent(stack, setup, buildFrontChannelEvent('message', reply));
    expect(await converged(`${reply['id']}-+12125550199`)).toMatchObject({ signalwire_sid: 'skipped' });
    expect(signalwire.sendRequests().filter((r) => new URLSearchParams(r.body).get('To') === '+12125550199')).toEqual([]);
  });

  it('retries a Front import refused with 429 and 5xx, and imports it once', async () => {
    front.rateLimit(1, 1);
    front.serverError(2, 503);
    const sms = inboundSms({ from: '+17775550102', body: 'Retry me' });
    await deliverSms(stack, setup, sms);
    const row = await converged(String(sms['sid']));
    await settle();
    expect(front.importRequests().filter((r) => r.body.includes(String(sms['sid'])))).toHaveLength(4);
    expect(importsOf(String(sms['sid']))).toEqual([expect.objectContaining({ body: 'Retry me', messageUid: row['front_message_id'] })]);
  });
});
