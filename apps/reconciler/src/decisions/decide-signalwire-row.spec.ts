import { buildSignalwireMessage, signalwireTime } from '@whdb/testing';
import { decideSignalwireRow } from './decide-signalwire-row';

const SUPPORT = '+15550001111';
const now = new Date('2024-05-03T12:00:00Z');
const row = (overrides: Record<string, unknown>, at = now) => {
  const data = buildSignalwireMessage(overrides as never, at);
  return { pk: 1, signalwire_id: data['sid'], data } as never;
};

describe('decideSignalwireRow (SPEC 15.4, docs/behaviour/channel.md#sms-rows)', () => {
  it('mirrors an inbound SMS to support, the customer being the conversation', () => {
    const { mirror, notice } = decideSignalwireRow(row({ sid: 'SM1', direction: 'inbound', from: '+17778889999', to: SUPPORT, status: 'received' }), SUPPORT, now);
    expect(notice).toBeNull();
    expect(mirror).toMatchObject({ sid: 'SM1', direction: 'inbound', customer: '+17778889999', resource: { external_id: 'SM1', signalwire_sid: 'SM1', sender: '+17778889999', recipient: SUPPORT, external_conversation_id: '+17778889999', direction: 'inbound', body: 'Hello from SignalWire' } });
  });

  it('mirrors an outbound-api SMS from support as outbound; ignores other numbers and directions', () => {
    expect(decideSignalwireRow(row({ direction: 'outbound-api', from: SUPPORT, to: '+18889990000' }), SUPPORT, now).mirror).toMatchObject({ direction: 'outbound', customer: '+18889990000', resource: { external_conversation_id: '+18889990000' } });
    expect(decideSignalwireRow(row({ direction: 'outbound-reply', from: SUPPORT }), SUPPORT, now).mirror).toBeNull();
    expect(decideSignalwireRow(row({ direction: 'inbound', to: '+19990000000' }), SUPPORT, now).mirror).toBeNull();
    expect(decideSignalwireRow(row({ direction: 'outbound-api', from: '+15550001111 ' }), SUPPORT, now).mirror).toBeNull();
  });

  it('announces a recent failed or undelivered send from support, with the error and 26 characters of the text', () => {
    for (const status of ['failed', 'undelivered']) {
      const { notice } = decideSignalwireRow(row({ sid: 'SM9', status, from: SUPPORT, to: '+12223334444', error_code: 21610, error_message: 'Unsubscribed', body: 'abcdefghijklmnopqrstuvwxyz0123' }, new Date(now.getTime() - 3_600_000)), SUPPORT, now);
      expect(notice).toEqual({ sid: 'SM9', sender: '+12223334444', recipient: SUPPORT, externalConversationId: '+12223334444', body: 'SMS failed to send. Error (21610): Unsubscribed\nabcdefghijklmnopqrstuvwxyz', deliveredAt: now.getTime() / 1000 });
    }
    expect(decideSignalwireRow(row({ status: 'failed', from: SUPPORT, error_code: null, error_message: null, body: null }), SUPPORT, now).notice?.body).toBe('SMS failed to send. Error (-): -\n');
  });

  it('does not announce a failure older than 4 days, a delivered SMS, or one from another number', () => {
    expect(decideSignalwireRow(row({ status: 'failed', from: SUPPORT }, new Date(now.getTime() - 4 * 86_400_000 - 1000)), SUPPORT, now).notice).toBeNull();
    expect(decideSignalwireRow(row({ status: 'delivered', from: SUPPORT }), SUPPORT, now).notice).toBeNull();
    expect(decideSignalwireRow(row({ status: 'failed', from: '+19990000000' }), SUPPORT, now).notice).toBeNull();
    expect(decideSignalwireRow(row({ status: 'failed', from: SUPPORT, date_updated: 'not a date' }), SUPPORT, now).notice).toBeNull();
    expect(signalwireTime(now)).toBe('Fri, 03 May 2024 12:00:00 +0000');
  });
});
