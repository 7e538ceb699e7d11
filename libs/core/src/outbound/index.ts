export * from './sms-allowlist';
export * from './media-url-token';
export * from './front-import-body';
export * from './in-flight-sms';
