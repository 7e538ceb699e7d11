const { base, intGlobalSetup } = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'new-replicator',
  rootDir: __dirname,
  // The template's files end in .tmpl and are never collected; only the generator's own test is.
  testPathIgnorePatterns: ['/template/'],
  globalSetup: intGlobalSetup,
};
