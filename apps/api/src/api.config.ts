import { commonConfigSchema, Config, defineConfig, int, port, providerEndpointsConfigSchema, secret } from '@whdb/platform';

/** Environment of the control-plane API (docs/configuration.md#api). */
export const apiConfigSchema = defineConfig({
  ...commonConfigSchema,
  /** Where credential checks reach the providers (docs/configuration.md#provider-endpoints). */
  ...providerEndpointsConfigSchema,
  API_PORT: port({ default: 18002 }),
  /** Bootstrap token that may create organizations; unset disables organization creation. */
  WHDB_ADMIN_TOKEN: secret({ optional: true, validate: (v) => (v.length < 16 ? 'must be at least 16 characters' : undefined) }),
  /** Timeout of calls to providers made while setting integrations up (credential checks). */
  WHDB_PROVIDER_HTTP_TIMEOUT_SECONDS: int({ default: 30, min: 1, max: 300 }),
});

export type ApiConfig = Config<typeof apiConfigSchema>;

/** Injection token of the loaded config. */
export const API_CONFIG = 'WHDB_API_CONFIG';
