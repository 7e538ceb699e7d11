import { decodeOutboxBatch, encodeOutboxBatch, OutboxMessage } from './outbox-message';

describe('outbox batches', () => {
  const messages: OutboxMessage[] = [
    { topic: 'whdb.rows.a_v1', key: 'svi_1:k1', headers: { ce_id: '1' }, value: '{"op":"c","after":{"n":12345678901234567890123,"s":"line\\nbreak"}}' },
    { topic: 'whdb.rows.a_v1', key: 'svi_1:k2', headers: {}, value: '{"op":"u","after":{"n":1.0000000000000000001}}' },
  ];

  it('round-trips messages with their values byte for byte (big numbers keep their digits)', () => {
    expect(decodeOutboxBatch(encodeOutboxBatch(messages))).toEqual(messages);
  });

  it('round-trips a tombstone (null value), alone or between messages', () => {
    const tombstone: OutboxMessage = { topic: 'whdb.rows.a_v1', key: 'svi_1:k1', headers: {}, value: null };
    expect(decodeOutboxBatch(encodeOutboxBatch([tombstone]))).toEqual([tombstone]);
    expect(decodeOutboxBatch(encodeOutboxBatch([messages[0]!, tombstone, messages[1]!]))).toEqual([messages[0], tombstone, messages[1]]);
  });

  it('encodes nothing as the empty batch', () => {
    expect(encodeOutboxBatch([])).toBe('');
    expect(decodeOutboxBatch('')).toEqual([]);
  });

  it('refuses text it did not write', () => {
    expect(() => decodeOutboxBatch('{"t":"x","k":"y","h":{}}')).toThrow(/envelope without a value/);
    expect(() => decodeOutboxBatch('not json\n{}')).toThrow(/not JSON/);
    expect(() => decodeOutboxBatch('{"t":1}\n{}')).toThrow(/not an outbox envelope/);
  });
});
