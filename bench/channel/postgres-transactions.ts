import { TableProbe } from '@whdb/testing';

/**
 * Transactions committed or rolled back in the bench's database (`pg_stat_database`): every
 * statement outside a transaction counts as one. Unlike CPU time on a shared machine, their
 * number per message hardly depends on the load (only the projectors' batches grow under load),
 * so two runs side by side tell whether a change saved transactions
 * (docs/performance.md#channel-latency). Other stacks on the same database are counted too: give
 * the bench a database of its own.
 */
export class PostgresTransactions {
  private constructor(private readonly probe: TableProbe) {}

  static async connect(databaseUrl: string): Promise<PostgresTransactions> {
    return new PostgresTransactions(await TableProbe.connect(databaseUrl));
  }

  /** The count so far; statistics reach the view within about a second, so wait before the last snapshot. */
  async count(): Promise<number> {
    const [row] = await this.probe.query<{ n: string }>('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()');
    return Number(row?.n ?? 0);
  }

  async close(): Promise<void> {
    await this.probe.close();
  }
}
