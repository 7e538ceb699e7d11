import { Database } from '../database/database';
import { IdempotencyStore } from './idempotency-store';
import { openTestDatabase, uniqueSuffix } from '../testing/test-database';

describe('IdempotencyStore.runOnce', () => {
  let dataSource: Database;
  let store: IdempotencyStore;
  const prefix = `t_idem_${uniqueSuffix()}`;

  beforeAll(async () => {
    dataSource = await openTestDatabase({ poolSize: 8 });
    store = new IdempotencyStore(dataSource);
  });

  afterAll(async () => {
    await dataSource.query('DELETE FROM whdb.idempotencies WHERE key LIKE $1', [`${prefix}%`]);
    await dataSource.close();
  });

  it('runs once and then returns the stored JSON result', async () => {
    const key = `${prefix}:once`;
    let calls = 0;
    const send = async () => ({ sid: `SM${++calls}`, at: new Date('2024-01-01T00:00:00Z') });
    await expect(store.runOnce(key, send)).resolves.toEqual({ ran: true, result: { sid: 'SM1', at: '2024-01-01T00:00:00.000Z' } });
    await expect(store.runOnce(key, send)).resolves.toEqual({ ran: false, result: { sid: 'SM1', at: '2024-01-01T00:00:00.000Z' } });
    expect(calls).toBe(1);
  });

  it('records nothing when the block throws, so the next call runs again', async () => {
    const key = `${prefix}:retry`;
    await expect(store.runOnce(key, async () => Promise.reject(new Error('HTTP 503')))).rejects.toThrow('HTTP 503');
    await expect(store.runOnce(key, async () => 'sent')).resolves.toEqual({ ran: true, result: 'sent' });
  });

  it('runs the block once when callers race on one key', async () => {
    const key = `${prefix}:race`;
    let calls = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () =>
        store.runOnce(key, async () => {
          calls += 1;
          await new Promise((resolve) => setTimeout(resolve, 20));
          return { n: calls };
        }),
      ),
    );
    expect(calls).toBe(1);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(outcomes.map((o) => o.result)).toEqual(Array(5).fill({ n: 1 }));
  });

  it('stores undefined as null', async () => {
    await expect(store.runOnce(`${prefix}:void`, async () => undefined)).resolves.toEqual({ ran: true, result: null });
  });
});
