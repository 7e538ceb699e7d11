import { encryptionKeyringOf } from '@whdb/platform';
import { SecretBox } from '@whdb/core';
import { runQuery } from '@whdb/persistence';
import { ControlPlaneClient, CreatedOrganization, expectStatus, FakeIncrease, freePort, StepBody } from '@whdb/testing';
import { randomBytes } from 'node:crypto';
import { expectApiError } from '../testing/api-assertions';
import { ApiTestApp, TEST_PUBLIC_URL } from '../testing/api-test-app';

const SERVICE = 'increase_account_v1';

/**
 * The setup state machines over HTTP: transition, the stored secrets, and the Increase credentials
 * check (docs/behaviour/state-machines.md).
 */
describe('api: integration setup (transition)', () => {
  const rightKey = `secret_${randomBytes(12).toString('hex')}`;
  let api: ApiTestApp;
  let increase: FakeIncrease;
  let org: CreatedOrganization;
  let client: ControlPlaneClient;

  const path = (sint: string, action: string) => `/v1/organizations/${org.organization.key}/service_integrations/${sint}/${action}`;
  const authedPath = (sint: string) => `/v1/organizations/${org.organization.id}/service_integrations/${sint}`;
  const transition = (sint: string, field: string, body?: unknown) => client.request<StepBody>('POST', path(sint, `transition/${field}`), body);
  const step = async (sint: string, field: string, value: string) => expectStatus(await transition(sint, field, { value }), 200);
  const infoField = async (sint: string, field: string) => {
    const blocks = expectStatus(await client.request<{ blocks: { type: string; value: unknown }[] }>('POST', path(sint, 'info'), { field }), 200).blocks;
    expect(blocks).toEqual([{ type: 'line', value: expect.any(String) }]);
    return blocks[0]!.value;
  };
  const storedSecrets = async (opaqueId: string) =>
    (
      await runQuery<{ webhook_secret: string; backfill_key: string; api_url: string }[]>(
        api.db,
        'SELECT webhook_secret, backfill_key, api_url FROM whdb.service_integrations WHERE opaque_id = $1',
        [opaqueId],
      )
    )[0]!;
  /** A new integration of the organization (the first without guard_confirm, the others with it). */
  const newIntegration = async () => {
    const response = await client.request<StepBody>('POST', `/v1/organizations/${org.organization.key}/service_integrations/create`, { service_name: SERVICE, guard_confirm: true });
    return expectStatus(response, 200).service_integration.opaque_id;
  };

  beforeAll(async () => {
    [api, increase] = await Promise.all([ApiTestApp.start(), new FakeIncrease({ apiKey: rightKey }).start()]);
    const admin = new ControlPlaneClient(api.url, api.adminToken);
    org = await admin.createOrganization('Setup Org', api.newOrganizationKey());
    client = admin.withToken(org.token);
  });

  afterAll(async () => {
    await Promise.all([api?.close(), increase?.stop()]);
  });

  describe('webhook secret', () => {
    let sint: string;

    beforeAll(async () => {
      sint = await newIntegration();
    });

    it.each([['unknown_field'], ['webhookdb_api_key'], ['dependency_choice']])('answers 400 invalid_input for the field %s', async (field) => {
      expectApiError(await transition(sint, field, { value: 'x' }), 400, 'invalid_input');
    });

    it.each([
      ['no body', undefined],
      ['no value', {}],
      ['a null value', { value: null }],
    ])('answers 422 with Whdb-Prompt: value for %s', async (_label, body) => {
      const response = await transition(sint, 'webhook_secret', body);
      const error = expectApiError(response, 422, 'prompt_required_params', 'Please provide value.');
      expect(response.headers.get('whdb-prompt')).toBe('value');
      expect(error['state_machine_step']).toEqual({
        needs_input: true,
        prompt: 'Paste or type your webhook_secret here:',
        prompt_is_secret: false,
        post_to_url: path(sint, 'transition/webhook_secret'),
        post_params: {},
        post_params_value_key: 'value',
        complete: false,
        output: '',
        error_code: '',
      });
    });

    it.each([[42], [true], [{ secret: 'x' }]])('answers 400 invalid_input for the value %j', async (value) => {
      expectApiError(await transition(sint, 'webhook_secret', { value }), 400, 'invalid_input', 'value must be a string');
    });

    it('has stored nothing after the refused transitions', async () => {
      expect(await storedSecrets(sint)).toEqual({ webhook_secret: '', backfill_key: '', api_url: '' });
    });

    it('completes with the webhook URL, and stores the (trimmed) secret encrypted', async () => {
      const secret = `whsec_${randomBytes(16).toString('hex')}`;
      const done = await step(sint, 'webhook_secret', `  ${secret}\n`);
      expect(done).toEqual({
        needs_input: false,
        prompt: '',
        prompt_is_secret: false,
        post_to_url: '',
        post_params: {},
        post_params_value_key: 'value',
        complete: true,
        output: expect.stringContaining(`${TEST_PUBLIC_URL}/v1/service_integrations/${sint}`),
        error_code: '',
        service_integration: { opaque_id: sint, service_name: SERVICE, table_name: expect.stringMatching(/^increase_account_v1_[0-9a-f]{4}$/) },
      });

      const stored = await storedSecrets(sint);
      expect(stored.webhook_secret).not.toBe('');
      expect(stored.webhook_secret).not.toContain(secret);
      expect(stored.webhook_secret).not.toContain(secret.slice(6));
      expect(new SecretBox(encryptionKeyringOf(api.config)).decrypt(stored.webhook_secret)).toBe(secret);
      expect(await infoField(sint, 'webhook_secret')).toBe(secret);
    });

    it('noop_create recomputes the preferred machine without writing anything', async () => {
      const before = await storedSecrets(sint);
      const noop = await transition(sint, 'noop_create');
      expect(expectStatus(noop, 200)).toMatchObject({ complete: true, needs_input: false, output: expect.stringContaining(`/v1/service_integrations/${sint}`) });
      expect(await storedSecrets(sint)).toEqual(before);
    });
  });

  describe('backfill credentials (against a fake Increase)', () => {
    let sint: string;
    const accountRequests = () => increase.server.requestsTo('/accounts').map((r) => ({ method: r.method, path: r.path, authorization: r.headers['authorization'] }));

    beforeAll(async () => {
      sint = await newIntegration();
      increase.server.requests.length = 0;
    });

    it('asks for the API url once the key is given, without calling the provider yet', async () => {
      expect(await step(sint, 'backfill_key', 'wrong_key')).toMatchObject({
        needs_input: true,
        complete: false,
        prompt: 'Paste or type your API url here:',
        prompt_is_secret: false,
        post_to_url: `${authedPath(sint)}/transition/api_url`,
        output: expect.stringContaining('https://sandbox.increase.com'),
      });
      expect(accountRequests()).toEqual([]);
    });

    it('checks the credentials, and on a refusal clears the backfill fields and asks for the key again', async () => {
      const retry = await step(sint, 'api_url', increase.url);
      expect(retry).toMatchObject({
        needs_input: true,
        complete: false,
        prompt: 'Paste or type your API Key here:',
        prompt_is_secret: true,
        post_to_url: `${authedPath(sint)}/transition/backfill_key`,
        error_code: '',
      });
      expect(retry.output).toMatch(/^It looks like that API Key is invalid: we got an HTTP 401 error/);
      expect(accountRequests()).toEqual([{ method: 'GET', path: '/accounts', authorization: 'Bearer wrong_key' }]);
      expect(await infoField(sint, 'api_url')).toBe('');
      expect(await storedSecrets(sint)).toEqual({ webhook_secret: '', backfill_key: '', api_url: '' });
    });

    it('completes with the right key and url (trailing slash dropped), storing the key encrypted', async () => {
      expect(await step(sint, 'backfill_key', rightKey)).toMatchObject({ needs_input: true, post_to_url: `${authedPath(sint)}/transition/api_url` });
      const done = await step(sint, 'api_url', `${increase.url}/`);
      expect(done).toMatchObject({ needs_input: false, complete: true, error_code: '', post_to_url: '' });
      expect(done.output).toMatch(/^Great! We are going to start backfilling your Increase Accounts\./);
      expect(accountRequests().at(-1)).toEqual({ method: 'GET', path: '/accounts', authorization: `Bearer ${rightKey}` });
      expect(await infoField(sint, 'api_url')).toBe(increase.url);

      const stored = await storedSecrets(sint);
      expect(stored.api_url).toBe(increase.url);
      expect(stored.backfill_key).not.toBe('');
      expect(stored.backfill_key).not.toContain(rightKey);
      // The webhook machine is untouched: it still asks for its secret.
      expect(expectStatus(await client.request<StepBody>('POST', path(sint, 'setup')), 200)).toMatchObject({ needs_input: true, post_to_url: `${authedPath(sint)}/transition/webhook_secret` });
    });

    it('says so when the API cannot be reached, and clears the backfill fields', async () => {
      const other = await newIntegration();
      const closedUrl = `http://127.0.0.1:${await freePort()}`;
      await step(other, 'backfill_key', rightKey);
      const retry = await step(other, 'api_url', closedUrl);
      expect(retry).toMatchObject({ needs_input: true, complete: false, post_to_url: `${authedPath(other)}/transition/backfill_key` });
      expect(retry.output).toMatch(/^It looks like we could not reach the API/);
      expect(await storedSecrets(other)).toEqual({ webhook_secret: '', backfill_key: '', api_url: '' });
    });
  });
});
