const { base } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'core',
  rootDir: __dirname,
};
