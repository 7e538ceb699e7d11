/** DI tokens for the infrastructure every service shares. */
export const DATABASE = 'WHDB_DATABASE';
export const KAFKA_PUBLISHER = 'WHDB_KAFKA_PUBLISHER';
export const KAFKA_SETTINGS = 'WHDB_KAFKA_SETTINGS';
export const SECRET_BOX = 'WHDB_SECRET_BOX';
