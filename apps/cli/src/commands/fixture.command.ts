import { Command } from 'commander';
import { renderCreateTableSql } from '@whdb/core';
import { findReplicator, replicatorNames } from '@whdb/replicators';
import { CommandContext, CommonOptions } from '../command-context';
import { usageError } from '../errors/cli-error';
import { withExamples, withJson } from './help-examples';

interface FixtureOptions extends CommonOptions {
  readonly schema: string;
  readonly table?: string;
}

/**
 * `whdb fixture <service_name>` (docs/cli.md#fixture): prints the DDL of a replicator's table, for
 * test databases. It needs no login, api or Postgres: it renders the replicator's columns with the
 * same code the api runs (`renderCreateTableSql`, libs/core), so it shows the tables of the
 * replicators this `whdb` was built with. Index names use the table name where the api uses the
 * integration's opaque id.
 */
export function registerFixture(program: Command, ctx: CommandContext): void {
  const command = program
    .command('fixture')
    .description("Print the CREATE TABLE and CREATE INDEX statements of a replicator's table.")
    .argument('<service_name>', 'the replicator, e.g. increase_account_v1')
    .option('--schema <schema>', 'the schema to create it in', 'public')
    .option('--table <table>', 'the table name (default: the service name)');
  withExamples(withJson(command), ['whdb fixture increase_account_v1', 'whdb fixture increase_account_v1 --schema test --table accounts > fixture.sql']).action(
    (serviceName: string, options: FixtureOptions) =>
      ctx.run('fixture', options, async (out) => {
        const replicator = findReplicator(serviceName);
        if (!replicator) throw usageError(`"${serviceName}" is not a service this whdb knows. Services: ${replicatorNames().join(', ')}.`);
        const table = options.table ?? serviceName;
        let sql: string;
        try {
          sql = renderCreateTableSql({ schema: options.schema, table, opaqueId: table, replicatorSchema: replicator.schema });
        } catch (error) {
          throw usageError((error as Error).message);
        }
        out.result({ service_name: serviceName, schema: options.schema, table, schema_sql: sql }, sql);
      }),
  );
}
