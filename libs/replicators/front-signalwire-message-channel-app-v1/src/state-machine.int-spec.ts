import { isSuccessful } from '@whdb/core';
import { buildFrontSignalwireMessageChannelAppV1, contractHttpClient, contractIntegration, contractSetupContext, FakeFrontSignalwireMessageChannelAppV1Api, withFake } from '@whdb/testing';
import { frontSignalwireMessageChannelAppV1Replicator as replicator } from './front-signalwire-message-channel-app-v1.replicator';
import { FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_DEFAULT_API_URL } from './descriptor';

const API_KEY = 'test_api_key';
const fakeFrontSignalwireMessageChannelAppV1 = () => new FakeFrontSignalwireMessageChannelAppV1Api({ apiKey: API_KEY }).add(buildFrontSignalwireMessageChannelAppV1()).start();

describe('front_signalwire_message_channel_app_v1 state machines', () => {
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
    expect(urlStep.output).toContain(FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_DEFAULT_API_URL);
  });

  it('backfill: a blank API url means production; a trailing slash is dropped', () => {
    expect(replicator.normalizeSetting!('api_url', '')).toBe(FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_DEFAULT_API_URL);
    expect(replicator.normalizeSetting!('api_url', ' https://sandbox.example/v1/ ')).toBe('https://sandbox.example/v1');
    expect(replicator.normalizeSetting!('backfill_key', 'key')).toBe('key');
  });

  it('backfill: a wrong key asks again with "It looks like" and clears the backfill settings', async () => {
    await withFake(fakeFrontSignalwireMessageChannelAppV1, async (fake) => {
      const context = contractSetupContext(contractIntegration(replicator, { apiUrl: fake.url, backfillKey: 'wrong-key' }), http);
      const { step, patch } = await replicator.backfillStateMachine!(context);
      expect(step).toMatchObject({ needsInput: true, complete: false, promptIsSecret: true });
      expect(step.output).toMatch(/^It looks like/);
      expect(patch).toEqual({ apiUrl: '', backfillKey: '', backfillSecret: '' });
    });
  });

  it('backfill: the right key completes after one list request', async () => {
    await withFake(fakeFrontSignalwireMessageChannelAppV1, async (fake) => {
      const context = contractSetupContext(contractIntegration(replicator, { apiUrl: fake.url, backfillKey: API_KEY }), http);
      const { step, patch } = await replicator.backfillStateMachine!(context);
      expect(isSuccessful(step)).toBe(true);
      expect(patch).toBeUndefined();
      expect(fake.server.requestsTo('/signalwire_message_channel_apps')).toHaveLength(1);
    });
  });
});
