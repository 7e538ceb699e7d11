import { ConfigError } from './config-error';
import { base64Key, bool, brokerList, int, list, maskUrlCredentials, oneOf, port, secret, str, url } from './config-fields';
import { commonConfigSchema } from './common.config';
import { Config, defineConfig, describeConfig, loadConfig } from './load-config';

const KEY = Buffer.alloc(32, 7).toString('base64');

const ingressSchema = defineConfig({
  ...commonConfigSchema,
  INGRESS_PORT: port({ default: 18001 }),
  WHDB_MAX_BODY_BYTES: int({ default: 1048576, min: 1 }),
  WHDB_ADMIN_TOKEN: secret({ optional: true }),
});

function expectConfigError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults (docs/configuration.md) and returns a frozen, typed object', () => {
    const config = loadConfig(ingressSchema, { WHDB_ENCRYPTION_KEY: KEY });
    expect(config).toEqual({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/whdb',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      WHDB_PUBLIC_URL: 'http://127.0.0.1:18001',
      WHDB_ENCRYPTION_KEY: KEY,
      WHDB_ENCRYPTION_KEYS: undefined,
      WHDB_RETRY_BACKOFF_MAX_SECONDS: 300,
      // Tracing off unless configured (docs/configuration.md#tracing).
      OTEL_SDK_DISABLED: false,
      OTEL_TRACES_EXPORTER: undefined,
      OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_SERVICE_NAME: undefined,
      INGRESS_PORT: 18001,
      WHDB_MAX_BODY_BYTES: 1048576,
      WHDB_ADMIN_TOKEN: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.KAFKA_BROKERS)).toBe(true);
    // Compile-time: the value types follow the builders' options.
    const typed: { port: number; brokers: readonly string[]; token: string | undefined; level: 'debug' | 'info' | 'warn' | 'error' } = {
      port: config.INGRESS_PORT,
      brokers: config.KAFKA_BROKERS,
      token: config.WHDB_ADMIN_TOKEN,
      level: config.LOG_LEVEL,
    };
    expect(typed.port).toBe(18001);
  });

  it('parses the values that are set, trimming whitespace and treating blanks as unset', () => {
    const config = loadConfig(ingressSchema, {
      WHDB_ENCRYPTION_KEY: ` ${KEY} `,
      KAFKA_BROKERS: 'kafka-0:9092, kafka-1:9093,[::1]:9094',
      INGRESS_PORT: '0',
      LOG_LEVEL: 'debug',
      WHDB_MAX_BODY_BYTES: '',
      WHDB_ADMIN_TOKEN: 'admin-token',
    });
    expect(config.KAFKA_BROKERS).toEqual(['kafka-0:9092', 'kafka-1:9093', '[::1]:9094']);
    expect(config.INGRESS_PORT).toBe(0);
    expect(config.LOG_LEVEL).toBe('debug');
    expect(config.WHDB_MAX_BODY_BYTES).toBe(1048576);
    expect(config.WHDB_ADMIN_TOKEN).toBe('admin-token');
  });

  it('throws one ConfigError listing every invalid variable, never printing secret values', () => {
    const secretValue = 'not-base64-but-very-secret!';
    const error = expectConfigError(() =>
      loadConfig(ingressSchema, {
        DATABASE_URL: 'postgres://admin:hunter2@:bad',
        KAFKA_BROKERS: 'kafka-0,kafka-1:99999',
        INGRESS_PORT: '70000',
        WHDB_MAX_BODY_BYTES: '0',
        LOG_LEVEL: 'verbose',
        WHDB_ENCRYPTION_KEY: secretValue,
        WHDB_RETRY_BACKOFF_MAX_SECONDS: 'soon',
      }),
    );
    expect(error.code).toBe('config_invalid');
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual(
      ['DATABASE_URL', 'INGRESS_PORT', 'KAFKA_BROKERS', 'LOG_LEVEL', 'WHDB_ENCRYPTION_KEY', 'WHDB_MAX_BODY_BYTES', 'WHDB_RETRY_BACKOFF_MAX_SECONDS'].sort(),
    );
    expect(error.message).toContain('7 environment variables');
    expect(error.message).toContain('WHDB_ENCRYPTION_KEY: must be 32 bytes encoded as base64');
    expect(error.message).toContain('LOG_LEVEL: must be one of debug, info, warn, error (got "verbose")');
    expect(error.message).toContain('INGRESS_PORT: must be <= 65535 (got "70000")');
    expect(error.message).toContain('KAFKA_BROKERS: must be comma-separated host:port entries (bad: kafka-0, kafka-1:99999)');
    expect(error.message).toContain('DATABASE_URL: must be an absolute URL');
    expect(error.message).not.toContain(secretValue);
    expect(error.message).not.toContain('hunter2');
  });

  it('requires WHDB_ENCRYPTION_KEY (or the keyring) in every environment, with a hint', () => {
    for (const NODE_ENV of ['development', 'production']) {
      const error = expectConfigError(() => loadConfig(commonConfigSchema, { NODE_ENV }));
      expect(error.issues).toEqual([
        { variable: 'WHDB_ENCRYPTION_KEY', reason: expect.stringContaining('is required unless WHDB_ENCRYPTION_KEYS is set (base64 of 32 random bytes') },
      ]);
    }
  });

  it('honours requiredInProduction for optional variables', () => {
    const schema = defineConfig({ FRONT_APP_SECRET: secret({ optional: true, requiredInProduction: true }) });
    expect(loadConfig(schema, {}).FRONT_APP_SECRET).toBeUndefined();
    expect(loadConfig(schema, { NODE_ENV: 'production', FRONT_APP_SECRET: 's' }).FRONT_APP_SECRET).toBe('s');
    expect(expectConfigError(() => loadConfig(schema, { NODE_ENV: 'production' })).message).toContain('FRONT_APP_SECRET: is required in production');
  });

  it('never echoes URLs (they carry credentials) nor custom-validated secrets', () => {
    const schema = defineConfig({
      FRONT_API_URL: url({ default: 'https://api2.frontapp.com' }),
      DATABASE_URL: url({ protocols: ['postgres'] }),
      TOKEN: secret({ validate: (value) => (value.length < 10 ? 'is too short' : undefined) }),
    });
    const error = expectConfigError(() => loadConfig(schema, { FRONT_API_URL: 'ftp://user:pw@host', DATABASE_URL: 'mysql://root:pw@db', TOKEN: 'abc' }));
    expect(error.message).toContain('FRONT_API_URL: must be a http or https URL');
    expect(error.message).toContain('DATABASE_URL: must be a postgres URL');
    expect(error.message).toContain('TOKEN: is too short');
    expect(error.message).not.toMatch(/pw|abc/);
  });

  it('parses the other builders', () => {
    const schema = defineConfig({
      ENABLED: bool({ default: false }),
      NAME: str(),
      ALLOWLIST: list({ default: [] }),
      MODE: oneOf(['a', 'b'], { optional: true }),
      POLL: int({ default: 60, min: 0 }),
    });
    const config: Config<typeof schema> = loadConfig(schema, { ENABLED: 'YES', NAME: 'x', ALLOWLIST: ' +1555*   +1666* ', POLL: '0' });
    expect(config).toEqual({ ENABLED: true, NAME: 'x', ALLOWLIST: ['+1555*', '+1666*'], MODE: undefined, POLL: 0 });
    const error = expectConfigError(() => loadConfig(schema, { ENABLED: 'maybe', POLL: '1.5' }));
    expect(error.issues).toEqual([
      { variable: 'ENABLED', reason: 'must be true or false (got "maybe")' },
      { variable: 'NAME', reason: 'is required' },
      { variable: 'POLL', reason: 'must be an integer (got "1.5")' },
    ]);
  });

  it('rejects an invalid brokerList default at definition time', () => {
    expect(() => brokerList({ default: 'nope' })).toThrow(/Invalid default for brokerList/);
  });
});

describe('base64Key', () => {
  const validate = base64Key(32);
  it('accepts exactly 32 bytes of standard base64', () => {
    expect(validate(KEY)).toBeUndefined();
    expect(validate(Buffer.alloc(16).toString('base64'))).toBeDefined();
    expect(validate(Buffer.alloc(32, 255).toString('base64url'))).toBeDefined();
    expect(validate(`${KEY}x`)).toBeDefined();
  });
});

describe('describeConfig', () => {
  it('redacts secrets and URL credentials for boot logs', () => {
    const config = loadConfig(ingressSchema, {
      WHDB_ENCRYPTION_KEY: KEY,
      WHDB_ADMIN_TOKEN: 'admin-token',
      DATABASE_URL: 'postgres://whdb:hunter2@db:5432/whdb?sslmode=require&password=p2',
    });
    const described = describeConfig(config);
    expect(described.WHDB_ENCRYPTION_KEY).toBe('[redacted]');
    expect(described.WHDB_ADMIN_TOKEN).toBe('[redacted]');
    expect(described.DATABASE_URL).toBe('postgres://whdb:[redacted]@db:5432/whdb?sslmode=require&password=[redacted]');
    expect(described.INGRESS_PORT).toBe(18001);
    expect(JSON.stringify(described)).not.toMatch(/hunter2|p2|admin-token/);
    expect(JSON.stringify(described)).not.toContain(KEY);
  });

  it('shows unset optional values as null and falls back to key names for plain objects', () => {
    expect(describeConfig(loadConfig(ingressSchema, { WHDB_ENCRYPTION_KEY: KEY })).WHDB_ADMIN_TOKEN).toBeNull();
    expect(describeConfig({ API_TOKEN: 't', PORT: 1 })).toEqual({ API_TOKEN: '[redacted]', PORT: 1 });
  });

  it('masks URLs without credentials untouched', () => {
    expect(maskUrlCredentials('https://api2.frontapp.com/')).toBe('https://api2.frontapp.com/');
    expect(maskUrlCredentials('not a url')).toBe('[redacted]');
  });
});
