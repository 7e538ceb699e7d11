import { quoteIdent, SecretBox } from '@whdb/core';
import { Db, runQuery } from '../database/transaction';
import { EncryptedTable, ENCRYPTED_TABLES, qualifiedName, tableLabel } from './encrypted-columns';

/** What the re-encryption did to one table. */
export interface ReencryptionTableReport {
  readonly table: string;
  /** Rows found with a ciphertext not under the newest key. */
  scanned: number;
  /** Rows rewritten under the newest key. */
  rewritten: number;
  /** Rows a concurrent write had already put under the newest key (or deleted): nothing to do. */
  concurrentlyUpdated: number;
  /** Rows with a ciphertext no key of the keyring opens; left as they are. */
  unreadable: number;
  /** The primary keys of the first of them (never values). */
  unreadableKeys: string[];
}

export interface ReencryptionReport {
  /** The key everything is now under (`legacy` for the single `WHDB_ENCRYPTION_KEY`). */
  readonly newestKeyId: string;
  readonly tables: ReencryptionTableReport[];
}

export interface ReencryptionOptions {
  /** Rows read per batch (default 100). */
  readonly batchSize?: number;
  /** Called after each batch is written: progress for logs. */
  readonly onProgress?: (report: ReencryptionTableReport) => void;
  /**
   * Called after a batch is read and before it is written. Tests use it to write concurrently at
   * the worst moment; the compare-and-swap must then keep that write.
   */
  readonly afterRead?: (table: string, keys: readonly number[]) => Promise<void>;
}

type Row = Record<string, string | number | null>;

const MAX_ATTEMPTS = 5;
const MAX_LISTED = 20;

/**
 * Rewrites every ciphertext that is not under the newest key of `box`'s keyring
 * (docs/runbooks/rotate-a-secret.md#the-encryption-key). Safe while the services run: each row is
 * updated with a compare-and-swap on the ciphertexts it read, so a concurrent write wins and the
 * row is read again. Idempotent and resumable: rows already under the newest key are not selected,
 * so a second run (or a run after a crash) only does what is left. Batches follow the primary key.
 */
export async function reencryptSecrets(db: Db, box: SecretBox, options: ReencryptionOptions = {}): Promise<ReencryptionReport> {
  const tables: ReencryptionTableReport[] = [];
  for (const table of ENCRYPTED_TABLES) tables.push(await reencryptTable(db, box, table, options));
  return { newestKeyId: box.keyring.describe()[0]!, tables };
}

async function reencryptTable(db: Db, box: SecretBox, table: EncryptedTable, options: ReencryptionOptions): Promise<ReencryptionTableReport> {
  const report: ReencryptionTableReport = { table: tableLabel(table), scanned: 0, rewritten: 0, concurrentlyUpdated: 0, unreadable: 0, unreadableKeys: [] };
  const batchSize = options.batchSize ?? 100;
  const select = `SELECT ${[table.key, ...table.columns].map(quoteIdent).join(', ')} FROM ${qualifiedName(table)}`;
  const stale = table.columns.map((column) => `(${quoteIdent(column)} <> '' AND NOT starts_with(${quoteIdent(column)}, $1))`).join(' OR ');
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = await runQuery<Row[]>(db, `${select} WHERE ${quoteIdent(table.key)} > $2::bigint AND (${stale}) ORDER BY ${quoteIdent(table.key)} LIMIT $3`, [
      box.newestPrefix,
      after,
      batchSize,
    ]);
    if (rows.length === 0) return report;
    const keys = rows.map((row) => Number(row[table.key]));
    await options.afterRead?.(report.table, keys);
    for (const row of rows) {
      report.scanned += 1;
      await rewriteRow(db, box, table, row, report, select);
    }
    after = keys[keys.length - 1]!;
    options.onProgress?.(report);
  }
}

/** Rewrites one row under the newest key, reading it again whenever a concurrent write got there first. */
async function rewriteRow(db: Db, box: SecretBox, table: EncryptedTable, first: Row, report: ReencryptionTableReport, select: string): Promise<void> {
  let row: Row | undefined = first;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (!row || table.columns.every((column) => box.isUnderNewestKey(String(row![column] ?? '')))) {
      report.concurrentlyUpdated += 1;
      return;
    }
    let assignments: [string, string | null][];
    try {
      assignments = rewrittenColumns(box, table, row);
    } catch {
      report.unreadable += 1;
      if (report.unreadableKeys.length < MAX_LISTED) report.unreadableKeys.push(String(row[table.key]));
      return;
    }
    const values = assignments.map(([, value]) => value);
    const sets = assignments.map(([column], index) => `${quoteIdent(column)} = $${index + 1}`);
    const checks = table.columns.map((column, index) => `${quoteIdent(column)} = $${assignments.length + index + 2}`);
    const updated = await runQuery<Row[]>(
      db,
      `UPDATE ${qualifiedName(table)} SET ${sets.join(', ')} WHERE ${quoteIdent(table.key)} = $${assignments.length + 1} AND ${checks.join(' AND ')} RETURNING ${quoteIdent(table.key)}`,
      [...values, row[table.key], ...table.columns.map((column) => row![column])],
    );
    if (updated.length === 1) {
      report.rewritten += 1;
      return;
    }
    // A concurrent write changed the row since we read it: its value wins; read it again.
    [row] = await runQuery<Row[]>(db, `${select} WHERE ${quoteIdent(table.key)} = $1`, [row[table.key]]);
  }
  // Still changing under us after several attempts: leave it for the next run (it is still selected then).
}

/** The new values of the row's stale ciphertexts (and their digests); throws if one cannot be decrypted. */
function rewrittenColumns(box: SecretBox, table: EncryptedTable, row: Row): [string, string | null][] {
  const assignments: [string, string | null][] = [];
  for (const column of table.columns) {
    const stored = String(row[column] ?? '');
    if (box.isUnderNewestKey(stored)) continue;
    const plaintext = box.decrypt(stored);
    assignments.push([column, box.encrypt(plaintext)]);
    const digest = table.digests[column];
    if (digest) assignments.push([digest, plaintext === '' ? null : box.lookupDigest(plaintext)]);
  }
  return assignments;
}
