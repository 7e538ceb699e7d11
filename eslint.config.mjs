// Lint rules for the whole workspace. The module-boundary constraints encode the architecture:
// the domain (libs/core) imports nothing of ours; only libs/kafka touches kafkajs; only
// libs/persistence touches pg/TypeORM; apps are thin shells over libs.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const infraPackages = ['kafkajs', 'pg', 'typeorm', 'testcontainers', '@testcontainers/*'];
const frameworkPackages = ['@nestjs/*', 'express', 'prom-client'];

const constraints = [
  { tag: 'type:domain', deps: ['type:domain'], banned: [...infraPackages, ...frameworkPackages] },
  { tag: 'type:replicator', deps: ['type:domain'], banned: [...infraPackages, ...frameworkPackages] },
  { tag: 'type:registry', deps: ['type:domain', 'type:replicator'], banned: [...infraPackages, ...frameworkPackages] },
  // libs/tracing: OpenTelemetry at our seams (docs/operations.md#tracing); imports nothing of ours.
  { tag: 'type:tracing', deps: [], banned: [...infraPackages, ...frameworkPackages] },
  { tag: 'type:kafka', deps: ['type:domain', 'type:tracing'], banned: ['pg', 'typeorm', 'testcontainers', '@testcontainers/*'] },
  { tag: 'type:persistence', deps: ['type:domain'], banned: ['kafkajs', 'testcontainers', '@testcontainers/*'] },
  { tag: 'type:platform', deps: ['type:domain', 'type:tracing'], banned: infraPackages },
  { tag: 'type:testing', deps: ['type:domain', 'type:kafka', 'type:persistence', 'type:platform', 'type:tracing'], banned: ['kafkajs', 'pg', 'typeorm'] },
  { tag: 'type:service-kit', deps: ['type:domain', 'type:kafka', 'type:persistence', 'type:platform', 'type:tracing'], banned: infraPackages },
  { tag: 'type:app', deps: ['type:domain', 'type:registry', 'type:kafka', 'type:persistence', 'type:platform', 'type:service-kit', 'type:tracing'], banned: infraPackages },
  // apps/cli (`whdb`) talks to the api over HTTP only: the domain and the (pure) replicator
  // registry for `whdb fixture`, never persistence, Kafka or the server framework.
  { tag: 'type:cli', deps: ['type:domain', 'type:registry'], banned: [...infraPackages, ...frameworkPackages, '@whdb/persistence', '@whdb/kafka', '@whdb/platform', '@whdb/service-kit'] },
  // apps/web-terminal: browser code, bundled and served by the api; only the browser-safe domain (`@whdb/core/browser`).
  { tag: 'type:web', deps: ['type:domain'], banned: [...infraPackages, ...frameworkPackages, '@whdb/persistence', '@whdb/kafka', '@whdb/platform', '@whdb/service-kit', '@whdb/replicators'] },
  { tag: 'type:e2e', deps: ['type:domain', 'type:registry', 'type:replicator', 'type:testing'], banned: ['kafkajs', 'typeorm'] },
  // bench/: drives the stack like the e2e tests, and reads topic offsets and publishes through libs/kafka (never kafkajs itself).
  { tag: 'type:bench', deps: ['type:domain', 'type:testing', 'type:kafka'], banned: ['kafkajs', 'typeorm'] },
  // libs/integration-docs: renders docs/integrations/*.md from the replicators (pure, no I/O but the spec's file reads).
  { tag: 'type:docs', deps: ['type:domain', 'type:registry', 'type:replicator', 'type:persistence'], banned: [...infraPackages, ...frameworkPackages] },
  // apps/mirror-example: a consumer of whdb.rows.<service_name> as a user would write it, against the
  // documented envelope and schema only (docs/topics.md#row-change-envelope): kafkajs and pg, none of our libs.
  { tag: 'type:example', deps: [], banned: [...frameworkPackages, '@whdb/*'] },
  // tools/new-replicator: the generator's own test drives commands in a scratch copy, imports no lib.
  { tag: 'type:tooling', deps: [], banned: [...infraPackages, ...frameworkPackages] },
];

function boundaries(forTests) {
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: constraints.map(({ tag, deps, banned }) => ({
      sourceTag: tag,
      onlyDependOnLibsWithTags: forTests && tag !== 'type:testing' ? [...deps, 'type:testing'] : deps,
      bannedExternalImports: banned,
    })),
  };
}

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.nx', 'tools/**/*.mjs', 'tools/**/*.cjs', 'tools/**/*.cts', 'jest.preset.js', '**/jest.config.js', '**/global-setup.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports only.' },
      ],
      '@nx/enforce-module-boundaries': ['error', boundaries(false)],
    },
  },
  {
    // Tests may also use libs/testing (fakes, builders, infra) on top of their own dependencies.
    files: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries(true)],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
