const { base, intGlobalSetup } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'e2e',
  rootDir: __dirname,
  globalSetup: intGlobalSetup,
};
