import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { replicatorNames } from '@whdb/replicators';
import { ROW_SCHEMAS_DIR, rowSchemaFiles } from './row-schema-files';

const ROOT = path.resolve(__dirname, '../../..');
const FIX = 'run `npm run docs:schemas` and commit the result';

/** docs/schemas/*.rows.schema.json cannot go stale (docs/topics.md#row-schemas): each file equals what the code generates now. */
describe('generated row schemas', () => {
  it.each(rowSchemaFiles().map((file) => [file.path, file] as const))('%s is up to date', (filePath, file) => {
    let committed: string;
    try {
      committed = readFileSync(path.join(ROOT, filePath), 'utf8');
    } catch {
      throw new Error(`${filePath} is missing: ${FIX}`);
    }
    if (committed !== file.content) throw new Error(`${filePath} is out of date: ${FIX}`);
    expect(committed).toBe(file.content);
  });

  it('has a file for every replicator and none for one that does not exist', () => {
    const files = readdirSync(path.join(ROOT, ROW_SCHEMAS_DIR)).filter((file) => file.endsWith('.rows.schema.json'));
    expect(files.map((file) => file.replace(/\.rows\.schema\.json$/, '')).sort()).toEqual(replicatorNames());
  });

  it('describes the envelope and every column of the row with its Postgres type', () => {
    const schema = JSON.parse(rowSchemaFiles().find((file) => file.path.endsWith('/increase_account_v1.rows.schema.json'))!.content) as {
      properties: { op: { enum: string[] } };
      $defs: { row: { properties: Record<string, Record<string, unknown>>; required: string[] } };
    };
    expect(schema.properties.op.enum).toEqual(['c', 'u', 'd', 'r']);
    expect(schema.$defs.row.required).toEqual(['pk', 'increase_id', 'data']);
    expect(schema.$defs.row.properties['increase_id']).toEqual({ type: 'string', 'x-postgres-type': 'text', description: 'the remote key' });
    expect(schema.$defs.row.properties['updated_at']).toEqual({ anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }], 'x-postgres-type': 'timestamptz' });
  });
});
