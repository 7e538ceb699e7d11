import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { RefusalHold } from './refusal-hold';

/** A request whose socket the test can close. */
function request(): { req: IncomingMessage; socket: EventEmitter & { destroyed: boolean } } {
  const socket = Object.assign(new EventEmitter(), { destroyed: false });
  return { req: { socket } as unknown as IncomingMessage, socket };
}

describe('RefusalHold', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the answer only once the hold is over', () => {
    const hold = new RefusalHold({ holdMs: 1000, maxHeld: 10, random: () => 0 });
    const sent: Record<string, string>[] = [];
    hold.hold(request().req, 1, (extra) => sent.push(extra));
    jest.advanceTimersByTime(999);
    expect(sent).toEqual([]);
    expect(hold.current).toBe(1);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual([{ 'retry-after': '0' }]);
    expect(hold.current).toBe(0);
  });

  it('never holds longer than the Retry-After, and sends what is left of it', () => {
    const hold = new RefusalHold({ holdMs: 5000, maxHeld: 10, random: () => 0 });
    const sent: unknown[] = [];
    hold.hold(request().req, 2, (extra) => sent.push(extra));
    jest.advanceTimersByTime(2000);
    expect(sent).toEqual([{ 'retry-after': '0' }]);
    const shorter = new RefusalHold({ holdMs: 1000, maxHeld: 10, random: () => 0 });
    shorter.hold(request().req, 3, (extra) => sent.push(extra));
    jest.advanceTimersByTime(1000);
    expect(sent).toEqual([{ 'retry-after': '0' }, { 'retry-after': '2' }]);
  });

  it('answers at once when the hold is 0', () => {
    const hold = new RefusalHold({ holdMs: 0, maxHeld: 10 });
    const sent: unknown[] = [];
    hold.hold(request().req, 1, (extra) => sent.push(extra));
    expect(sent).toEqual([{}]);
  });

  it('beyond maxHeld, answers at once and closes the connection', () => {
    const onOverflow = jest.fn();
    const hold = new RefusalHold({ holdMs: 1000, maxHeld: 2, onOverflow, random: () => 0 });
    const sent: Record<string, string>[] = [];
    for (let i = 0; i < 3; i++) hold.hold(request().req, 1, (extra) => sent.push(extra));
    expect(sent).toEqual([{ connection: 'close' }]);
    expect(onOverflow).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1000);
    expect(sent).toEqual([{ connection: 'close' }, { 'retry-after': '0' }, { 'retry-after': '0' }]);
  });

  it('drops a held answer, and frees its place, when the client goes away', () => {
    const hold = new RefusalHold({ holdMs: 1000, maxHeld: 1, random: () => 0 });
    const { req, socket } = request();
    const sent: unknown[] = [];
    hold.hold(req, 1, (extra) => sent.push(extra));
    socket.emit('close');
    expect(hold.current).toBe(0);
    jest.advanceTimersByTime(1000);
    expect(sent).toEqual([]);
    hold.hold(request().req, 1, (extra) => sent.push(extra));
    expect(hold.current).toBe(1);
  });

  it('rejects a negative hold or bound', () => {
    expect(() => new RefusalHold({ holdMs: -1, maxHeld: 1 })).toThrow();
    expect(() => new RefusalHold({ holdMs: 1, maxHeld: 0.5 })).toThrow();
  });

  it('spreads the holds between half and all of the hold', () => {
    const sent: number[] = [];
    for (const random of [0, 0.5, 0.999]) {
      const hold = new RefusalHold({ holdMs: 1000, maxHeld: 10, random: () => random });
      const started = Date.now();
      hold.hold(request().req, 1, () => sent.push(Date.now() - started));
      jest.advanceTimersByTime(1000);
    }
    expect(sent).toEqual([1000, 750, 500]);
  });
});
