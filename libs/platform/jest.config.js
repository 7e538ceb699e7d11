const { base } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'platform',
  rootDir: __dirname,
};
