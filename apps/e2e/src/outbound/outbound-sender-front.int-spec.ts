import { randomUUID } from 'node:crypto';
import { buildSignalwireMessage, ChannelOrg, eventually, frontCommand, OutboundHarness, readMetric, CHANNEL_SUPPORT_NUMBER } from '@whdb/testing';

/**
 * SMS → Front through the running outbound sender (docs/behaviour/outbound-sender.md#front-import):
 * imports into the fake Front channel API, SPEC 15.6 body and media rules, retries, the failed-send
 * notice, and an import interrupted by kill -9.
 */
describe('outbound sender: Front imports', () => {
  const harness = new OutboundHarness(process.env['KAFKA_BROKERS']!, process.env['DATABASE_URL']!);
  let org: ChannelOrg;
  const importsOf = (externalId: string) => harness.front.imports.filter((i) => i.externalId === externalId);

  beforeAll(async () => {
    await harness.start();
    org = await harness.createChannelOrg();
  }, 120_000);

  afterAll(() => harness.stop(), 60_000);

  it('imports an inbound SMS as JSON with a channel JWT, once, and publishes the row with front_message_id', async () => {
    const command = frontCommand(org, { sender: '(555) 765-0000' });
    await harness.replicateSms(org, buildSignalwireMessage({ sid: command.signalwire_sid!, body: command.body, num_media: 0 }));
    await harness.publish(command);
    const [result] = await harness.waitForResults(command.idempotency_key);
    const [imported] = importsOf(command.external_id);
    expect(imported).toMatchObject({ channelId: org.frontChannelId, direction: 'inbound', multipart: false, handle: '+15557650000', body: command.body, externalConversationId: '+15557650000', deliveredAt: command.delivered_at });
    expect(result).toMatchObject({ type: 'delivery.result', resource: { ...command.row, front_message_id: imported!.messageUid } });

    await harness.publish({ ...command, id: randomUUID(), attempt: 2 });
    const results = await harness.waitForResults(command.idempotency_key, 2);
    expect(results[1]!['resource']).toMatchObject({ front_message_id: imported!.messageUid });
    expect(importsOf(command.external_id)).toHaveLength(1);
  });

  it('imports an outbound-api SMS with to[] and notes a missing parent row (SPEC 15.6)', async () => {
    const command = frontCommand(org, { direction: 'outbound', sender: CHANNEL_SUPPORT_NUMBER, recipient: '+15557650000', body: ' ' });
    await harness.publish(command);
    await harness.waitForResults(command.idempotency_key);
    expect(importsOf(command.external_id)[0]).toMatchObject({
      direction: 'outbound',
      handle: '+15557650000',
      body: `<no body>\nError: No replicated row for SMS ${command.signalwire_sid} found in database, attachments not found.`,
    });
  });

  it('imports MMS as multipart: first text/plain appended, images attached and named per SPEC 15.6', async () => {
    const command = frontCommand(org, { body: 'look', delivered_at: Date.parse('2026-12-02T10:00:00Z') / 1000 });
    const sid = command.signalwire_sid!;
    await harness.replicateSms(org, buildSignalwireMessage({ sid, body: 'look', num_media: 4, subresource_uris: { media: `/api/laml/2010-04-01/Accounts/${harness.signalwire.projectId}/Messages/${sid}/Media.json` } }));
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 1]);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 2]);
    harness.signalwire.addMedia(
      sid,
      { contentType: 'text/html', bytes: Buffer.from('<b>ignored</b>') },
      { contentType: 'image/jpeg', bytes: jpeg },
      { contentType: 'text/plain', bytes: Buffer.from('from the text part') },
      { contentType: 'image/png', bytes: png },
    );
    await harness.publish(command);
    await harness.waitForResults(command.idempotency_key);
    const [imported] = importsOf(command.external_id);
    expect(imported).toMatchObject({ multipart: true, body: 'look\nfrom the text part', handle: '+15557650000' });
    expect(imported!.fields).toMatchObject({ 'sender[handle]': '+15557650000', 'metadata[external_id]': command.external_id, delivered_at: String(command.delivered_at) });
    expect(imported!.attachments).toEqual([
      { field: 'attachments[0]', filename: '20261202-attachment1.jpeg', contentType: 'image/jpeg', bytes: jpeg },
      { field: 'attachments[1]', filename: '20261202-attachment2.png', contentType: 'image/png', bytes: png },
    ]);
  });

  it('retries 429 (after Retry-After) and 5xx without a duplicate', async () => {
    const command = frontCommand(org);
    harness.front.rateLimit(1, 2);
    harness.front.serverError(1);
    await harness.publish(command);
    await harness.waitForResults(command.idempotency_key);
    const posts = harness.front.importRequests().filter((r) => r.body.includes(command.external_id));
    expect(posts).toHaveLength(3);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1900);
    expect(importsOf(command.external_id)).toHaveLength(1);
  });

  it('imports a failed-send notice once and publishes nothing for it', async () => {
    const notice = frontCommand(org, { signalwire_sid: null, external_id: randomUUID(), idempotency_key: `fsmca-swfail-${randomUUID()}`, body: 'SMS failed to send. Error (30007): Carrier violation\nHello', row: null });
    await harness.publish(notice);
    await harness.publish({ ...notice, id: randomUUID() });
    const marker = frontCommand(org, { external_id: notice.external_id, idempotency_key: `${notice.idempotency_key}-marker` });
    await harness.publish(marker);
    await harness.waitForResults(marker.idempotency_key);
    expect(importsOf(notice.external_id).filter((i) => i.body.startsWith('SMS failed'))).toHaveLength(1);
    expect(harness.resultsFor(notice.idempotency_key)).toHaveLength(0);
  });

  it('after kill -9 during a Front import: not imported again, recorded as unconfirmed, alerted', async () => {
    const command = frontCommand(org);
    harness.front.importAnswerDelayMs = 5_000;
    await harness.publish(command);
    await eventually(() => importsOf(command.external_id).length === 1, { timeoutMs: 30_000, description: 'the import at Front' });
    await harness.sender.crash();
    harness.front.importAnswerDelayMs = 0;
    await harness.restartSender();
    const [result] = await harness.waitForResults(command.idempotency_key, 1, 60_000);
    expect(result!['resource']).toMatchObject({ front_message_id: 'import_unconfirmed' });
    expect(importsOf(command.external_id)).toHaveLength(1);
    const alert = await eventually(() => harness.alertsFor(org).find((a) => a['template'] === 'errors/front_import_unconfirmed') ?? false);
    expect(alert['details']).toMatchObject({ external_id: command.external_id });
    expect(await readMetric(harness.probeUrl, 'whdb_outbound_sender_in_flight_resolutions_total', { provider: 'front', outcome: 'unconfirmed' })).toBe(1);
  }, 120_000);
});
