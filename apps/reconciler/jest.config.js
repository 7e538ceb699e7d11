const { base, intGlobalSetup } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'reconciler',
  rootDir: __dirname,
  globalSetup: intGlobalSetup,
};
