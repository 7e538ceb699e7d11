const { base, intGlobalSetup } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'kafka',
  rootDir: __dirname,
  globalSetup: intGlobalSetup,
};
