import { historyActionOf } from './integrations-history.command';

describe('whdb integrations history arguments', () => {
  it('takes an action then the integration, or the contract form with a flag (none: status)', () => {
    expect(historyActionOf('enable', 'svi_a', {})).toEqual({ action: 'enable', sint: 'svi_a' });
    expect(historyActionOf('status', 'svi_a', {})).toEqual({ action: 'status', sint: 'svi_a' });
    expect(historyActionOf('svi_a', undefined, { enable: true })).toEqual({ action: 'enable', sint: 'svi_a' });
    expect(historyActionOf('svi_a', undefined, { disable: true })).toEqual({ action: 'disable', sint: 'svi_a' });
    expect(historyActionOf('svi_a', undefined, {})).toEqual({ action: 'status', sint: 'svi_a' });
  });

  it('refuses an unknown action and mixed or double flags', () => {
    expect(() => historyActionOf('purge', 'svi_a', {})).toThrow(/Unknown history action "purge"/);
    expect(() => historyActionOf('enable', 'svi_a', { disable: true })).toThrow(/not both/);
    expect(() => historyActionOf('svi_a', undefined, { enable: true, disable: true })).toThrow(/only one/);
  });
});
