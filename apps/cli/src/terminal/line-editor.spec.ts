import { emptyLine, typeKeys } from './line-editor';

describe('typeKeys', () => {
  it('collects printable characters and ends at Enter, keeping what follows for the next prompt', () => {
    const { state, effects } = typeKeys(emptyLine(), 'abc\r\nnext');
    expect(state).toEqual({ value: 'abc', done: true, aborted: false, rest: 'next' });
    expect(effects.map((effect) => effect.kind)).toEqual(['append', 'append', 'append', 'enter']);
  });

  it('erases with Backspace (DEL or BS) and clears with Ctrl-U', () => {
    expect(typeKeys(emptyLine(), 'abx\u007fc\r').state.value).toBe('abc');
    expect(typeKeys(emptyLine(), 'ab\bc\r').state.value).toBe('ac');
    expect(typeKeys(emptyLine(), 'wrong\u0015right\r').state.value).toBe('right');
  });

  it('ignores arrow keys and other control characters', () => {
    expect(typeKeys(emptyLine(), 'a\u001b[Db\u001b[A\tc\r').state.value).toBe('abc');
  });

  it('aborts on Ctrl-C, and on Ctrl-D only when the line is empty', () => {
    expect(typeKeys(emptyLine(), 'abc\u0003').state).toMatchObject({ aborted: true, done: true, value: '' });
    expect(typeKeys(emptyLine(), '\u0004').state.aborted).toBe(true);
    expect(typeKeys(emptyLine(), 'a\u0004b').state).toMatchObject({ aborted: false, done: false, value: 'ab' });
  });

  it('continues a line across chunks and handles characters outside the BMP', () => {
    const first = typeKeys(emptyLine(), 'sé');
    const second = typeKeys(first.state, 'c🔑\u007f\r');
    expect(second.state.value).toBe('séc');
  });
});
