import { AppError, HttpClient, IntegrationSettings, Replicator, SetupContext, SetupResult, unauthedWebhookPath } from '@whdb/core';

/** One prompt of a setup machine, as a user meets it. */
export interface SetupPrompt {
  /** The integration setting the answer goes to (`webhook_secret`, `backfill_key`, ...). */
  readonly field: string;
  readonly prompt: string;
  readonly secret: boolean;
  /** What the user reads before answering. */
  readonly instructions: string;
}

/** Placeholders the pages show instead of real values. */
export const PLACEHOLDERS = {
  opaqueId: '<opaque_id>',
  publicUrl: '<WHDB_PUBLIC_URL>',
  table: '<table_name>',
  schema: 'whdb_org_<org_key>',
} as const;

const FIELD_OF: Record<string, keyof IntegrationSettings> = {
  webhook_secret: 'webhookSecret',
  backfill_key: 'backfillKey',
  backfill_secret: 'backfillSecret',
  api_url: 'apiUrl',
};

/** Provider calls made while walking a machine (a credentials check) fail: docs never reach the network. */
const offline: HttpClient = {
  request: () => Promise.reject(new AppError('upstream_unavailable', 'the docs generator makes no network calls')),
};

function placeholderIntegration(replicator: Replicator): IntegrationSettings {
  return {
    id: 0,
    organizationId: 0,
    opaqueId: PLACEHOLDERS.opaqueId,
    serviceName: replicator.descriptor.name,
    tableName: PLACEHOLDERS.table,
    apiUrl: '',
    backfillKey: '',
    backfillSecret: '',
    webhookSecret: '',
    webhookdbApiKey: '',
    lastBackfilledAt: null,
    dependsOnId: null,
    skipWebhookVerification: false,
  };
}

/**
 * The prompts of a setup machine in the order a user meets them (docs/integrations/README.md):
 * the machine is run on a placeholder integration, each prompt answered with a placeholder,
 * until it completes, asks a field again (a refused credentials check) or stops asking.
 */
export async function walkSetupMachine(replicator: Replicator, machine: (context: SetupContext) => Promise<SetupResult>): Promise<SetupPrompt[]> {
  let integration = placeholderIntegration(replicator);
  const prompts: SetupPrompt[] = [];
  for (let turn = 0; turn < 10; turn += 1) {
    const context: SetupContext = {
      integration,
      webhookUrl: `${PLACEHOLDERS.publicUrl}${unauthedWebhookPath(PLACEHOLDERS.opaqueId)}`,
      authedApiPath: `/v1/organizations/<org>/service_integrations/${PLACEHOLDERS.opaqueId}`,
      qualifiedTableName: `${PLACEHOLDERS.schema}.${PLACEHOLDERS.table}`,
      http: offline,
      timeoutMs: 1000,
    };
    let result: SetupResult;
    try {
      result = await machine(context);
    } catch {
      break;
    }
    const { step } = result;
    // The answer is POSTed to `.../transition/<field>`.
    const field = step.postToUrl.split('/transition/')[1] ?? '';
    if (!step.needsInput || step.complete || prompts.some((p) => p.field === field) || !(field in FIELD_OF)) break;
    prompts.push({ field, prompt: step.prompt, secret: step.promptIsSecret, instructions: step.output });
    integration = { ...integration, [FIELD_OF[field]!]: `<${field}>` };
  }
  return prompts;
}
