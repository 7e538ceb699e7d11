import { AppError, IntegrationSettings, SecretBox } from '@whdb/core';
import { Database, ServiceIntegrationRepository } from '@whdb/persistence';
import { OrganizationRef } from '../organizations/organization-access';
import { lookupIntegration } from './integration-lookup';
import { SetupMachines } from './setup-machines';

const INFO_FIELDS = {
  id: { label: 'ID', value: (s: IntegrationSettings) => s.opaqueId },
  service: { label: 'Service', value: (s: IntegrationSettings) => s.serviceName },
  table: { label: 'Table', value: (s: IntegrationSettings) => s.tableName },
  url: { label: 'Url', value: (_s: IntegrationSettings, url: string) => url },
  webhook_secret: { label: 'Webhook secret', value: (s: IntegrationSettings) => s.webhookSecret },
  webhookdb_api_key: { label: 'Webhookdb api key', value: (s: IntegrationSettings) => s.webhookdbApiKey },
  api_url: { label: 'Api url', value: (s: IntegrationSettings) => s.apiUrl },
} as const;

type InfoField = keyof typeof INFO_FIELDS;

function isInfoField(field: string): field is InfoField {
  return Object.prototype.hasOwnProperty.call(INFO_FIELDS, field);
}

/**
 * `POST .../{sint}/info {field?}` (docs/behaviour/integrations-api.md#info): one line for a field,
 * else a table of all of them.
 */
export class IntegrationInfoUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly machines: SetupMachines,
  ) {}

  /** `field` is the raw JSON value: absent, null or blank means the table; a non-string is a 400. */
  async execute(organization: OrganizationRef, ref: string, field?: unknown): Promise<{ blocks: unknown[] }> {
    const repository = new ServiceIntegrationRepository(this.dataSource, this.secretBox);
    const { settings } = await lookupIntegration(repository, organization.id, ref);
    const url = this.machines.webhookUrl(settings);
    if (field !== undefined && field !== null && field !== '') {
      if (typeof field !== 'string' || !isInfoField(field)) throw new AppError('invalid_input', 'Field does not have a valid value');
      return { blocks: [{ type: 'line', value: INFO_FIELDS[field].value(settings, url) }] };
    }
    const rows = Object.values(INFO_FIELDS).map((info) => [info.label, info.value(settings, url)]);
    return { blocks: [{ type: 'table', value: { headers: ['Field', 'Value'], rows } }] };
  }
}
