export { frontMessageV1Replicator } from './front-message-v1.replicator';
export { frontMessageV1Descriptor, FRONT_MESSAGE_V1_DEFAULT_API_URL, FRONT_MESSAGE_V1_SANDBOX_API_URL } from './descriptor';
export { frontMessageV1Schema } from './schema';
export { FRONT_MESSAGE_V1_SIGNATURE_HEADER } from './webhook';
