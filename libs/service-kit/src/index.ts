export * from './tokens';
export * from './database.module';
export * from './kafka.module';
export * from './secret-box.module';
export * from './topic-provisioner';
export * from './integration-cache';
