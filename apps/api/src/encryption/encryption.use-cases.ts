import { Logger, SecretBox } from '@whdb/core';
import { countStaleSecrets, Database, reencryptSecrets, ReencryptionTableReport } from '@whdb/persistence';

/** `GET /v1/admin/encryption`: the keyring (ids only) and what is left to re-encrypt per table. */
export interface EncryptionStatus {
  /** Newest first; `legacy` is the single `WHDB_ENCRYPTION_KEY`. */
  readonly key_ids: string[];
  /** Rows per table with a ciphertext not under the newest key: all 0 before removing an old key. */
  readonly stale_rows: Record<string, number>;
}

export interface TableReencryption {
  readonly table: string;
  readonly scanned: number;
  readonly rewritten: number;
  readonly concurrently_updated: number;
  readonly unreadable: number;
  readonly unreadable_keys: string[];
}

export interface ReencryptionResult {
  readonly newest_key_id: string;
  readonly tables: TableReencryption[];
  /** What is left after the run (0 everywhere unless rows were unreadable or kept changing). */
  readonly stale_rows: Record<string, number>;
}

function view(report: ReencryptionTableReport): TableReencryption {
  return {
    table: report.table,
    scanned: report.scanned,
    rewritten: report.rewritten,
    concurrently_updated: report.concurrentlyUpdated,
    unreadable: report.unreadable,
    unreadable_keys: report.unreadableKeys,
  };
}

/**
 * The encryption key's rotation (docs/runbooks/rotate-a-secret.md#the-encryption-key): the status,
 * and the re-encryption of every stored secret under the newest key of this api's keyring. Progress
 * goes to the log per batch (counts only, never values).
 */
export class EncryptionUseCases {
  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
    private readonly logger: Logger,
  ) {}

  async status(): Promise<EncryptionStatus> {
    return { key_ids: this.box.keyring.describe(), stale_rows: await countStaleSecrets(this.db, this.box) };
  }

  async reencrypt(batchSize: number | undefined): Promise<ReencryptionResult> {
    const keyId = this.box.keyring.describe()[0]!;
    this.logger.info('re-encryption started', { keyId });
    const report = await reencryptSecrets(this.db, this.box, {
      batchSize,
      onProgress: (table) => this.logger.info('re-encryption progress', { keyId, ...view(table), unreadable_keys: undefined }),
    });
    const tables = report.tables.map(view);
    this.logger.info('re-encryption finished', { keyId, tables: tables.map(({ table, rewritten, unreadable }) => ({ table, rewritten, unreadable })) });
    return { newest_key_id: report.newestKeyId, tables, stale_rows: await countStaleSecrets(this.db, this.box) };
  }
}
