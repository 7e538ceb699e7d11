// The system's main job, once, end to end: create an organization and an increase_account_v1
// integration through the api, send a signed Increase webhook to the ingress, show the row.
import { createHmac, randomBytes } from 'node:crypto';
import pg from 'pg';

async function call(method, url, token, body) {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

export async function runDemo({ apiUrl, ingressUrl, adminToken, databaseUrl }) {
  const orgKey = `demo_${randomBytes(3).toString('hex')}`;
  const { token } = await call('POST', `${apiUrl}/v1/organizations`, adminToken, { name: 'Demo', key: orgKey });
  const step = await call('POST', `${apiUrl}/v1/organizations/${orgKey}/service_integrations/create`, token, { service_name: 'increase_account_v1' });
  const { opaque_id: opaqueId, table_name: table } = step.service_integration;
  const secret = `whsec_${randomBytes(12).toString('hex')}`;
  await call('POST', `${apiUrl}/v1/organizations/${orgKey}/service_integrations/${opaqueId}/transition/webhook_secret`, token, { value: secret });

  const body = JSON.stringify({
    event_id: 'demo_event_1',
    event: 'created',
    created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    data: { id: `account_${randomBytes(6).toString('hex')}`, balance: 12500, created_at: '2024-01-31T23:59:59Z', entity_id: 'entity_demo', interest_accrued: '0.01', name: 'Demo checking', status: 'open', type: 'account' },
  });
  const t = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const signature = `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
  const response = await fetch(`${ingressUrl}/v1/service_integrations/${opaqueId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'increase-webhook-signature': signature },
    body,
  });
  if (response.status !== 202) throw new Error(`the ingress answered ${response.status}: ${await response.text()}`);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await client.query(`SELECT increase_id, balance, name, status, updated_at FROM "whdb_org_${orgKey}"."${table}"`);
      if (rows.length > 0) return { orgKey, token, opaqueId, table, secret, row: rows[0] };
      if (Date.now() > deadline) throw new Error('the row did not appear within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.end();
  }
}
