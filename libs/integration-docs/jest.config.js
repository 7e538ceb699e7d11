const { base } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'integration-docs',
  rootDir: __dirname,
};
