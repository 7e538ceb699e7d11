import { toJsonbText } from './json';

describe('toJsonbText', () => {
  it('removes escaped NULs that Postgres jsonb rejects', () => {
    expect(toJsonbText({ a: 'x\u0000y' })).toBe('{"a":"xy"}');
  });

  it('keeps an escaped backslash followed by the literal text u0000', () => {
    const text = toJsonbText({ a: '\\u0000' });
    expect(JSON.parse(text)).toEqual({ a: '\\u0000' });
  });
});
