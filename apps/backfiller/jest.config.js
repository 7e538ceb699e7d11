const { base, intGlobalSetup } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'backfiller',
  rootDir: __dirname,
  globalSetup: intGlobalSetup,
};
