export { frontMessageV1Replicator } from './front-message-v1.replicator';
export { frontMessageV1Descriptor, FRONT_APP_WEBHOOK_PATH } from './descriptor';
export { frontMessageV1Schema } from './schema';
