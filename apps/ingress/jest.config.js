const { base } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'ingress',
  rootDir: __dirname,
};
