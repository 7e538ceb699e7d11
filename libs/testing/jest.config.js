const { base, intGlobalSetup } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'testing',
  rootDir: __dirname,
  globalSetup: intGlobalSetup,
};
