// Shared Jest settings for every project: SWC transform (keeps decorator metadata for NestJS)
// and the tsconfig path aliases. Projects with *.int-spec.ts spread `base` and add `globalSetup: intGlobalSetup`,
// which gives them a real Kafka and Postgres (see tools/infra/README.md).
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');
const swcOptions = require('./tools/swc-options.cjs');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[/\\^$*+?.()|[\]{}-]/g, '\\$&')}$`,
    path.join(__dirname, target),
  ]),
);

const base = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcOptions, sourceMaps: 'inline' }],
    // jose (the Front channel JWT) ships ES modules only: Jest runs CommonJS, so it is compiled like our sources.
    '^.+[\\/]node_modules[\\/]jose[\\/].+\\.js$': ['@swc/jest', { ...swcOptions, jsc: { ...swcOptions.jsc, parser: { syntax: 'ecmascript' } } }],
  },
  transformIgnorePatterns: ['[\\/]node_modules[\\/](?!jose[\\/])'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper,
  testMatch: ['**/?(*.)+(spec|int-spec).ts'],
  testTimeout: 30000,
};
const intGlobalSetup = path.join(__dirname, 'tools/infra/jest-global-setup.cjs');

module.exports = { base, intGlobalSetup };
