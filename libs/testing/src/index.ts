export * from './eventually';
export * from './net/free-port';
export * from './fakes/fake-http-server';
export * from './fakes/fake-increase.server';
export * from './fakes/increase-webhook-signer';
export * from './builders/increase-account.builder';
