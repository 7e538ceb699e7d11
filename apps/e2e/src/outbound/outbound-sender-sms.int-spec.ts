import { randomUUID } from 'node:crypto';
import { MediaUrlSigner } from '@whdb/core';
import { ChannelOrg, eventually, OutboundHarness, readMetric, signalwireError, smsCommand } from '@whdb/testing';

/**
 * Front → SMS through the running outbound sender (docs/behaviour/outbound-sender.md#signalwire,
 * docs/behaviour/media.md): commands published to whdb.commands.outbound, SignalWire faked, the
 * delivery.result read from the channel's inbound topic (the channel projector is not on main yet).
 */
describe('outbound sender: SignalWire SMS', () => {
  const harness = new OutboundHarness(process.env['KAFKA_BROKERS']!, process.env['DATABASE_URL']!);
  let org: ChannelOrg;
  const sendsWith = (body: string) => harness.signalwire.sendRequests().filter((r) => new URLSearchParams(r.body).get('Body') === body);

  beforeAll(async () => {
    await harness.start();
    org = await harness.createChannelOrg();
  }, 120_000);

  afterAll(() => harness.stop(), 60_000);

  it('sends once, publishes the completed row, and answers a redelivered command from the record', async () => {
    const command = smsCommand(org);
    await harness.publish(command);
    const [result] = await harness.waitForResults(command.idempotency_key);
    const sent = sendsWith(command.body);
    expect(sent).toHaveLength(1);
    const form = new URLSearchParams(sent[0]!.body);
    expect({ from: form.get('From'), to: form.get('To') }).toEqual({ from: command.from, to: command.to });
    expect(sent[0]!.headers['authorization']).toBe(`Basic ${Buffer.from(`${harness.signalwire.projectId}:${harness.signalwire.apiToken}`).toString('base64')}`);
    const sid = harness.signalwire.sent.find((m) => m['body'] === command.body)!['sid'];
    expect(result).toMatchObject({ type: 'delivery.result', integration: org.channel, resource: { ...command.row, signalwire_sid: sid } });

    await harness.publish({ ...command, id: randomUUID(), attempt: 2 });
    const results = await harness.waitForResults(command.idempotency_key, 2);
    expect(results[1]!['resource']).toMatchObject({ signalwire_sid: sid });
    expect(sendsWith(command.body)).toHaveLength(1);
  });

  it('sends nothing to a number outside the allowlist: sid "skipped"', async () => {
    const command = smsCommand(org, { to: '+14440001111' });
    await harness.publish(command);
    const [result] = await harness.waitForResults(command.idempotency_key);
    expect(result!['resource']).toMatchObject({ signalwire_sid: 'skipped' });
    expect(sendsWith(command.body)).toHaveLength(0);
  });

  it('alerts on a business error and publishes no result; a later re-issue sends', async () => {
    const command = smsCommand(org);
    harness.signalwire.failSends(signalwireError(422, 21717, 'From must belong to an active campaign.'));
    await harness.publish(command);
    const alert = await eventually(() => harness.alertsFor(org).find((a) => (a['details'] as Record<string, unknown>)['idempotency_key'] === command.idempotency_key) ?? false);
    expect(alert).toMatchObject({ template: 'errors/signalwire_send_sms', service_integration: { opaque_id: org.channel.opaque_id }, details: { signalwire_code: '21717', http_status: 422 } });
    // A later command in the same partition is done only after the refused one: it had no result.
    const marker = smsCommand(org, { external_id: command.external_id, idempotency_key: `${command.idempotency_key}-marker` });
    await harness.publish(marker);
    await harness.waitForResults(marker.idempotency_key);
    expect(harness.resultsFor(command.idempotency_key)).toHaveLength(0);

    await harness.publish({ ...command, id: randomUUID(), attempt: 2 });
    const [result] = await harness.waitForResults(command.idempotency_key);
    expect(result!['resource']).toMatchObject({ signalwire_sid: expect.any(String) });
    expect(sendsWith(command.body)).toHaveLength(2);
    expect(harness.signalwire.sent.filter((m) => m['body'] === command.body)).toHaveLength(1);
  });

  it('retries a 5xx with backoff and no alert, looking for the SMS before sending again', async () => {
    const command = smsCommand(org);
    const alertsBefore = harness.alertsFor(org).length;
    harness.signalwire.failSends(signalwireError(503, 20500, 'Service Unavailable'), 2);
    await harness.publish(command);
    const [result] = await harness.waitForResults(command.idempotency_key);
    expect(sendsWith(command.body)).toHaveLength(3);
    expect(result!['resource']).toMatchObject({ signalwire_sid: expect.any(String) });
    expect(harness.signalwire.sent.filter((m) => m['body'] === command.body)).toHaveLength(1);
    expect(harness.alertsFor(org)).toHaveLength(alertsBefore);
    expect(await readMetric(harness.probeUrl, 'whdb_outbound_sender_provider_retries_total', { provider: 'signalwire', reason: '5xx' })).toBeGreaterThanOrEqual(2);
    expect(await readMetric(harness.probeUrl, 'whdb_outbound_sender_in_flight_resolutions_total', { provider: 'signalwire', outcome: 'not_found' })).toBeGreaterThanOrEqual(2);
  });

  it('honours Retry-After on a 429', async () => {
    const command = smsCommand(org);
    harness.signalwire.rateLimit(1, 2);
    await harness.publish(command);
    await harness.waitForResults(command.idempotency_key);
    const [limited, accepted] = sendsWith(command.body);
    expect(sendsWith(command.body)).toHaveLength(2);
    expect(accepted!.at - limited!.at).toBeGreaterThanOrEqual(1900);
    expect(harness.signalwire.sent.filter((m) => m['body'] === command.body)).toHaveLength(1);
  });

  it('serves Front attachments to SignalWire at expiring, unguessable URLs', async () => {
    harness.signalwire.fetchMediaUrls = true;
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const attachment = harness.front.addAttachment(org.frontChannelId, 'cat.png', 'image/png', png);
    const command = smsCommand(org, { attachments: [attachment] });
    await harness.publish(command);
    await harness.waitForResults(command.idempotency_key);
    const mediaUrl = new URLSearchParams(sendsWith(command.body)[0]!.body).getAll('MediaUrl');
    expect(mediaUrl).toHaveLength(1);
    expect(mediaUrl[0]).toMatch(new RegExp(`^${harness.ingressUrl}/v1/media/[0-9a-f-]{36}\\.\\d+\\.[A-Za-z0-9_-]{43}$`));
    expect(harness.signalwire.fetchedMedia.find((m) => m.url === mediaUrl[0])).toMatchObject({ status: 200, contentType: 'image/png', bytes: png });
    harness.signalwire.fetchMediaUrls = false;

    const [, id, expiry] = /\/v1\/media\/([^.]+)\.(\d+)\./.exec(mediaUrl[0]!)!;
    const signer = new MediaUrlSigner(harness.encryptionKey);
    const status = async (path: string) => (await fetch(`${harness.ingressUrl}${path}`)).status;
    expect(await status(`/v1/media/${signer.sign(id!, new Date(Date.now() - 1000))}`)).toBe(404);
    expect(await status(`/v1/media/${id}.${Number(expiry) + 60}.${'A'.repeat(43)}`)).toBe(404);
    expect(await status(`/v1/media/${signer.sign(randomUUID(), new Date(Date.now() + 60_000))}`)).toBe(404);
    expect(await status('/v1/media/')).toBe(404);
    expect(await status(`/v1/media/${id}`)).toBe(404);
    // Past its delete_at the document is gone even with a valid URL.
    await harness.expireMedia(id!);
    expect(await status(new URL(mediaUrl[0]!).pathname)).toBe(404);
    expect(await harness.deleteExpiredMedia()).toBeGreaterThanOrEqual(1);
  });

  it('after kill -9 between the SignalWire call and recording its answer: no second SMS, the sid is recovered', async () => {
    const command = smsCommand(org);
    harness.signalwire.sendAnswerDelayMs = 5_000;
    await harness.publish(command);
    await eventually(() => harness.signalwire.sent.some((m) => m['body'] === command.body), { timeoutMs: 30_000, description: 'the SMS at SignalWire' });
    await harness.sender.crash();
    harness.signalwire.sendAnswerDelayMs = 0;
    await harness.restartSender();
    const [result] = await harness.waitForResults(command.idempotency_key, 1, 60_000);
    const created = harness.signalwire.sent.filter((m) => m['body'] === command.body);
    expect(created).toHaveLength(1);
    expect(sendsWith(command.body)).toHaveLength(1);
    expect(result!['resource']).toMatchObject({ signalwire_sid: created[0]!['sid'] });
    expect(await readMetric(harness.probeUrl, 'whdb_outbound_sender_in_flight_resolutions_total', { provider: 'signalwire', outcome: 'adopted' })).toBe(1);
  }, 120_000);
});
