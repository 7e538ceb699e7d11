#!/usr/bin/env node
// `npm test`: the whole test suite, exactly what CI runs (.ci/run).
//   1. Kafka + Postgres for tests (tools/infra/ensure.mjs, profile `test`; reused when running);
//   2. type check (tsc) and lint (ESLint with Nx module boundaries); the Kubernetes manifests and
//      monitoring assets (tools/k8s-check: every overlay rendered with kustomize and validated
//      against the Kubernetes and CRD schemas; dashboard and alert metrics exist in the code);
//   3. unit + integration tests of every project (Nx, two at a time on 2 cores);
//   4. the build the end-to-end tests run, then the end-to-end tests, alone (they start every
//      service as its own process against the same broker).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInfra } from './infra/ensure.mjs';
import { build } from './build.mjs';
import { run } from './run-command.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const started = Date.now();
try {
  const infra = await ensureInfra({ profile: 'test' });
  const env = { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' };
  await run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], { env, label: 'typecheck' });
  await run(bin('tsc'), ['-p', 'apps/web-terminal/tsconfig.json'], { env, label: 'typecheck (browser code)' });
  await run(bin('nx'), ['run-many', '-t', 'lint', '--outputStyle=static'], { env, label: 'lint' });
  await run(process.execPath, ['--test', 'tools/k8s-check/'], { env, label: 'Kubernetes manifests and monitoring' });
  await run(bin('nx'), ['run-many', '-t', 'test', '--exclude=e2e', '--outputStyle=static', '--parallel=2'], { env, label: 'unit + integration tests' });
  await build();
  await run(bin('nx'), ['run', 'e2e:test', '--outputStyle=static'], { env, label: 'end-to-end tests' });
  console.log(`[test] all green in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} catch (error) {
  console.error(`[test] FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
