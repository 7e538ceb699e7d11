import { isSuccessful } from '@whdb/core';
import { buildSignalwireMessageV1, contractHttpClient, contractIntegration, contractSetupContext, FakeSignalwireMessageV1Api, withFake } from '@whdb/testing';
import { signalwireMessageV1Replicator as replicator } from './signalwire-message-v1.replicator';
import { SIGNALWIRE_MESSAGE_V1_DEFAULT_API_URL } from './descriptor';

const API_KEY = 'test_api_key';
const fakeSignalwireMessageV1 = () => new FakeSignalwireMessageV1Api({ apiKey: API_KEY }).add(buildSignalwireMessageV1()).start();

describe('signalwire_message_v1 state machines', () => {
  const http = contractHttpClient();

  it('webhook: asks for the signing secret, then completes naming the webhook URL', async () => {
    const blank = contractSetupContext(contractIntegration(replicator), http);
    const prompt = (await replicator.webhookStateMachine!(blank)).step;
    expect(prompt).toMatchObject({ needsInput: true, promptIsSecret: true, complete: false, postToUrl: `${blank.authedApiPath}/transition/webhook_secret` });
    expect(prompt.output).toContain(blank.webhookUrl);
    const done = contractSetupContext(contractIntegration(replicator, { webhookSecret: 'whsec_x' }), http);
    const { step } = await replicator.webhookStateMachine!(done);
    expect(isSuccessful(step)).toBe(true);
    expect(step.output).toContain(done.webhookUrl);
  });

  it('backfill: asks for the API key (secret), then the API url', async () => {
    const noKey = contractSetupContext(contractIntegration(replicator), http);
    const keyStep = (await replicator.backfillStateMachine!(noKey)).step;
    expect(keyStep).toMatchObject({ needsInput: true, promptIsSecret: true, postToUrl: `${noKey.authedApiPath}/transition/backfill_key` });
    const noUrl = contractSetupContext(contractIntegration(replicator, { backfillKey: API_KEY }), http);
    const urlStep = (await replicator.backfillStateMachine!(noUrl)).step;
    expect(urlStep).toMatchObject({ needsInput: true, promptIsSecret: false, postToUrl: `${noUrl.authedApiPath}/transition/api_url` });
    expect(urlStep.output).toContain(SIGNALWIRE_MESSAGE_V1_DEFAULT_API_URL);
  });

  it('backfill: a blank API url means production; a trailing slash is dropped', () => {
    expect(replicator.normalizeSetting!('api_url', '')).toBe(SIGNALWIRE_MESSAGE_V1_DEFAULT_API_URL);
    expect(replicator.normalizeSetting!('api_url', ' https://sandbox.example/v1/ ')).toBe('https://sandbox.example/v1');
    expect(replicator.normalizeSetting!('backfill_key', 'key')).toBe('key');
  });

  it('backfill: a wrong key asks again with "It looks like" and clears the backfill settings', async () => {
    await withFake(fakeSignalwireMessageV1, async (fake) => {
      const context = contractSetupContext(contractIntegration(replicator, { apiUrl: fake.url, backfillKey: 'wrong-key' }), http);
      const { step, patch } = await replicator.backfillStateMachine!(context);
      expect(step).toMatchObject({ needsInput: true, complete: false, promptIsSecret: true });
      expect(step.output).toMatch(/^It looks like/);
      expect(patch).toEqual({ apiUrl: '', backfillKey: '', backfillSecret: '' });
    });
  });

  it('backfill: the right key completes after one list request', async () => {
    await withFake(fakeSignalwireMessageV1, async (fake) => {
      const context = contractSetupContext(contractIntegration(replicator, { apiUrl: fake.url, backfillKey: API_KEY }), http);
      const { step, patch } = await replicator.backfillStateMachine!(context);
      expect(isSuccessful(step)).toBe(true);
      expect(patch).toBeUndefined();
      expect(fake.server.requestsTo('/messages')).toHaveLength(1);
    });
  });
});
