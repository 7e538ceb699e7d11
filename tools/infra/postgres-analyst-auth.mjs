// Analysts log in with passwords (docs/behaviour/analyst-access.md#authentication). A local
// development cluster often trusts every connection from 127.0.0.1, which would let any password
// in and hide a broken credential roll; this puts password rules for the analyst roles (members of
// `whdb_analysts`) before the other rules of the local cluster's pg_hba.conf, once, and reloads.
// Only members of `whdb_analysts` are affected: every other role connects as before.
import fs from 'node:fs';
import pg from 'pg';
import { say } from './process-util.mjs';

const MARKER = '# webhookdb-kafka: analysts log in with passwords (tools/infra/postgres-analyst-auth.mjs)';
const RULES = [MARKER, 'host all +whdb_analysts 127.0.0.1/32 scram-sha-256', 'host all +whdb_analysts ::1/128 scram-sha-256'];

/** Ensures the rules in the pg_hba.conf of the server at `url` (when it is a file we can write). */
export async function ensureAnalystPasswordAuth({ url }) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query('SHOW hba_file');
    const file = rows[0]?.hba_file;
    if (!file || !fs.existsSync(file)) return false;
    const current = fs.readFileSync(file, 'utf8');
    if (current.includes(MARKER)) return false;
    try {
      fs.writeFileSync(file, `${RULES.join('\n')}\n${current}`);
    } catch (error) {
      say(`postgres: cannot add the analyst password rules to ${file} (${error.code ?? error.message}); analyst logins may be trusted`);
      return false;
    }
    await client.query('SELECT pg_reload_conf()');
    say(`postgres: analysts (role whdb_analysts) now log in with passwords (${file})`);
    return true;
  } catch (error) {
    say(`postgres: could not check the analyst password rules: ${error.message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
