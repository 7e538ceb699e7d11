import { encodeOutgoingMessage, groupByTopic } from './outgoing-message';

const metadata = { id: 'e1', type: 't', source: 's', time: '2024-01-01T00:00:00Z', correlationId: 'c1' };

describe('encodeOutgoingMessage', () => {
  it('serializes the value as JSON and puts the CloudEvents headers last', () => {
    const raw = encodeOutgoingMessage({ topic: 'a', key: 'k', value: { x: [1, 'é'] }, metadata, headers: { extra: '1', ce_id: 'spoofed' } });
    expect(raw.value?.toString('utf8')).toBe('{"x":[1,"é"]}');
    expect(raw.headers).toMatchObject({ extra: '1', ce_id: 'e1', 'content-type': 'application/json' });
  });

  it('rejects values JSON cannot represent', () => {
    expect(() => encodeOutgoingMessage({ topic: 'a', key: 'k', value: undefined, metadata })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => encodeOutgoingMessage({ topic: 'a', key: 'k', value: { n: 1n }, metadata })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('groupByTopic', () => {
  it('groups per topic, keeping order', () => {
    const m = (topic: string, key: string) => ({ topic, key, value: null, headers: {} });
    expect(groupByTopic([m('a', '1'), m('b', '2'), m('a', '3')])).toEqual([
      { topic: 'a', messages: [m('a', '1'), m('a', '3')] },
      { topic: 'b', messages: [m('b', '2')] },
    ]);
  });
});
