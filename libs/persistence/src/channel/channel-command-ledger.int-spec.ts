import { Database } from '../database/database';
import { openTestDatabase, uniqueSuffix } from '../testing/test-database';
import { ChannelCommandLedger } from './channel-command-ledger';

describe('ChannelCommandLedger (docs/behaviour/channel.md#commands)', () => {
  let database: Database;
  let ledger: ChannelCommandLedger;
  const channel = `svi_ledger_${uniqueSuffix()}`;
  const later = () => new Date(Date.now() + 60_000);

  beforeAll(async () => {
    database = await openTestDatabase({ poolSize: 8 });
    ledger = new ChannelCommandLedger(database);
  });

  afterAll(async () => {
    await ledger.forgetChannel(channel);
    await database.close();
  });

  it('publishes the first issue of a row once, however many callers race', async () => {
    let published = 0;
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => ledger.issueOnce(channel, 'race', 'signalwire.send_sms', later(), async () => void (published += 1))));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(published).toBe(1);
    expect((await ledger.states(channel, ['race', 'never'])).get('race')).toMatchObject({ attempts: 1, commandType: 'signalwire.send_sms', alertedAt: null });
  });

  it('records nothing when the publish fails, so the next change issues it', async () => {
    await expect(ledger.issueOnce(channel, 'failing', 'front.import_message', later(), () => Promise.reject(new Error('kafka down')))).rejects.toThrow('kafka down');
    expect(await ledger.states(channel, ['failing'])).toEqual(new Map());
    await expect(ledger.issueOnce(channel, 'failing', 'front.import_message', later(), async () => undefined)).resolves.toBe(true);
  });

  it('re-issues with the next attempt only from the attempt it saw, and alerts once', async () => {
    await ledger.issueOnce(channel, 'retry', 'signalwire.send_sms', new Date(), async () => undefined);
    const next = later();
    const [first, second] = await Promise.all([ledger.reissue(channel, 'retry', 1, next, async () => undefined), ledger.reissue(channel, 'retry', 1, next, async () => undefined)]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect((await ledger.states(channel, ['retry'])).get('retry')).toMatchObject({ attempts: 2, nextAttemptAt: next });
    expect(await ledger.markAlerted(channel, 'retry')).toBe(true);
    expect(await ledger.markAlerted(channel, 'retry')).toBe(false);
  });

  it('lets one sweeper at a time hold the sweep lock', async () => {
    let inner: unknown = 'not run';
    const outer = await ledger.whileSweepLocked(async () => {
      inner = await ledger.whileSweepLocked(async () => 'second');
      return 'first';
    });
    expect(outer).toBe('first');
    expect(inner).toBeNull();
  });
});
