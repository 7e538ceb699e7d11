import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  buildIncreaseAccount,
  ControlPlaneClient,
  eventually,
  FakeSignalwire,
  HeadlessChromium,
  increaseSignatureHeader,
  runWhdb,
  sendFrontChannelEvent,
  TableProbe,
  WhdbStack,
} from '@whdb/testing';
import { CHANNEL_APP_SECRET, CHANNEL_SERVICE, channelStackEnv } from '../channel/channel-fixture';
import { loggedInUser, CliUser, storedWebhookSecret } from '../cli/cli-fixture';
import { WebTerminalPage } from './web-terminal-page';

// The web setup terminal in real headless Chromium against the running stack
// (docs/setup-terminal.md): it signs in, runs the same state machine as `whdb`, hides secrets and
// keeps every credential out of the URL, the history and the browser's storage.
// WHDB_SCREENSHOTS=1 also refreshes docs/images/web-terminal-*.png.
const SCREENSHOTS = process.env['WHDB_SCREENSHOTS'] === '1' ? path.resolve(__dirname, '../../../../docs/images') : undefined;

describe('the web setup terminal', () => {
  const signalwire = new FakeSignalwire();
  let stack: WhdbStack;
  let browser: HeadlessChromium;
  let user: CliUser;
  let orgToken: string;
  let probe: TableProbe;

  beforeAll(async () => {
    await signalwire.start();
    stack = await new WhdbStack({
      kafkaBrokers: process.env.KAFKA_BROKERS!,
      databaseUrl: process.env.DATABASE_URL!,
      replicators: [],
      env: channelStackEnv(signalwire),
    }).start();
    user = await loggedInUser(stack, 'web_terminal');
    orgToken = user.token;
    browser = await HeadlessChromium.launch();
    probe = await TableProbe.connect(process.env.DATABASE_URL!);
  });

  afterAll(async () => {
    await browser?.close();
    await probe?.close();
    await user?.cleanUp();
    await stack?.stop();
    await signalwire.stop();
  });

  /**
   * Nothing secret is left where a browser keeps things: the URL, storage, cookies, the document; and
   * the page added no history entry since it was opened (`historyLength`), so no entry holds a grant.
   */
  async function expectNoCredentialsKept(terminal: WebTerminalPage, secrets: readonly string[], historyLength: number): Promise<void> {
    const kept = await terminal.kept();
    for (const secret of secrets) {
      expect(kept.url).not.toContain(secret);
      expect(kept.local + kept.session + kept.cookies).not.toContain(secret);
      expect(kept.html).not.toContain(secret);
    }
    expect(kept.url).not.toContain('#');
    expect(kept.historyLength).toBe(historyLength);
  }

  it('signs in with the organization token and sets up an Increase integration, hiding the secret', async () => {
    const { page, problems } = await browser.newPage();
    const terminal = new WebTerminalPage(page);
    const response = await page.goto(`${stack.apiUrl}/v1/setup/increase_account_v1`);
    expect(response!.status()).toBe(200);
    const historyLength = (await terminal.kept()).historyLength;
    await terminal.signInWithToken(user.orgKey, orgToken);
    const question = await terminal.waitForQuestion('webhook_secret');
    expect(question).toEqual({ prompt: 'Paste or type your secret here:', hidden: true });
    await terminal.waitForText('You are about to start replicating Increase Accounts');
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'web-terminal-mid-setup.png') });

    const secret = `whsec_${randomBytes(12).toString('hex')}`;
    await terminal.answer('webhook_secret', secret);
    await terminal.waitForState('completed');
    const text = await terminal.text();
    expect(text).toContain('> (hidden)');
    expect(text).toContain('Great! WebhookDB is now listening for Increase Account webhooks at:');
    const sint = /Setup complete: integration (svi_\w+), table (increase_account_v1_\w+)\./.exec(text);
    expect(sint).not.toBeNull();
    // The final output: the webhook URL to give Increase, read from the page.
    const webhookUrl = new RegExp(`${stack.ingressUrl}/v1/service_integrations/\\S+`).exec(text)?.[0];
    expect(webhookUrl).toBe(`${stack.ingressUrl}/v1/service_integrations/${sint![1]}`);
    expect(await storedWebhookSecret(user, sint![1]!)).toBe(secret);
    // That URL works: Increase's delivery signed with the secret typed into the page is accepted, a wrong signature is not.
    const raw = JSON.stringify(buildIncreaseAccount());
    const deliver = (signingSecret: string) =>
      fetch(webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json', 'increase-webhook-signature': increaseSignatureHeader(raw, signingSecret) }, body: raw });
    expect((await deliver(secret)).status).toBe(202);
    expect((await deliver(`${secret}x`)).status).toBe(401);
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'web-terminal-completed.png') });
    await expectNoCredentialsKept(terminal, [secret, orgToken], historyLength);
    expect(await page.inputValue('#token-input')).toBe('');

    // A second integration of the service: the api's 422 question is asked, and "n" creates nothing.
    await page.reload();
    await terminal.signInWithToken(user.orgKey, orgToken);
    expect(await terminal.waitForQuestion('guard_confirm')).toEqual({ prompt: 'Are you sure you want to create another one? (y/n)', hidden: false });
    await terminal.waitForText('already has an integration of increase_account_v1');
    await terminal.answer('guard_confirm', 'n');
    await terminal.waitForState('cancelled');
    expect(await terminal.text()).toContain('Cancelled: nothing was created.');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens a setup link from `whdb setup-link` once, asks again after refused credentials, and follows the backfill', async () => {
    const link = await runWhdb(['setup-link', 'signalwire_message_v1'], user.env);
    expect(link.code).toBe(0);
    const url = link.stdout.trim();
    expect(url).toMatch(new RegExp(`^${stack.apiUrl}/v1/setup/signalwire_message_v1#grant=setup_grant_[0-9a-z]+$`));
    expect(link.stderr).toContain('It works once');
    const grant = url.split('#grant=')[1]!;

    const { page, problems } = await browser.newPage();
    const terminal = new WebTerminalPage(page);
    await page.goto(url);
    const historyLength = (await terminal.kept()).historyLength;
    await terminal.waitForText('Signed in to web_terminal org with a setup link');
    await expectNoCredentialsKept(terminal, [grant], historyLength);

    const space = `https://${signalwire.space}.signalwire.com`;
    await terminal.answer('api_url', space);
    await terminal.answer('backfill_key', signalwire.projectId);
    expect(await terminal.waitForQuestion('backfill_secret')).toEqual({ prompt: 'Paste or type your API Token here:', hidden: true });
    await terminal.answer('backfill_secret', 'PTwrong-token');
    // SignalWire refuses the token: the terminal says so and starts the questions again.
    await terminal.waitForText('Something is wrong with your configuration');
    await terminal.answer('api_url', space);
    await terminal.answer('backfill_key', signalwire.projectId);
    await terminal.answer('backfill_secret', signalwire.apiToken);
    await terminal.waitForState('completed');
    await terminal.waitForText('We are going to start replicating your SignalWire Messages');
    const text = await terminal.text();
    expect(text).not.toContain(signalwire.apiToken);
    expect(text).not.toContain('PTwrong-token');

    // The first backfill: the page follows the job (the backfiller is stood in for by its row).
    const job = /Backfill (bfj_\w+): pending/.exec(await eventually(async () => {
      const lines = await terminal.text();
      if (!/Backfill bfj_\w+: pending/.test(lines)) throw new Error('no progress line yet');
      return lines;
    }))![1]!;
    await probe.query(`UPDATE whdb.backfill_jobs SET status = 'running', started_at = now(), pages = 2, rows = 150 WHERE opaque_id = $1`, [job]);
    await terminal.waitForText(`Backfill ${job}: running · 2 pages · 150 rows`);
    await probe.query(`UPDATE whdb.backfill_jobs SET status = 'finished', finished_at = now(), pages = 3, rows = 201 WHERE opaque_id = $1`, [job]);
    await terminal.waitForText(`Backfill ${job} finished.`);
    expect((await terminal.lines()).filter((line) => line.startsWith(`Backfill ${job}:`))).toEqual([`Backfill ${job}: finished · 3 pages · 201 rows`]);
    await expectNoCredentialsKept(terminal, [grant, signalwire.apiToken], historyLength);
    expect(problems).toEqual([]);

    // The link works once: opened again, it is refused and the page offers the token sign-in.
    const again = await browser.newPage();
    const second = new WebTerminalPage(again.page);
    await again.page.goto(url);
    await second.waitForText('This setup link is invalid, has expired or was already used');
    await second.waitForState('signed-out');
    expect(await again.page.isVisible('#sign-in-form')).toBe(true);
    await again.page.close();
    await page.close();
  });

  it('refuses what a setup link was not made for: another service, and nothing reaches the other organization', async () => {
    const other = await stack.adminClient().createOrganization('web other org', `web_other_${randomBytes(3).toString('hex')}`);
    const otherClient = new ControlPlaneClient(stack.apiUrl, other.token);
    const link = await otherClient.request<{ path: string }>('POST', `/v1/organizations/${other.organization.key}/setup_links`, { service_name: 'increase_account_v1' });
    expect(link.status).toBe(200);
    const { page } = await browser.newPage();
    const terminal = new WebTerminalPage(page);
    // A link for increase_account_v1 opened on the SignalWire page: the session may not create that.
    await page.goto(`${stack.apiUrl}${link.body.path.replace('/v1/setup/increase_account_v1', '/v1/setup/signalwire_message_v1')}`);
    await terminal.waitForText(`Signed in to web other org with a setup link`);
    await terminal.waitForText('error: A setup session may only set up increase_account_v1 integrations.');
    await terminal.waitForState('failed');
    const list = await otherClient.request<{ items: unknown[] }>('GET', `/v1/organizations/${other.organization.key}/service_integrations`);
    expect(list.body.items).toEqual([]);
    await page.close();

    // `whdb setup-link` for a service the server does not know: one line, a non-zero exit, no link.
    const unknown = await runWhdb(['setup-link', 'no_such_service_v1', '--json'], user.env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/^whdb: "no_such_service_v1" is not a valid service\. Valid services: /m);
    expect(JSON.parse(unknown.stdout).error).toMatchObject({ code: expect.any(String) });
    expect(unknown.stdout).not.toContain('setup_grant_');
  });

  it('sets the Front channel up from the seed address: SignalWire first, the phone number, then an API key Front can use', async () => {
    // A new organization without a SignalWire integration, as a support team arrives from the seed flow.
    const orgKey = `web_front_${randomBytes(3).toString('hex')}`;
    const created = await stack.adminClient().createOrganization('web front org', orgKey);
    const org = new ControlPlaneClient(stack.apiUrl, created.token);
    const { page, problems } = await browser.newPage();
    const terminal = new WebTerminalPage(page);
    const response = await page.goto(`${stack.apiUrl}/v1/install/front_signalwire/setup`);
    expect(response!.status()).toBe(200);
    const instructions = await page.locator('#instructions li').allInnerTexts();
    expect(instructions.map((line) => line.split(':')[0])).toEqual(['Enable the Front app', 'Set SignalWire up', 'Choose the phone number', 'Receive the API key']);
    const historyLength = (await terminal.kept()).historyLength;
    await terminal.signInWithToken(orgKey, created.token);

    // The channel needs SignalWire: the page offers to set it up first.
    expect(await terminal.waitForQuestion('set_up_dependency')).toEqual({ prompt: 'Set up signalwire_message_v1 now? (y/n)', hidden: false });
    await terminal.waitForText('This integration requires SignalWire Messages');
    await terminal.answer('set_up_dependency', 'y');
    await terminal.answer('api_url', `https://${signalwire.space}.signalwire.com`);
    await terminal.answer('backfill_key', signalwire.projectId);
    expect(await terminal.waitForQuestion('backfill_secret')).toEqual({ prompt: 'Paste or type your API Token here:', hidden: true });
    await terminal.answer('backfill_secret', signalwire.apiToken);
    await terminal.waitForText(`signalwire_message_v1 is set up. Now ${CHANNEL_SERVICE}:`);

    // The parent integration, then the phone number.
    expect(await terminal.waitForQuestion('dependency_choice')).toEqual({ prompt: 'Paste or type your Parent integration number here:', hidden: false });
    const parents = (await org.request<{ items: { opaque_id: string; service_name: string; table_name: string }[] }>('GET', `/v1/organizations/${orgKey}/service_integrations`)).body.items;
    const parent = parents.filter((item) => item.service_name === 'signalwire_message_v1');
    expect(parent).toHaveLength(1);
    await terminal.waitForText(`1 - ${parent[0]!.table_name}`);
    await terminal.answer('dependency_choice', '1');
    expect(await terminal.waitForQuestion('api_url')).toEqual({ prompt: 'Paste or type your Phone number here:', hidden: false });
    await terminal.answer('api_url', '(555) 000-1111');
    await terminal.waitForState('completed');

    // The API key to paste into Front, read from the page.
    const text = await terminal.text();
    expect(text).toContain('Almost there! You can now finish installing the SignalWire Channel in Front.');
    const apiKey = /sk\/\S+/.exec(text)?.[0];
    expect(apiKey).toBeDefined();
    const sint = /Setup complete: integration (svi_\w+), table (\w+)\./.exec(text);
    expect(sint).not.toBeNull();
    expect(apiKey!.startsWith(`sk/${sint![1]}/`)).toBe(true);
    expect(text).toContain(`Messages to and from +15550001111`);
    expect(text).not.toContain(signalwire.apiToken);

    // Front connects the channel with that key: the ingress answers the channel's webhook URL; a wrong key is refused.
    const channelUrl = `${stack.ingressUrl}/v1/install/front_signalwire/channel`;
    const authorization = { type: 'authorization', payload: { channel_id: `cha_${randomBytes(3).toString('hex')}` } };
    const connected = await sendFrontChannelEvent(channelUrl, CHANNEL_APP_SECRET, apiKey!, authorization);
    expect(connected).toMatchObject({ status: 200, json: { type: 'success', webhook_url: channelUrl } });
    const refused = await sendFrontChannelEvent(channelUrl, CHANNEL_APP_SECRET, `${apiKey!}x`, authorization);
    expect(refused.status).toBe(401);

    const items = (await org.request<{ items: { opaque_id: string; service_name: string }[] }>('GET', `/v1/organizations/${orgKey}/service_integrations`)).body.items;
    expect(items.map((item) => item.service_name).sort()).toEqual([CHANNEL_SERVICE, 'signalwire_message_v1']);
    await expectNoCredentialsKept(terminal, [created.token, signalwire.apiToken], historyLength);
    expect(problems).toEqual([]);
    await page.close();
    await probe.dropOrganizationSchema(orgKey);
  });

  it('says plainly, with a 404, when a service is unknown on this server, and offers no sign-in', async () => {
    const { page, problems } = await browser.newPage();
    const response = await page.goto(`${stack.apiUrl}/v1/setup/no_such_service_v1`);
    // docs/setup-terminal.md#pages: an unregistered service answers 404 with the page.
    expect(response!.status()).toBe(404);
    expect(await page.innerText('#unknown-service')).toContain('The service no_such_service_v1 is unknown on this server');
    expect(await page.isVisible('#sign-in-form')).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });
});
