import { Database } from '../database/database';
import { runQuery } from '../database/transaction';
import { openTestDatabase, uniqueSuffix } from '../testing/test-database';
import { OutboundSendLedger } from './outbound-send-ledger';

/** The two-phase record on real Postgres (docs/behaviour/outbound-sender.md#once-only). */
describe('OutboundSendLedger', () => {
  let db: Database;
  let ledger: OutboundSendLedger;
  const prefix = `t_send_${uniqueSuffix()}`;

  beforeAll(async () => {
    db = await openTestDatabase({ poolSize: 8 });
    ledger = new OutboundSendLedger(db);
  });

  afterAll(async () => {
    await runQuery(db, 'DELETE FROM whdb.outbound_sends WHERE idempotency_key LIKE $1', [`${prefix}%`]);
    await db.close();
  });

  it('goes new -> in flight (committed before the call) -> completed', async () => {
    const key = `${prefix}:a`;
    await ledger.withKey(key, 'signalwire', async (entry) => {
      expect(await entry.state()).toEqual({ kind: 'new' });
      await entry.start();
      // Another connection sees the start at once: it is committed before the provider is called.
      expect(await ledger.peek(key)).toMatchObject({ kind: 'in_flight', calls: 1 });
      await entry.complete({ sid: 'SM1' });
    });
    expect(await ledger.peek(key)).toMatchObject({ kind: 'completed', result: { sid: 'SM1' } });
  });

  it('leaves an interrupted call in flight, and an abandoned one new', async () => {
    const key = `${prefix}:b`;
    await expect(
      ledger.withKey(key, 'front', async (entry) => {
        await entry.start();
        throw new Error('crash between the call and its result');
      }),
    ).rejects.toThrow('crash');
    expect(await ledger.peek(key)).toMatchObject({ kind: 'in_flight' });
    await ledger.withKey(key, 'front', async (entry) => entry.abandon());
    expect(await ledger.peek(key)).toEqual({ kind: 'new' });
  });

  it('never overwrites a completed result', async () => {
    const key = `${prefix}:c`;
    await ledger.withKey(key, 'signalwire', async (entry) => entry.complete({ sid: 'first' }));
    await ledger.withKey(key, 'signalwire', async (entry) => {
      await expect(entry.start()).rejects.toThrow('already completed');
      await entry.complete({ sid: 'second' });
    });
    expect(await ledger.peek(key)).toMatchObject({ kind: 'completed', result: { sid: 'first' } });
  });

  it('serializes attempts on one key', async () => {
    const key = `${prefix}:d`;
    const order: string[] = [];
    await Promise.all(
      ['one', 'two', 'three'].map((name) =>
        ledger.withKey(key, 'signalwire', async () => {
          order.push(`${name}:in`);
          await new Promise((resolve) => setTimeout(resolve, 30));
          order.push(`${name}:out`);
        }),
      ),
    );
    for (let i = 0; i < order.length; i += 2) expect(order[i]!.split(':')[0]).toBe(order[i + 1]!.split(':')[0]);
  });

  it('knows which sids other keys already adopted', async () => {
    await ledger.withKey(`${prefix}:e`, 'signalwire', async (entry) => entry.complete({ sid: `${prefix}-SMX` }));
    await ledger.withKey(`${prefix}:f`, 'signalwire', async (entry) => {
      expect(await entry.sidsClaimedElsewhere([`${prefix}-SMX`, `${prefix}-SMY`])).toEqual(new Set([`${prefix}-SMX`]));
    });
  });
});
