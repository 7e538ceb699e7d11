import { EncryptionKeyring, opaqueId, SecretBox } from '@whdb/core';
import { ServiceIntegrationRepository } from '@whdb/persistence';
import { jsonRequest } from '@whdb/testing';
import { randomBytes } from 'node:crypto';
import { ApiTestApp } from '../testing/api-test-app';

/** `GET /v1/admin/encryption` and `POST /v1/admin/encryption/reencrypt` (docs/runbooks/rotate-a-secret.md#the-encryption-key). */
describe('api: encryption key rotation endpoints', () => {
  const A = SecretBox.generateKey();
  const B = SecretBox.generateKey();
  let api: ApiTestApp;
  let orgId: number;
  let orgToken: string;
  let sintId: number;

  beforeAll(async () => {
    api = await ApiTestApp.start({ WHDB_ENCRYPTION_KEY: '', WHDB_ENCRYPTION_KEYS: `k2:${B},k1:${A}` });
    const orgKey = api.newOrganizationKey('t_enc');
    const created = await jsonRequest<{ organization: { id: number }; token: string }>('POST', `${api.url}/v1/organizations`, {
      body: { name: 'Encryption', key: orgKey },
      headers: { authorization: `Bearer ${api.adminToken}` },
    });
    expect(created.status).toBe(200);
    [orgId, orgToken] = [created.body.organization.id, created.body.token];
    // Written before the rotation, under the single key A.
    const repo = new ServiceIntegrationRepository(api.db, new SecretBox(A));
    const sint = await repo.create({ organizationId: orgId, serviceName: 'increase_account_v1', tableName: `enc_${randomBytes(3).toString('hex')}`, opaqueId: opaqueId('svi') });
    sintId = (await repo.updateSettings(sint.id, { webhookSecret: 'whsec-under-a' })).id;
  });

  afterAll(async () => {
    await api?.db.query('DELETE FROM whdb.service_integrations WHERE id = $1', [sintId]);
    await api?.close();
  });

  const call = (method: string, path: string, token: string, body?: unknown) =>
    jsonRequest<Record<string, unknown>>(method, `${api.url}/v1/admin/encryption${path}`, { body, headers: { authorization: `Bearer ${token}` } });

  it('is for the admin token only', async () => {
    expect((await call('GET', '', orgToken)).status).toBe(403);
    expect((await call('POST', '/reencrypt', orgToken, {})).status).toBe(403);
    expect((await call('GET', '', 'whdb_not_a_token')).status).toBe(401);
  });

  it('refuses a bad batch size with 400', async () => {
    const response = await call('POST', '/reencrypt', api.adminToken, { batch_size: 0 });
    expect(response.status).toBe(400);
  });

  it('shows the key ids and what is stale, then re-encrypts it under the newest key', async () => {
    const before = await call('GET', '', api.adminToken);
    expect(before.status).toBe(200);
    expect(before.body['key_ids']).toEqual(['k2', 'k1']);
    expect((before.body['stale_rows'] as Record<string, number>)['service_integrations']).toBeGreaterThanOrEqual(1);

    const result = await call('POST', '/reencrypt', api.adminToken, { batch_size: 10 });
    expect(result.status).toBe(200);
    expect(result.body['newest_key_id']).toBe('k2');
    expect((result.body['tables'] as { table: string }[]).map((t) => t.table)).toEqual(['service_integrations', 'analyst_credentials']);
    expect(JSON.stringify(result.body)).not.toContain('whsec-under-a');

    const [row] = await api.db.query<{ webhook_secret: string }>('SELECT webhook_secret FROM whdb.service_integrations WHERE id = $1', [sintId]);
    expect(row!.webhook_secret).toMatch(/^v2:k2:/);
    const onlyB = new ServiceIntegrationRepository(api.db, new SecretBox(EncryptionKeyring.parse(`k2:${B}`)));
    expect((await onlyB.findById(sintId))?.webhookSecret).toBe('whsec-under-a');
  });
});
