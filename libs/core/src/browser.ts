// The browser-safe entry point of libs/core: only modules without Node.js imports, bundled into the
// web setup terminal (apps/web-terminal; docs/setup-terminal.md#how-it-is-built). Everything here is
// also exported by the main entry point, index.ts.
export * from './state-machine/step-conversation';
