const { base, intGlobalSetup } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'persistence',
  rootDir: __dirname,
  globalSetup: intGlobalSetup,
};
