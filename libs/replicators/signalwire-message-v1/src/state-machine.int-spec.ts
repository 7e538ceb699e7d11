import { isSuccessful } from '@whdb/core';
import { buildSignalwireMessage, contractHttpClient, contractIntegration, contractSetupContext, FakeSignalwire, withFake } from '@whdb/testing';
import { signalwireMessageV1Replicator as replicator } from './signalwire-message-v1.replicator';

const fakeSignalwire = () => new FakeSignalwire().addMessages(buildSignalwireMessage()).start();
const http = contractHttpClient();

describe('signalwire_message_v1 setup (docs/replicators/signalwire_message_v1.md#setup)', () => {
  it('asks for the Space URL, the Project ID, then the API Token (secret), in that order', async () => {
    const ask = async (settings: Record<string, string>) => (await replicator.backfillStateMachine!(contractSetupContext(contractIntegration(replicator, settings), http))).step;
    const space = await ask({});
    expect(space).toMatchObject({ needsInput: true, promptIsSecret: false, prompt: 'Paste or type your Space URL here:' });
    expect(space.postToUrl).toMatch(/\/transition\/api_url$/);
    expect(await ask({ apiUrl: 'acme' })).toMatchObject({ needsInput: true, promptIsSecret: false, prompt: 'Paste or type your Project ID here:', postToUrl: expect.stringMatching(/backfill_key$/) });
    expect(await ask({ apiUrl: 'acme', backfillKey: 'p' })).toMatchObject({ needsInput: true, promptIsSecret: true, prompt: 'Paste or type your API Token here:', postToUrl: expect.stringMatching(/backfill_secret$/) });
  });

  it('keeps only the space name of what the operator pastes', () => {
    const normalize = (value: string) => replicator.normalizeSetting!('api_url', value);
    expect(normalize('https://acme.signalwire.com/x')).toBe('acme');
    expect(normalize('acme.signalwire.com')).toBe('acme');
    expect(normalize('  acme ')).toBe('acme');
    expect(normalize('http://acme.signalwire.com')).toBe('acme');
    expect(replicator.normalizeSetting!('backfill_key', 'Project-Id')).toBe('Project-Id');
  });

  it('completes with the right credentials, checked with one list request', async () => {
    await withFake(fakeSignalwire, async (fake) => {
      const integration = contractIntegration(replicator, { apiUrl: fake.space, backfillKey: fake.projectId, backfillSecret: fake.apiToken });
      const { step, patch } = await replicator.backfillStateMachine!(contractSetupContext(integration, http, 5000, fake.providers));
      expect(isSuccessful(step)).toBe(true);
      expect(step.output).toContain('We are going to start replicating your SignalWire Messages');
      expect(patch ?? {}).toEqual({});
      expect(fake.listRequests()).toHaveLength(1);
    });
  });

  it.each([
    ['a wrong token', { backfillSecret: 'PTwrong' }],
    ['a wrong project', { backfillKey: 'not-my-project' }],
    ['a wrong space', { apiUrl: 'elsewhere' }],
  ])('with %s: clears all three fields and starts over at the Space URL', async (_name, wrong) => {
    await withFake(fakeSignalwire, async (fake) => {
      const integration = contractIntegration(replicator, { apiUrl: fake.space, backfillKey: fake.projectId, backfillSecret: fake.apiToken, ...wrong });
      const { step, patch } = await replicator.backfillStateMachine!(contractSetupContext(integration, http, 5000, fake.providers));
      expect(step).toMatchObject({ needsInput: true, complete: false, prompt: 'Paste or type your Space URL here:' });
      expect(step.output).toBe('Something is wrong with your configuration. Please look over the instructions and try again.');
      expect(patch).toEqual({ apiUrl: '', backfillKey: '', backfillSecret: '' });
    });
  });
});
