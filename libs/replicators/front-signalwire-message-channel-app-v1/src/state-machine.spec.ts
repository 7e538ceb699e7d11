import { HttpClient, isSuccessful } from '@whdb/core';
import { contractIntegration, contractSetupContext } from '@whdb/testing';
import { frontSignalwireMessageChannelAppV1Replicator as replicator } from './front-signalwire-message-channel-app-v1.replicator';

const offline: HttpClient = { request: () => Promise.reject(new Error('no provider calls in this machine')) };
const run = (settings: Parameters<typeof contractIntegration>[1]) => replicator.webhookStateMachine!(contractSetupContext(contractIntegration(replicator, settings), offline));

describe('front_signalwire_message_channel_app_v1 setup (docs/replicators/front_signalwire_message_channel_app_v1.md#setup, SPEC 15.2)', () => {
  it('is a webhook machine only: the reconciler, not a backfill job, converges the table', () => {
    expect(replicator.descriptor).toMatchObject({ supportsWebhooks: true, supportsBackfill: false, dependencyName: 'signalwire_message_v1' });
    expect(replicator.backfillStateMachine).toBeUndefined();
  });

  it('asks for the phone number at transition/api_url', async () => {
    const { step } = await run({});
    expect(step).toMatchObject({ needsInput: true, prompt: 'Paste or type your Phone number here:', postToUrl: expect.stringMatching(/\/transition\/api_url$/) });
    expect(step.output).toBe('This Front Channel will be linked to a specific number in SignalWire.\nChoose the phone number to connect to Front.');
  });

  it('keeps the number in E.164 form and asks again for something that is not a number', async () => {
    expect(replicator.normalizeSetting!('api_url', ' (555) 000-1111 ')).toBe('+15550001111');
    expect(replicator.normalizeSetting!('api_url', 'support')).toBe('support');
    expect((await run({ apiUrl: 'support' })).step).toMatchObject({ needsInput: true, output: expect.stringContaining('not a phone number') });
  });

  it('completes with a new API key, saved once; a later run shows the same key', async () => {
    const { step, patch } = await run({ apiUrl: '+15550001111', opaqueId: 'svi_chan' });
    expect(isSuccessful(step)).toBe(true);
    expect(step.output).toMatch(/^Almost there! You can now finish installing the SignalWire Channel in Front\./);
    expect(patch!.webhookdbApiKey).toMatch(/^sk\/svi_chan\/[a-z0-9]+$/);
    expect(step.output).toContain(patch!.webhookdbApiKey);
    expect(step.output).toContain('https://whdb.example.test/v1/install/front_signalwire/channel');
    const again = await run({ apiUrl: '+15550001111', webhookdbApiKey: 'sk/svi_chan/existing' });
    expect(again.patch).toBeUndefined();
    expect(again.step.output).toContain('sk/svi_chan/existing');
  });
});
