import { renderTable } from './render-table';

/**
 * Renders the `{blocks: [...]}` answer of `POST .../info` (docs/behaviour/integrations-api.md#info):
 * a `line` block is its text, a `table` block a text table. Unknown blocks are shown as JSON.
 */
export function renderBlocks(body: unknown): string {
  const blocks = (body as { blocks?: unknown })?.blocks;
  if (!Array.isArray(blocks)) return JSON.stringify(body, null, 2);
  return blocks.map(renderBlock).join('\n\n');
}

function renderBlock(block: unknown): string {
  const { type, value } = (block ?? {}) as { type?: unknown; value?: unknown };
  if (type === 'line' && typeof value === 'string') return value;
  if (type === 'table' && typeof value === 'object' && value !== null) {
    const { headers, rows } = value as { headers?: unknown; rows?: unknown };
    if (Array.isArray(headers) && Array.isArray(rows)) {
      return renderTable(headers.map(String), rows.map((row) => (Array.isArray(row) ? row.map((cell) => (cell === null ? '' : String(cell))) : [String(row)])));
    }
  }
  return JSON.stringify(block);
}
