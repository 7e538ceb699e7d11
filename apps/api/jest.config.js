const { base, intGlobalSetup } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'api',
  rootDir: __dirname,
  globalSetup: intGlobalSetup,
};
