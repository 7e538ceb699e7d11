// The two local environments: `dev` (npm run up, humans) and `test` (Jest integration tests, CI).
// Separate brokers and databases so that a test run never touches development data.
export const PROFILES = {
  dev: {
    kafka: { name: 'dev', port: 9092, controllerPort: 9093, heapMb: 512 },
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/whdb',
  },
  test: {
    kafka: { name: 'test', port: 19092, controllerPort: 19093, heapMb: 512 },
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/whdb_test',
  },
};

export function profileNamed(profile) {
  const found = PROFILES[profile];
  if (!found) throw new Error(`unknown infra profile ${JSON.stringify(profile)}; use one of: ${Object.keys(PROFILES).join(', ')}`);
  return found;
}
