export * from './logged-webhook';
export * from './retention';
