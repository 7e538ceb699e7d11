import { randomUUID } from 'node:crypto';
import { Db, runQuery } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';

const TABLE = controlPlaneTable('temporaryDocuments');

export interface NewTemporaryDocument {
  /** `front_signalwire_message_channel_app_v1/<attachment id>/<8 random hex>/<filename>` (SPEC 15.7). */
  readonly key: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
  readonly deleteAt: Date;
}

export interface TemporaryDocument {
  readonly id: string;
  readonly key: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

/**
 * Short-lived documents (docs/behaviour/media.md): the bytes of Front attachments the outbound
 * sender stages for SignalWire, served by the ingress at an expiring URL, deleted after `delete_at`.
 * Ids are random UUIDs, so a document cannot be found without being told its id.
 */
export class TemporaryDocumentRepository {
  constructor(private readonly db: Db) {}

  async insert(document: NewTemporaryDocument): Promise<string> {
    const id = randomUUID();
    await runQuery(this.db, `INSERT INTO ${TABLE} (id, key, content_type, bytes, delete_at) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      document.key,
      document.contentType,
      Buffer.from(document.bytes.buffer, document.bytes.byteOffset, document.bytes.byteLength),
      document.deleteAt,
    ]);
    return id;
  }

  /** The document, unless it does not exist or is past its `delete_at` (even if not deleted yet). */
  async findLive(id: string, now: Date = new Date()): Promise<TemporaryDocument | null> {
    const [row] = await runQuery<{ id: string; key: string; content_type: string; bytes: Buffer }[]>(
      this.db,
      `SELECT id, key, content_type, bytes FROM ${TABLE} WHERE id = $1 AND delete_at > $2`,
      [id, now],
    );
    return row ? { id: row.id, key: row.key, contentType: row.content_type, bytes: row.bytes } : null;
  }

  /** Deletes documents past their `delete_at`; returns how many. */
  async deleteExpired(now: Date = new Date(), limit = 1000): Promise<number> {
    const rows = await runQuery<{ id: string }[]>(
      this.db,
      `DELETE FROM ${TABLE} WHERE id IN (SELECT id FROM ${TABLE} WHERE delete_at <= $1 ORDER BY delete_at LIMIT $2) RETURNING id`,
      [now, limit],
    );
    return rows.length;
  }
}
