import { renderBlocks } from './render-blocks';

describe('renderBlocks', () => {
  it('renders a line block as its text and a table block as a text table', () => {
    expect(renderBlocks({ blocks: [{ type: 'line', value: 'https://x/v1/service_integrations/svi_a' }] })).toBe('https://x/v1/service_integrations/svi_a');
    expect(renderBlocks({ blocks: [{ type: 'table', value: { headers: ['Field', 'Value'], rows: [['ID', 'svi_a'], ['Api url', null]] } }] })).toBe(
      ['Field    Value', '-------  -----', 'ID       svi_a', 'Api url'].join('\n'),
    );
  });

  it('falls back to JSON for shapes it does not know', () => {
    expect(renderBlocks({ other: 1 })).toBe('{\n  "other": 1\n}');
  });
});
