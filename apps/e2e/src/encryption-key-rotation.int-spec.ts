import { buildIncreaseAccount, ControlPlaneClient, eventually, expectStatus, freePort, increaseSignatureHeader, ServiceProcess, StepBody, TableProbe } from '@whdb/testing';
import { randomBytes } from 'node:crypto';

/** An api and an ingress of one release configuration (a rollout step). */
interface Replicas {
  readonly label: string;
  readonly api: ServiceProcess;
  readonly ingress: ServiceProcess;
  readonly apiUrl: string;
  readonly ingressUrl: string;
}

interface Integration {
  readonly opaqueId: string;
  readonly table: string;
  secret: string;
  accepted: number;
}

/**
 * Rotating WHDB_ENCRYPTION_KEY with no downtime (docs/runbooks/rotate-a-secret.md#the-encryption-key),
 * with the services as real processes: each rollout step starts new replicas (api and ingress) before
 * the previous ones stop, so every step runs next to the one before it, and webhooks keep being
 * accepted by both. Step 0: the single key A. Step 1: keyring "a:A,b:B" (A still encrypts, B staged).
 * Step 2: "b:B,a:A" (B encrypts), then the re-encryption, racing a secret change from a step-1 replica.
 * Step 3: "b:B" alone reads everything. Every accepted webhook reaches Postgres.
 */
describe('encryption key rotation without downtime', () => {
  const A = randomBytes(32).toString('base64');
  const B = randomBytes(32).toString('base64');
  const orgKey = `e2e_rot_${randomBytes(4).toString('hex')}`;
  const adminToken = `admin_${randomBytes(16).toString('hex')}`;
  const common = { DATABASE_URL: process.env['DATABASE_URL']!, KAFKA_BROKERS: process.env['KAFKA_BROKERS']!, WHDB_ADMIN_TOKEN: adminToken, LOG_LEVEL: 'info' };
  let projector: ServiceProcess | undefined;
  let step0: Replicas;
  let probe: TableProbe;
  let orgToken: string;
  const replicas: Replicas[] = [];
  const integrations: Integration[] = [];

  beforeAll(async () => {
    // Started by hand rather than as a WhdbStack, to give each process more time to become ready on a busy machine.
    step0 = await startReplicas('A', { WHDB_ENCRYPTION_KEY: A });
    const probePort = await freePort();
    projector = new ServiceProcess({
      app: 'projector',
      label: 'projector-increase_account_v1',
      env: { ...common, WHDB_ENCRYPTION_KEY: A, WHDB_REPLICATOR: 'increase_account_v1', PROBE_PORT: String(probePort) },
      probeUrl: `http://127.0.0.1:${probePort}`,
    });
    await projector.start(90_000);
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    orgToken = (await new ControlPlaneClient(step0.apiUrl, adminToken).createOrganization('Rotation', orgKey)).token;
  }, 300_000);

  afterAll(async () => {
    for (const step of replicas) await Promise.all([step.api.stop(), step.ingress.stop()]);
    await projector?.stop();
    await probe?.dropOrganizationSchema(orgKey);
    await probe?.close();
  });

  async function startReplicas(label: string, keys: Record<string, string>): Promise<Replicas> {
    const [apiPort, ingressPort] = [await freePort(), await freePort()];
    const [apiUrl, ingressUrl] = [`http://127.0.0.1:${apiPort}`, `http://127.0.0.1:${ingressPort}`];
    const env = { ...common, WHDB_PUBLIC_URL: ingressUrl, ...keys };
    const api = new ServiceProcess({ app: 'api', label: `api (${label})`, env: { ...env, API_PORT: String(apiPort) }, probeUrl: apiUrl });
    const ingress = new ServiceProcess({ app: 'ingress', label: `ingress (${label})`, env: { ...env, INGRESS_PORT: String(ingressPort) }, probeUrl: ingressUrl });
    const step = { label, api, ingress, apiUrl, ingressUrl };
    replicas.push(step);
    await api.start(90_000); // the first api migrates the control-plane schema
    await ingress.start(90_000);
    return step;
  }

  async function createIntegration(apiUrl: string): Promise<Integration> {
    const client = new ControlPlaneClient(apiUrl, orgToken);
    const step = expectStatus(
      await client.request<StepBody>('POST', `/v1/organizations/${orgKey}/service_integrations/create`, { service_name: 'increase_account_v1', guard_confirm: true }),
      200,
    );
    const secret = `whsec_${randomBytes(12).toString('hex')}`;
    await client.transition(orgKey, step.service_integration.opaque_id, 'webhook_secret', secret);
    const integration = { opaqueId: step.service_integration.opaque_id, table: step.service_integration.table_name, secret, accepted: 0 };
    integrations.push(integration);
    return integration;
  }

  async function post(ingressUrl: string, integration: Integration, secret = integration.secret): Promise<number> {
    const raw = JSON.stringify(buildIncreaseAccount());
    const response = await fetch(`${ingressUrl}/v1/service_integrations/${integration.opaqueId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'increase-webhook-signature': increaseSignatureHeader(raw, secret) },
      body: raw,
    });
    if (response.status < 300) integration.accepted += 1;
    return response.status;
  }

  /** Every integration's webhooks are accepted by every running ingress. */
  async function expectEveryIngressAccepts(ingressUrls: string[]): Promise<void> {
    for (const url of ingressUrls) for (const integration of integrations) expect(await post(url, integration)).toBe(202);
  }

  async function storedWebhookSecret(integration: Integration): Promise<string> {
    const [row] = await probe.query<{ webhook_secret: string }>('SELECT webhook_secret FROM whdb.service_integrations WHERE opaque_id = $1', [integration.opaqueId]);
    return row!.webhook_secret;
  }

  async function admin(apiUrl: string, method: 'GET' | 'POST', path: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify({ batch_size: 2 }) : undefined,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  }

  it('rotates A to B step by step while webhooks keep being accepted, re-encrypts everything, and then B alone reads it all', async () => {
    // Step 0: the single key A, as before rotation existed.
    const first = await createIntegration(step0.apiUrl);
    expect(await storedWebhookSecret(first)).toMatch(/^v1:/);
    await expectEveryIngressAccepts([step0.ingressUrl]);

    // Step 1: "a:A,b:B" next to step 0. A still encrypts (now with its id); step-0 replicas read that too.
    const step1 = await startReplicas('a:A,b:B', { WHDB_ENCRYPTION_KEY: A, WHDB_ENCRYPTION_KEYS: `a:${A},b:${B}` });
    const second = await createIntegration(step1.apiUrl);
    expect(await storedWebhookSecret(second)).toMatch(/^v2:a:/);
    await expectEveryIngressAccepts([step0.ingressUrl, step1.ingressUrl]);
    await Promise.all([step0.api.stop(), step0.ingress.stop()]);

    // Step 2: "b:B,a:A" next to step 1 (which knows B): B encrypts.
    const step2 = await startReplicas('b:B,a:A', { WHDB_ENCRYPTION_KEY: '', WHDB_ENCRYPTION_KEYS: `b:${B},a:${A}` });
    const third = await createIntegration(step2.apiUrl);
    expect(await storedWebhookSecret(third)).toMatch(/^v2:b:/);
    await expectEveryIngressAccepts([step1.ingressUrl, step2.ingressUrl]);
    const before = await admin(step2.apiUrl, 'GET', '/v1/admin/encryption');
    expect(before['key_ids']).toEqual(['b', 'a']);
    expect((before['stale_rows'] as Record<string, number>)['service_integrations']).toBeGreaterThanOrEqual(2);

    // Re-encryption, while a step-1 replica changes the first integration's secret.
    const newSecret = `whsec_${randomBytes(12).toString('hex')}`;
    const oldSecret = first.secret;
    const [result] = await Promise.all([
      admin(step2.apiUrl, 'POST', '/v1/admin/encryption/reencrypt'),
      new ControlPlaneClient(step1.apiUrl, orgToken).transition(orgKey, first.opaqueId, 'webhook_secret', newSecret),
    ]);
    first.secret = newSecret;
    expect(result['newest_key_id']).toBe('b');
    const table = (result['tables'] as { table: string; rewritten: number; concurrently_updated: number }[]).find((t) => t.table === 'service_integrations')!;
    expect(table.rewritten + table.concurrently_updated).toBeGreaterThanOrEqual(1);
    // The step-1 replica may have written under A after the run read the row: a second run (idempotent) finishes it.
    await admin(step2.apiUrl, 'POST', '/v1/admin/encryption/reencrypt');
    for (const integration of integrations) expect(await storedWebhookSecret(integration)).toMatch(/^v2:b:/);
    await Promise.all([step1.api.stop(), step1.ingress.stop()]);

    // Step 3: "b:B" alone, WHDB_ENCRYPTION_KEY unset. Everything reads; the concurrent secret change was kept.
    const step3 = await startReplicas('b:B', { WHDB_ENCRYPTION_KEY: '', WHDB_ENCRYPTION_KEYS: `b:${B}` });
    await expectEveryIngressAccepts([step2.ingressUrl, step3.ingressUrl]);
    expect(await post(step3.ingressUrl, first, oldSecret)).toBe(401);
    for (const integration of integrations) {
      const info = await new ControlPlaneClient(step3.apiUrl, orgToken).request('POST', `/v1/organizations/${orgKey}/service_integrations/${integration.opaqueId}/info`);
      expect(info.status).toBe(200);
    }
    const after = await admin(step3.apiUrl, 'GET', '/v1/admin/encryption');
    expect(after['key_ids']).toEqual(['b']);

    // Nothing acknowledged was lost: every accepted webhook is a row.
    for (const integration of integrations) {
      await eventually(async () => (await probe.rows(orgKey, integration.table)).length === integration.accepted, {
        description: `${integration.accepted} rows in ${integration.table}`,
      });
    }
  }, 600_000);
});
