const { base } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'tracing',
  rootDir: __dirname,
};
