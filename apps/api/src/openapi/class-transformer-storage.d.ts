// class-transformer keeps its `@Type` metadata in this module (the CommonJS build) and ships its
// types apart; the OpenAPI generator reads nested DTO types from it (dto-schema.ts).
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
