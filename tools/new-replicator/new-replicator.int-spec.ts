import { createHash } from 'node:crypto';
import path from 'node:path';
import { ScratchCheckout } from './scratch-checkout';

// `npm run new-replicator` (docs/adding-a-replicator.md), run in a scratch copy of this working
// tree: the replicator it makes type-checks, lints, passes its unit specs and the shared contract
// suite against real Postgres, is registered everywhere, and a second run changes nothing.

const ROOT = path.resolve(__dirname, '../..');
const SERVICE = 'acme_ach_transfer_v2';
const KEBAB = 'acme-ach-transfer-v2';
const PROJECT = `libs/replicators/${KEBAB}`;
const GENERATOR = ['tools/new-replicator.mjs', SERVICE, '--resource', 'ACH Transfer'];
const STEP_TIMEOUT_MS = 120_000;

/** Files the generator writes or edits; a refused run must leave every one of them as it was. */
const TOUCHED_FILES = [
  'libs/replicators/registry/src/replicator-registry.ts',
  'tsconfig.base.json',
  'libs/testing/src/index.ts',
  'docker/compose.yml',
  'k8s/base/kustomization.yaml',
  'k8s/components/keda-projector-autoscaling/kustomization.yaml',
  `${PROJECT}/src/webhook.ts`,
  `k8s/projectors/${KEBAB}/kustomization.yaml`,
];

interface JestReport {
  readonly success: boolean;
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numPendingTests: number;
  readonly testResults: readonly { readonly name: string; readonly assertionResults: readonly { readonly ancestorTitles: readonly string[] }[] }[];
}

describe('npm run new-replicator, in a scratch copy of the repository', () => {
  let scratch: ScratchCheckout;
  let generated: { code: number; stdout: string; stderr: string };
  const bin = (name: string) => path.join('node_modules', '.bin', name);
  // The scratch commands find Kafka and Postgres where this run's global setup put them. Nx and
  // Jest variables of this run are dropped: an inherited NX_WORKSPACE_ROOT_PATH would aim the
  // scratch copy's Nx at this repository.
  const env = (): NodeJS.ProcessEnv => ({
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NX_') && !name.startsWith('JEST_'))),
    NX_DAEMON: 'false',
    NX_TUI: 'false',
    NX_NO_CLOUD: 'true',
    FORCE_COLOR: '0',
  });
  const snapshot = () => TOUCHED_FILES.map((file) => `${file}:${scratch.exists(file) ? createHash('sha256').update(scratch.read(file)).digest('hex') : 'absent'}`);

  beforeAll(async () => {
    expect(process.env['DATABASE_URL']).toBeTruthy();
    scratch = await ScratchCheckout.create(ROOT, 'new-replicator');
    generated = await scratch.run(process.execPath, GENERATOR, env());
  }, STEP_TIMEOUT_MS);

  afterAll(() => scratch?.remove());

  it('creates the replicator and prints what it created and the next steps', () => {
    expect(generated).toMatchObject({ code: 0, stderr: '' });
    for (const file of ['descriptor.ts', 'schema.ts', 'webhook.ts', 'backfill.ts', 'state-machine.ts', `${KEBAB}.replicator.ts`, 'index.ts', `${KEBAB}.contract.int-spec.ts`]) {
      expect(scratch.exists(`${PROJECT}/src/${file}`)).toBe(true);
      expect(generated.stdout).toContain(`+ ${PROJECT}/src/${file}`);
    }
    expect(generated.stdout).toContain(`npx jest -c ${PROJECT}/jest.config.js`);
    expect(scratch.read(`${PROJECT}/src/webhook.ts`)).toContain('TODO(provider)');
    expect(scratch.read(`${PROJECT}/src/descriptor.ts`)).toContain("resourceNamePlural: 'Acme ACH Transfers'");
  });

  it('registers it in the registry, TS paths, Nx, Jest, libs/testing, compose, k8s and KEDA', () => {
    expect(scratch.read('libs/replicators/registry/src/replicator-registry.ts')).toMatch(
      new RegExp(`import \\{ acmeAchTransferV2Replicator \\} from '@whdb/replicator-${KEBAB}';[\\s\\S]*\\[[\\s\\S]*acmeAchTransferV2Replicator,[\\s\\S]*\\];`),
    );
    const paths = JSON.parse(scratch.read('tsconfig.base.json')).compilerOptions.paths;
    expect(paths[`@whdb/replicator-${KEBAB}`]).toEqual([`${PROJECT}/src/index.ts`]);
    expect(JSON.parse(scratch.read(`${PROJECT}/project.json`))).toMatchObject({ name: `replicator-${KEBAB}`, tags: ['type:replicator'] });
    expect(scratch.read(`${PROJECT}/jest.config.js`)).toContain('globalSetup: intGlobalSetup');
    expect(scratch.read('libs/testing/src/index.ts')).toContain(`export * from './fakes/fake-${KEBAB}.server';`);
    expect(scratch.read('docker/compose.yml')).toContain(
      `  projector-${KEBAB}:\n    <<: *whdb-projector\n    environment:\n      <<: *whdb-env\n      WHDB_REPLICATOR: ${SERVICE}\n`,
    );
    expect(scratch.read('k8s/base/kustomization.yaml')).toContain(`  - ../projectors/${KEBAB}\n`);
    expect(scratch.read('k8s/components/keda-projector-autoscaling/kustomization.yaml')).toContain(`  - ../../projectors/${KEBAB}/keda\n`);
    expect(scratch.read(`k8s/projectors/${KEBAB}/kustomization.yaml`)).toContain(`whdb.io/replicator: ${SERVICE}`);
    const keda = scratch.read(`k8s/projectors/${KEBAB}/keda/kustomization.yaml`);
    for (const value of [`projector-${KEBAB}`, `whdb.projector.${SERVICE}`, `whdb.inbound.${SERVICE}`]) expect(keda).toContain(`value: ${value}\n`);
  });

  it('type-checks: tsc --noEmit over the whole scratch repository', async () => {
    const tsc = await scratch.run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], env());
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  }, STEP_TIMEOUT_MS);

  it('passes its unit specs and the whole contract suite (backfill included), and the registry spec', async () => {
    const report = path.join(scratch.dir, 'jest-report.json');
    const projects = [`${PROJECT}/jest.config.js`, 'libs/replicators/registry/jest.config.js'];
    const jest = await scratch.run(bin('jest'), ['--projects', ...projects, '--ci', '--json', `--outputFile=${report}`, `--cacheDirectory=${path.join(scratch.dir, '.jest-cache')}`], env());
    expect({ code: jest.code, output: jest.code === 0 ? '' : jest.stderr }).toEqual({ code: 0, output: '' });
    const result = JSON.parse(scratch.read('jest-report.json')) as JestReport;
    expect(result).toMatchObject({ success: true, numFailedTests: 0, numPendingTests: 0 });
    expect(result.numPassedTests).toBeGreaterThan(50);
    const suites = result.testResults.map((suite) => path.relative(scratch.dir, suite.name)).sort();
    expect(suites).toEqual(expect.arrayContaining([`${PROJECT}/src/${KEBAB}.contract.int-spec.ts`, `${PROJECT}/src/webhook.spec.ts`, `${PROJECT}/src/schema.spec.ts`]));
    const groups = new Set(result.testResults.flatMap((suite) => suite.assertionResults.map((test) => test.ancestorTitles[0])));
    for (const group of [
      'a replicator',
      'a replicator that prevents overwriting new data with old',
      'a replicator that may have a minimal body',
      'a replicator that deals with resources and wrapped events',
      'a replicator that upserts webhooks only under specific conditions',
      'a replicator that can backfill',
      'a replicator that verifies backfill secrets',
    ]) {
      expect(groups).toContain(`${SERVICE}: ${group}`);
    }
    expect(groups).toContain('replicator registry');
  }, STEP_TIMEOUT_MS);

  it('lints, module boundaries included (nx lint of the new project, the registry and libs/testing)', async () => {
    const nx = await scratch.run(bin('nx'), ['run-many', '-t', 'lint', '-p', `replicator-${KEBAB}`, 'replicators', 'testing', '--outputStyle=static', '--skip-nx-cache'], env());
    expect({ code: nx.code, output: nx.code === 0 ? '' : nx.stdout + nx.stderr }).toEqual({ code: 0, output: '' });
    expect(nx.stdout).toContain(`eslint ${PROJECT}`);
  }, STEP_TIMEOUT_MS);

  it('refuses a second run with a clear error, changing nothing', async () => {
    const before = snapshot();
    const again = await scratch.run(process.execPath, GENERATOR, env());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`new-replicator: A replicator named ${SERVICE} already exists`);
    expect(again.stdout).toBe('');
    expect(snapshot()).toEqual(before);
  });

  it.each([
    ['AcmeWidget_v1', 'Invalid service name'],
    ['acme_widget', 'Invalid service name'],
    ['acme_v1', 'Invalid service name'],
    ['acme__widget_v1', 'Invalid service name'],
    ['acme_widget_v0', 'Invalid service name'],
    [`acme_${'w'.repeat(40)}_v1`, 'at most 40 characters'],
    ['', 'Give the service name'],
  ])('rejects the service name %p (%s) without writing anything', async (name, message) => {
    const before = snapshot();
    const refused = await scratch.run(process.execPath, ['tools/new-replicator.mjs', name], env());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(message);
    expect(snapshot()).toEqual(before);
  });
});
