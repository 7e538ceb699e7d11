import { rowChangeJsonSchema } from '@whdb/core';
import { REPLICATORS } from '@whdb/replicators';

/** Where the generated value schemas of `whdb.rows.<service_name>` live (docs/topics.md#row-schemas). */
export const ROW_SCHEMAS_DIR = 'docs/schemas';

export interface RowSchemaFile {
  readonly path: string;
  readonly content: string;
}

/** One JSON Schema file per registered replicator, exactly as `npm run docs:schemas` writes it. */
export function rowSchemaFiles(): RowSchemaFile[] {
  return REPLICATORS.map((replicator) => ({
    path: `${ROW_SCHEMAS_DIR}/${replicator.descriptor.name}.rows.schema.json`,
    content: `${JSON.stringify(rowChangeJsonSchema(replicator.descriptor.name, replicator.schema), null, 2)}\n`,
  })).sort((a, b) => a.path.localeCompare(b.path));
}
