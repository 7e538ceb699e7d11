#!/usr/bin/env node
// `npm run new-replicator -- <service_name> [--provider Acme] [--resource Widget] [--plural Widgets] [--dry-run]`
// Creates a working replicator from tools/new-replicator/template and registers it everywhere a
// replicator is listed. Walkthrough: docs/adding-a-replicator.md.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { applyPlan, planReplicator } from './new-replicator/generate.mjs';
import { GeneratorInputError } from './new-replicator/names.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `Usage: npm run new-replicator -- <service_name> [options]

  <service_name>       snake_case <provider>_<resource>_v<N>, e.g. acme_widget_v1
  --provider <name>    provider name shown in setup prompts (default: from the service name, "Acme")
  --resource <name>    resource name, singular (default: from the service name, "Widget")
  --plural <name>      resource name, plural (default: <resource>s)
  --dry-run            print what would be created and registered, write nothing

See docs/adding-a-replicator.md.`;

function nextSteps(names) {
  const project = `libs/replicators/${names.kebab_name}`;
  return `
Next steps (docs/adding-a-replicator.md):
  1. npx tsc -p tsconfig.json --noEmit
  2. npx jest -c ${project}/jest.config.js          unit specs + the contract suite (real Postgres)
  3. grep -rn 'TODO(provider)' ${project} libs/testing/src/fakes/fake-${names.kebab_name}.server.ts
     and adapt webhook.ts, schema.ts, backfill.ts, state-machine.ts (and the fake) to ${names.Provider}'s API
  4. npm run docs:integrations                        writes docs/integrations/${names.service_name}.md (npm test checks it)
     and add its line to docs/integrations/README.md
  5. npm run up                                       starts projector-${names.service_name} with the others`;
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      provider: { type: 'string' },
      resource: { type: 'string' },
      plural: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  if (positionals.length > 1) throw new GeneratorInputError(`Expected one service name, got ${positionals.length}: ${positionals.join(' ')}`);
  const plan = planReplicator(root, positionals[0], { provider: values.provider, resource: values.resource, plural: values.plural });
  const verb = values['dry-run'] ? 'Would create' : 'Created';
  if (!values['dry-run']) applyPlan(root, plan);
  console.log(`${verb} replicator ${plan.names.service_name}:`);
  for (const file of plan.files) console.log(`  + ${file.path}`);
  console.log(`${values['dry-run'] ? 'Would register' : 'Registered'} it in:`);
  for (const edit of plan.edits) console.log(`  ~ ${edit.path}  (${edit.what})`);
  if (!values['dry-run']) console.log(nextSteps(plan.names));
}

try {
  main();
} catch (error) {
  if (!(error instanceof GeneratorInputError) && error?.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw error;
  console.error(`new-replicator: ${error.message}\n\n${USAGE}`);
  process.exit(1);
}
