import { quoteIdent, SecretBox } from '@whdb/core';
import { Db, runQuery } from '../database/transaction';
import { ENCRYPTED_TABLES, qualifiedName, tableLabel } from './encrypted-columns';

/** Per table: rows holding a ciphertext that is not under the newest key (what a re-encryption would rewrite). */
export async function countStaleSecrets(db: Db, box: SecretBox): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ENCRYPTED_TABLES) {
    const stale = table.columns.map((column) => `(${quoteIdent(column)} <> '' AND NOT starts_with(${quoteIdent(column)}, $1))`).join(' OR ');
    const [row] = await runQuery<{ count: string }[]>(db, `SELECT count(*) AS count FROM ${qualifiedName(table)} WHERE ${stale}`, [box.newestPrefix]);
    counts[tableLabel(table)] = Number(row?.count ?? 0);
  }
  return counts;
}
