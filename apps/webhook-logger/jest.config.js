const { base, intGlobalSetup } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'webhook-logger',
  rootDir: __dirname,
  globalSetup: intGlobalSetup,
};
