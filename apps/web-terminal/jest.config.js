const { base } = require('../../jest.preset.js');

// Unit specs of the web terminal's conversation logic (no DOM). The page itself is driven in real
// headless Chromium against the running stack in apps/e2e/src/web/.
module.exports = {
  ...base,
  displayName: 'web-terminal',
  rootDir: __dirname,
};
