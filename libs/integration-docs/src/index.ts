export * from './setup-walkthrough';
export * from './render-integration-page';
export * from './integration-pages';
export * from './row-schema-files';
