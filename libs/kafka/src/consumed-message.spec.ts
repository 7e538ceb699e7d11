import { MessageDecodeError, normalizeHeaders, toConsumedMessage } from './consumed-message';

describe('toConsumedMessage', () => {
  it('decodes key, headers, metadata and JSON', () => {
    const message = toConsumedMessage('t', 0, {
      offset: '7',
      key: Buffer.from('k'),
      value: Buffer.from('{"a":1}'),
      headers: { ce_id: Buffer.from('evt'), ce_type: 'x.y', multi: [Buffer.from('1'), '2'], gone: undefined },
    });
    expect(message).toMatchObject({ topic: 't', partition: 0, offset: '7', key: 'k' });
    expect(message.headers).toEqual({ ce_id: 'evt', ce_type: 'x.y', multi: '2' });
    expect(message.metadata).toEqual({ id: 'evt', type: 'x.y' });
    expect(message.json<{ a: number }>()).toEqual({ a: 1 });
    expect(message.json()).toBe(message.json());
  });

  it('throws a non-retriable decode error for invalid JSON or a tombstone', () => {
    const bad = toConsumedMessage('t', 1, { offset: '3', key: null, value: Buffer.from('nope') });
    expect(() => bad.json()).toThrow(MessageDecodeError);
    expect(() => bad.json()).toThrow(expect.objectContaining({ code: 'invalid_input', retriable: false }));
    const tombstone = toConsumedMessage('t', 1, { offset: '4', key: 'k', value: null });
    expect(() => tombstone.json()).toThrow(MessageDecodeError);
  });

  it('tolerates absent headers', () => {
    expect(normalizeHeaders(undefined)).toEqual({});
    expect(toConsumedMessage('t', 0, { offset: '0', key: undefined, value: undefined }).metadata).toEqual({});
  });
});
