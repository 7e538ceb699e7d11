const { base } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'mirror-example',
  rootDir: __dirname,
};
