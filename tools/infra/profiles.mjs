// The local environments: `dev` (npm run up, humans), `test` (Jest integration tests, CI) and
// `bench` (npm run bench*: the dev broker, its own database). Separate databases so that neither a
// test run nor a bench (each stack with its own encryption key) touches development data.
export const PROFILES = {
  dev: {
    kafka: { name: 'dev', port: 9092, controllerPort: 9093, heapMb: 512 },
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/whdb',
  },
  bench: {
    kafka: { name: 'dev', port: 9092, controllerPort: 9093, heapMb: 512 },
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/whdb_bench',
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
