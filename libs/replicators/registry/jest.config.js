const { base } = require('../../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'replicators',
  rootDir: __dirname,
};
