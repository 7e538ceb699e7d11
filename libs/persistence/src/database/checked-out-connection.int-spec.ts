import { connectDatabase, Database } from './database';
import { withSession } from './transaction';
import { createScratchDatabase, ScratchDatabase } from '../testing/test-database';

/**
 * A connection the server ends while a service holds it (a Postgres restart terminates every
 * session) must fail that service's work with the retriable `database_unavailable`, not crash the
 * process with an unhandled 'error' event (docs/operations.md#postgres-restart-or-outage).
 */
describe('a checked-out connection ended by the server', () => {
  let scratch: ScratchDatabase;
  let database: Database;
  let admin: Database;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    database = await connectDatabase(scratch.url, { poolSize: 2 });
    admin = await connectDatabase(scratch.url, { poolSize: 1 });
  });

  afterAll(async () => {
    await Promise.all([database?.close(), admin?.close()]);
    await scratch?.drop();
  });

  it('fails the session with database_unavailable, and the pool serves a fresh connection afterwards', async () => {
    const uncaught: Error[] = [];
    const record = (error: Error) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      const failure = await withSession(database, async (session) => {
        const [{ pid }] = (await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        // Idle while held: the end of the connection arrives as an 'error' event, not as a query's failure.
        await new Promise((resolve) => setTimeout(resolve, 300));
        return session.query('SELECT 1').then(
          () => null,
          (error: unknown) => error,
        );
      });
      expect(failure).toMatchObject({ code: 'database_unavailable' });
      expect(uncaught).toEqual([]);
      expect(await database.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      process.off('uncaughtException', record);
    }
  });
});
