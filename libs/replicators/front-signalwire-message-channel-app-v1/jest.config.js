const { base, intGlobalSetup } = require('../../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'replicator-front-signalwire-message-channel-app-v1',
  rootDir: __dirname,
  globalSetup: intGlobalSetup,
};
