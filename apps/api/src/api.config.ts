import { commonConfigSchema, Config, defineConfig, int, port, providerEndpointsConfigSchema, secret, url } from '@whdb/platform';

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
  /**
   * Where analysts connect with the read-only credentials of `GET .../db/connection`: host, port,
   * database and options; any user or password in it is dropped. Unset: `DATABASE_URL` without its
   * credentials (docs/behaviour/analyst-access.md).
   */
  WHDB_ANALYST_DATABASE_URL: url({ optional: true, protocols: ['postgres', 'postgresql'] }),
});

export type ApiConfig = Config<typeof apiConfigSchema>;

/** Injection token of the loaded config. */
export const API_CONFIG = 'WHDB_API_CONFIG';
