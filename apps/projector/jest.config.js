const { base, intGlobalSetup } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'projector',
  rootDir: __dirname,
  globalSetup: intGlobalSetup,
};
