import { IntegrationSettings, ProviderEndpoints, Replicator, verifyBackfillCredentials } from '@whdb/core';
import { contractHttpClient, ContractBackfillFake, CONTRACT_HTTP_TIMEOUT_MS, withFake } from './contract-backfill';
import { contractIntegration, contractSetupContext } from './contract-integration';

export interface VerifiesBackfillSecretsOptions<F extends ContractBackfillFake> {
  /** Starts a fake provider that accepts the correct credentials only. */
  readonly fake: () => Promise<F>;
  /** Complete backfill settings the fake accepts. */
  readonly correctSettings: (fake: F) => Partial<IntegrationSettings>;
  /** Complete backfill settings the fake refuses with an HTTP error. */
  readonly incorrectSettings: (fake: F) => Partial<IntegrationSettings>;
  /** Text the failed step's output contains (default "It looks like"). */
  readonly failureOutput?: string | RegExp;
  /** Whether the step asked after a failure is a secret prompt (default true; SignalWire restarts at its space prompt). */
  readonly failurePromptIsSecret?: boolean;
  /** Provider API locations pointing at the fake, for replicators whose base URL comes from config. */
  readonly providers?: (fake: F) => ProviderEndpoints;
}

/**
 * The contract group "a replicator that verifies backfill secrets"
 * (docs/behaviour/replicator-framework.md#contract-suite), over real HTTP: correct credentials
 * verify; incorrect ones give the HTTP status; the backfill state machine then asks for the secret
 * again with an "It looks like ..." explanation.
 */
export function itVerifiesBackfillSecrets<F extends ContractBackfillFake>(replicator: Replicator, options: VerifiesBackfillSecretsOptions<F>): void {
  describe(`${replicator.descriptor.name}: a replicator that verifies backfill secrets`, () => {
    const check = (integration: IntegrationSettings, fake: F) =>
      verifyBackfillCredentials(replicator, { integration, http: contractHttpClient(), timeoutMs: CONTRACT_HTTP_TIMEOUT_MS, providers: options.providers?.(fake) });

    it('returns a positive result if the backfill info is correct', async () => {
      await withFake(options.fake, async (fake) => {
        const result = await check(contractIntegration(replicator, options.correctSettings(fake)), fake);
        expect(fake.server.requests.length).toBeGreaterThanOrEqual(1);
        expect(result.verified).toBe(true);
        expect((result as { httpErrorStatus?: number | null }).httpErrorStatus ?? null).toBeNull();
      });
    });

    it('returns a negative result with the HTTP status if the backfill info is incorrect', async () => {
      await withFake(options.fake, async (fake) => {
        const result = await check(contractIntegration(replicator, options.incorrectSettings(fake)), fake);
        expect(fake.server.requests.length).toBeGreaterThanOrEqual(1);
        expect(result).toMatchObject({ verified: false, httpErrorStatus: expect.any(Number) });
        expect((result as { httpErrorStatus: number }).httpErrorStatus).toBeGreaterThan(0);
      });
    });

    it('asks for the secret again when the state machine cannot verify the credentials', async () => {
      expect(replicator.backfillStateMachine).toBeInstanceOf(Function);
      await withFake(options.fake, async (fake) => {
        const integration = contractIntegration(replicator, options.incorrectSettings(fake));
        const { step } = await replicator.backfillStateMachine!(contractSetupContext(integration, contractHttpClient(), CONTRACT_HTTP_TIMEOUT_MS, options.providers?.(fake)));
        expect(fake.server.requests.length).toBeGreaterThanOrEqual(1);
        expect(step).toMatchObject({ needsInput: true, promptIsSecret: options.failurePromptIsSecret ?? true, complete: false });
        const failureOutput = options.failureOutput ?? 'It looks like';
        if (typeof failureOutput === 'string') expect(step.output).toContain(failureOutput);
        else expect(step.output).toMatch(failureOutput);
      });
    });
  });
}
