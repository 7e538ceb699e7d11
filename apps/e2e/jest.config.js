const path = require('node:path');
const { base } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'e2e',
  rootDir: __dirname,
  globalSetup: path.join(__dirname, 'global-setup.cjs'),
  // Each file runs a whole stack of processes against shared topics: one file at a time.
  maxWorkers: 1,
  testTimeout: 120000,
};
