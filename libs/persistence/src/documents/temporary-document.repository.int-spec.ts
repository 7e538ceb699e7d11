import { randomUUID } from 'node:crypto';
import { Database } from '../database/database';
import { runQuery } from '../database/transaction';
import { openTestDatabase, uniqueSuffix } from '../testing/test-database';
import { TemporaryDocumentRepository } from './temporary-document.repository';

describe('TemporaryDocumentRepository (docs/behaviour/media.md)', () => {
  let db: Database;
  let documents: TemporaryDocumentRepository;
  const prefix = `t_doc_${uniqueSuffix()}`;

  beforeAll(async () => {
    db = await openTestDatabase({ poolSize: 2 });
    documents = new TemporaryDocumentRepository(db);
  });

  afterAll(async () => {
    await runQuery(db, 'DELETE FROM whdb.temporary_documents WHERE key LIKE $1', [`${prefix}%`]);
    await db.close();
  });

  it('keeps bytes and content type, hides a document past delete_at, and deletes it', async () => {
    const bytes = Uint8Array.from([0, 255, 1, 254, 10]);
    const live = await documents.insert({ key: `${prefix}/a`, contentType: 'image/png', bytes, deleteAt: new Date(Date.now() + 60_000) });
    const expired = await documents.insert({ key: `${prefix}/b`, contentType: 'image/png', bytes, deleteAt: new Date(Date.now() - 1000) });
    expect(await documents.findLive(live)).toMatchObject({ contentType: 'image/png', bytes: Buffer.from(bytes) });
    expect(await documents.findLive(expired)).toBeNull();
    expect(await documents.findLive(randomUUID())).toBeNull();
    expect(await documents.deleteExpired()).toBeGreaterThanOrEqual(1);
    const left = await runQuery<{ key: string }[]>(db, 'SELECT key FROM whdb.temporary_documents WHERE key LIKE $1', [`${prefix}%`]);
    expect(left.map((row) => row.key)).toEqual([`${prefix}/a`]);
  });
});
