// One SWC configuration for Jest and for the production build: TypeScript with legacy decorators
// and emitted decorator metadata (NestJS dependency injection reads it), CommonJS output.
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};
