const { base, intGlobalSetup } = require('../../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'replicator-increase-account-v1',
  rootDir: __dirname,
  globalSetup: intGlobalSetup,
};
