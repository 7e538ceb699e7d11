const { base, intGlobalSetup } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'ingress',
  rootDir: __dirname,
  globalSetup: intGlobalSetup,
};
