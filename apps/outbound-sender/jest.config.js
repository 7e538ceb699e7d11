const { base, intGlobalSetup } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'outbound-sender',
  rootDir: __dirname,
  globalSetup: intGlobalSetup,
};
