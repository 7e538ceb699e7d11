const { base, intGlobalSetup } = require('../../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'replicator-front-message-v1',
  rootDir: __dirname,
  globalSetup: intGlobalSetup,
};
