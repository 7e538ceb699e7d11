import { isSuccessful, HttpClient } from '@whdb/core';
import { contractIntegration, contractSetupContext } from '@whdb/testing';
import { frontMessageV1Replicator as replicator } from './front-message-v1.replicator';

const offline: HttpClient = { request: () => Promise.reject(new Error('no provider calls in this machine')) };

describe('front_message_v1 setup (docs/replicators/front_message_v1.md#setup)', () => {
  it('asks for the company Front API URL, then completes naming /v1/install/front/webhook', async () => {
    const blank = contractSetupContext(contractIntegration(replicator), offline);
    const ask = (await replicator.webhookStateMachine!(blank)).step;
    expect(ask).toMatchObject({ needsInput: true, promptIsSecret: false, prompt: 'Paste or type your Front API URL here:', postToUrl: `${blank.authedApiPath}/transition/api_url` });
    const set = contractSetupContext(contractIntegration(replicator, { apiUrl: 'https://acme.api.frontapp.com' }), offline);
    const { step } = await replicator.webhookStateMachine!(set);
    expect(isSuccessful(step)).toBe(true);
    expect(step.output).toContain('https://whdb.example.test/v1/install/front/webhook');
  });

  it('stores the API URL as https://<host>, lower-cased', () => {
    expect(replicator.normalizeSetting!('api_url', 'ACME.api.frontapp.com')).toBe('https://acme.api.frontapp.com');
    expect(replicator.normalizeSetting!('api_url', 'https://acme.api.frontapp.com/settings/x')).toBe('https://acme.api.frontapp.com');
    expect(replicator.normalizeSetting!('api_url', '')).toBe('');
  });
});
