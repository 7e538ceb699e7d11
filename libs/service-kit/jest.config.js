const { base } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'service-kit',
  rootDir: __dirname,
};
