#!/usr/bin/env node
// `npm run chaos:table`: puts the table of the last chaos run (dist/chaos/, written by
// apps/e2e/src/chaos/chaos.int-spec.ts) into docs/chaos-results.md, with when and where it ran.
// Run the suite first: `npm run test:chaos`. See docs/operations.md#chaos-suite.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'dist', 'chaos', 'chaos-results.json');
if (!existsSync(results)) {
  console.error(`[chaos:table] no ${path.relative(root, results)}: run \`npm run test:chaos\` first`);
  process.exit(1);
}
const { finishedAt, rows } = JSON.parse(readFileSync(results, 'utf8'));
const table = readFileSync(path.join(root, 'dist', 'chaos', 'chaos-results.md'), 'utf8').trim();
const doc = `# Chaos results

The figures of the last run of the chaos suite (\`apps/e2e/src/chaos/\`,
[operations.md](operations.md#chaos-suite)): ${rows.length} failures, finished ${finishedAt}, on
${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? 'unknown CPU'}). Regenerate with
\`npm run test:chaos && npm run chaos:table\`.

- **webhooks sent**: signed Increase webhooks the load driver sent before, during and after the
  failure (15/s; never retried). **acknowledged**: answered 2xx. **stored**: distinct webhooks found
  in Postgres (a 503 whose event Kafka took anyway is stored too, and the provider's retry would
  be a no-op). **lost**: acknowledged but not stored. **duplicates**: webhooks with more than one row.
- **SMS acknowledged**: Front replies through the SignalWire channel answered 2xx (2/s).
  **SMS sent**: of those, how many SignalWire created. **SMS sent twice**: replies SignalWire
  created more than one message for.
- **time to recover**: from the failure (from its end for a partition) until every delivery
  acknowledged by then is downstream and the ingress acknowledges again; the rows and the SMS
  alone in brackets. It includes restarting the killed process or server. Timings depend on the
  machine's load; the counts do not.

${table}
`;
writeFileSync(path.join(root, 'docs', 'chaos-results.md'), doc);
console.log(`[chaos:table] wrote docs/chaos-results.md (${rows.length} rows, run of ${finishedAt})`);
