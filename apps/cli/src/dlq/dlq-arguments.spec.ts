import { parseDlqCursor, parseDlqLimit, parseDlqTopic, parsePositions } from './dlq-arguments';
import { describeRedrive, deadLetterRow } from './dlq-table';

describe('dlq arguments', () => {
  it('takes dead-letter topics only, naming the .dlq of a plain topic', () => {
    expect(parseDlqTopic('whdb.inbound.increase_account_v1.dlq')).toBe('whdb.inbound.increase_account_v1.dlq');
    expect(() => parseDlqTopic('whdb.inbound.increase_account_v1')).toThrow('its dead letters are in whdb.inbound.increase_account_v1.dlq');
    expect(() => parseDlqTopic('a b.dlq')).toThrow(/not a dead-letter topic/);
  });

  it('takes positions as <partition>:<offset>, once each, at most 500', () => {
    expect(parsePositions(['0:120', '1:7', '0:120', '0:0120'])).toEqual([{ partition: 0, offset: '120' }, { partition: 1, offset: '7' }]);
    expect(() => parsePositions(['120'])).toThrow('"120" is not a message position');
    expect(() => parsePositions(Array.from({ length: 501 }, (_, i) => `0:${i}`))).toThrow(/At most 500 messages per redrive/);
  });

  it('checks limits and cursors before asking the api', () => {
    expect(parseDlqLimit('500')).toBe(500);
    expect(() => parseDlqLimit('501')).toThrow(/from 1 to 500/);
    expect(parseDlqCursor('0:42')).toBe('0:42');
    expect(() => parseDlqCursor('42')).toThrow(/--cursor/);
  });
});

describe('dlq output', () => {
  it('shows a message on one row, its error cut to one short line', () => {
    const row = deadLetterRow({ topic: 't.dlq', partition: 0, offset: '5', key: 'svi_a:1', error: `Missing table\n${'x'.repeat(100)}`, error_code: 'not_found', original_topic: 't', failed_at: 'f', correlation_id: 'c', redriven_at: null });
    expect(row.slice(0, 5)).toEqual(['0:5', 'svi_a:1', 'not_found', 'f', '-']);
    expect(row[5]).toMatch(/^Missing table x+\.\.\.$/);
    expect(row[5]).toHaveLength(80);
  });

  it('says what was redriven now and what had been before', () => {
    expect(describeRedrive({ topic: 't.dlq', original_topic: 't', redriven: [{ partition: 0, offset: '5' }], already_redriven: [{ partition: 0, offset: '4' }] })).toBe(
      'Redrove 1 message of t.dlq to t: 0:5.\nAlready redriven before, not published again: 0:4.',
    );
    expect(describeRedrive({ topic: 't.dlq', original_topic: 't', redriven: [], already_redriven: [] })).toBe('Redrove nothing new from t.dlq.');
  });
});
