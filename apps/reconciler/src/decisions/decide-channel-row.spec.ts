import { signalwireTime } from '@whdb/testing';
import { decideChannelRow } from './decide-channel-row';

const now = new Date('2024-05-03T12:00:00Z');
const clock = { now, cutoffSeconds: 172_800 };
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

/** A stored row as a row-change `after` carries it: columns, then `data`. */
function stored(columns: Record<string, unknown>, data: Record<string, unknown>) {
  return { pk: 7, row_updated_at: now.toISOString(), external_id: null, signalwire_sid: null, front_message_id: null, external_conversation_id: null, direction: null, body: null, sender: null, recipient: null, ...columns, data } as never;
}

const smsData = (at: Date) => ({ sid: 'SM1', date_created: signalwireTime(at), body: 'Hi', from: '+17778889999', to: '+15550001111', direction: 'inbound', external_id: 'SM1', signalwire_sid: 'SM1', sender: '+17778889999', recipient: '+15550001111', external_conversation_id: '+17778889999' });
const frontData = (createdAt: number) => ({
  type: 'message',
  payload: { id: 'msg_1', created_at: createdAt, attachments: [{ id: 'fil_1', url: 'https://x.frontapp.com/download/fil_1', filename: 'a.png', content_type: 'image/png' }, { id: 'bad' }] },
  front_message_id: 'msg_1',
  direction: 'outbound',
  body: 'Reply',
  sender: '+15550001111',
  recipient: '2223334444',
  external_id: 'msg_1-+12223334444',
  external_conversation_id: '+12223334444',
});

describe('decideChannelRow (SPEC 15.5, docs/behaviour/channel.md#decisions)', () => {
  it('imports a fresh SMS row into Front, with the row rebuilt as its complete body', () => {
    const decision = decideChannelRow(stored({ external_id: 'SM1', signalwire_sid: 'SM1', direction: 'inbound' }, smsData(hoursAgo(1))), clock);
    expect(decision).toMatchObject({ kind: 'import', direction: 'inbound', externalId: 'SM1', sender: '+17778889999', recipient: '+15550001111', externalConversationId: '+17778889999', body: 'Hi', signalwireSid: 'SM1', deliveredAt: Math.floor(hoursAgo(1).getTime() / 1000) });
    expect(decision.kind === 'import' && decision.row).toEqual({ ...smsData(hoursAgo(1)), front_message_id: null });
  });

  it('sends a fresh Front row as an SMS, E.164, with its attachments', () => {
    const decision = decideChannelRow(stored({ external_id: 'msg_1-+12223334444', front_message_id: 'msg_1' }, frontData(hoursAgo(1).getTime() / 1000)), clock);
    expect(decision).toMatchObject({ kind: 'send', externalId: 'msg_1-+12223334444', from: '+15550001111', to: '+12223334444', body: 'Reply' });
    expect(decision.kind === 'send' && decision.attachments).toEqual([{ id: 'fil_1', url: 'https://x.frontapp.com/download/fil_1', filename: 'a.png', content_type: 'image/png' }]);
  });

  it('skips what is older than the cutoff, completing the missing id with skipped_due_to_age', () => {
    expect(decideChannelRow(stored({}, smsData(hoursAgo(49))), clock)).toMatchObject({ kind: 'skip', externalId: 'SM1', row: { front_message_id: 'skipped_due_to_age', signalwire_sid: 'SM1' } });
    expect(decideChannelRow(stored({}, frontData(hoursAgo(49).getTime() / 1000)), clock)).toMatchObject({ kind: 'skip', row: { signalwire_sid: 'skipped_due_to_age', front_message_id: 'msg_1' } });
    expect(decideChannelRow(stored({}, smsData(hoursAgo(47))), clock).kind).toBe('import');
  });

  it('judges a row that does not say when it happened as fresh', () => {
    const { date_created: _d, ...undated } = smsData(now);
    expect(decideChannelRow(stored({}, undated), clock)).toMatchObject({ kind: 'import', deliveredAt: now.getTime() / 1000 });
  });

  it('does nothing for a converged row (a sentinel counts as set), and refuses a row with neither id', () => {
    expect(decideChannelRow(stored({ signalwire_sid: 'skipped' }, frontData(now.getTime() / 1000)), clock)).toEqual({ kind: 'converged' });
    expect(decideChannelRow(stored({ external_id: 'x' }, { external_id: 'x' }), clock)).toMatchObject({ kind: 'invalid' });
    expect(decideChannelRow(stored({}, { ...smsData(now), direction: 'sideways' }), clock)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('sideways') });
  });
});
