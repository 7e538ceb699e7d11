const { base, intGlobalSetup } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'history-writer',
  rootDir: __dirname,
  globalSetup: intGlobalSetup,
};
