import { FakeFrontChannel } from './fake-front-channel.server';
import { signFrontChannelToken } from './front-channel-token';

/** The Front channel fake speaks the documented protocol, errors included (PROVIDERS 1.3-1.5, 7.1). */
describe('FakeFrontChannel', () => {
  const front = new FakeFrontChannel({ appId: 'front_swchan_app_id', appSecret: 'front_swchan_app_secret' });
  beforeAll(() => front.start());
  afterAll(() => front.stop());

  const post = async (channel: string, direction: string, body: string | FormData, token?: string) =>
    fetch(`${front.url}/channels/${channel}/${direction}_messages`, {
      method: 'POST',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}) },
      body,
    });
  const inbound = JSON.stringify({ sender: { handle: '+12223334444' }, body: 'hi WHDB', delivered_at: 1673348400, metadata: { external_id: 'sw_id_only', external_conversation_id: 'convoid' } });

  it('accepts a JSON import with a valid channel JWT: 202 {status, message_uid}', async () => {
    const response = await post('fchan1', 'inbound', inbound, await signFrontChannelToken('front_swchan_app_id', 'front_swchan_app_secret', 'fchan1'));
    expect(response.status).toBe(202);
    const answer = (await response.json()) as { status: string; message_uid: string };
    expect(answer.status).toBe('accepted');
    expect(front.imports.at(-1)).toMatchObject({ channelId: 'fchan1', direction: 'inbound', messageUid: answer.message_uid, handle: '+12223334444', body: 'hi WHDB', externalId: 'sw_id_only', deliveredAt: 1673348400 });
  });

  it('refuses no token, a token for another channel, another issuer, or a token living more than 30 s', async () => {
    expect((await post('fchan1', 'inbound', inbound)).status).toBe(401);
    expect((await post('fchan1', 'inbound', inbound, await signFrontChannelToken('front_swchan_app_id', 'front_swchan_app_secret', 'fchan2'))).status).toBe(401);
    expect((await post('fchan1', 'inbound', inbound, await signFrontChannelToken('other_app', 'front_swchan_app_secret', 'fchan1'))).status).toBe(401);
    expect((await post('fchan1', 'inbound', inbound, await signFrontChannelToken('front_swchan_app_id', 'wrong', 'fchan1'))).status).toBe(401);
    expect((await post('fchan1', 'inbound', inbound, await signFrontChannelToken('front_swchan_app_id', 'front_swchan_app_secret', 'fchan1', 300))).status).toBe(401);
  });

  it('accepts multipart with bracket fields and attachments; enforces required fields and the 200-character limit', async () => {
    const token = () => signFrontChannelToken('front_swchan_app_id', 'front_swchan_app_secret', 'fchan1');
    const form = new FormData();
    form.append('to[0][handle]', '+12223334444');
    form.append('body', 'see picture');
    form.append('metadata[external_id]', 'e1');
    form.append('metadata[external_conversation_id]', 'c1');
    form.append('attachments[0]', new Blob([Buffer.from([1, 2, 3])], { type: 'image/png' }), '20230110-attachment1.png');
    expect((await post('fchan1', 'outbound', form, await token())).status).toBe(202);
    expect(front.imports.at(-1)).toMatchObject({ direction: 'outbound', multipart: true, handle: '+12223334444', attachments: [{ filename: '20230110-attachment1.png', contentType: 'image/png', bytes: Buffer.from([1, 2, 3]) }] });
    const long = JSON.stringify({ sender: { handle: '+1' }, body: 'x', metadata: { external_id: 'e'.repeat(201), external_conversation_id: 'c' } });
    expect((await post('fchan1', 'inbound', long, await token())).status).toBe(400);
    expect((await post('fchan1', 'inbound', JSON.stringify({ body: 'x' }), await token())).status).toBe(400);
  });

  it('injects 429 with Retry-After and 500 with the _error body', async () => {
    const token = await signFrontChannelToken('front_swchan_app_id', 'front_swchan_app_secret', 'fchan1');
    front.rateLimit(1, 7);
    const limited = await post('fchan1', 'inbound', inbound, token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    front.serverError(1);
    const failed = await post('fchan1', 'inbound', inbound, token);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ _error: { status: 500 } });
  });

  it('serves attachment downloads to the channel JWT only', async () => {
    const attachment = front.addAttachment('fchan1', 'cat.png', 'image/png', Buffer.from([9, 8, 7]));
    const ok = await fetch(attachment.url, { headers: { authorization: `Bearer ${await signFrontChannelToken('front_swchan_app_id', 'front_swchan_app_secret', 'fchan1')}` } });
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(Buffer.from([9, 8, 7]));
    expect((await fetch(attachment.url)).status).toBe(401);
  });
});
