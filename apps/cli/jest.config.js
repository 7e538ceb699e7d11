const { base } = require('../../jest.preset.js');

// Unit specs of the CLI's pure parts. The CLI driven through a pseudo-terminal against the running
// stack is tested in apps/e2e/src/cli/ (it needs the build and every service).
module.exports = {
  ...base,
  displayName: 'cli',
  rootDir: __dirname,
};
