import { eventually, expectStatus, JsonResponse, TableProbe } from '@whdb/testing';
import { IncreaseIntegration } from '../stack-fixture';

/** A rebuild as the api returns it (docs/api.md#rebuild-a-table-from-the-log). */
export interface RebuildBody {
  readonly id: string;
  readonly state: 'pending' | 'running' | 'swapping' | 'finished' | 'failed';
  readonly service_integration: { opaque_id: string; service_name: string; table_name: string };
  readonly build_table: string;
  readonly old_table: string | null;
  readonly old_table_dropped: boolean;
  readonly events_read: number;
  readonly events_skipped: number;
  readonly rows_written: number;
  readonly lag: number | null;
  readonly error: string | null;
  readonly message: string;
}

export const rebuildPath = (integration: IncreaseIntegration, suffix = '') =>
  `/v1/organizations/${integration.orgKey}/service_integrations/${integration.opaqueId}/rebuild${suffix}`;

export function rebuildRequest<T = RebuildBody>(integration: IncreaseIntegration, method: 'GET' | 'POST', suffix = ''): Promise<JsonResponse<T>> {
  return integration.client.request<T>(method, rebuildPath(integration, suffix));
}

export async function getRebuild(integration: IncreaseIntegration, id: string): Promise<RebuildBody> {
  return expectStatus(await rebuildRequest(integration, 'GET', `/${id}`), 200);
}

/** Waits until the rebuild is in `state` (the rebuild runs in a projector; it polls every 2 s). */
export async function waitForRebuild(integration: IncreaseIntegration, id: string, state: RebuildBody['state'], timeoutMs = 120_000): Promise<RebuildBody> {
  return eventually(
    async () => {
      const rebuild = await getRebuild(integration, id);
      if (rebuild.state === 'failed' && state !== 'failed') throw new Error(`rebuild failed: ${rebuild.error}`);
      return rebuild.state === state && rebuild;
    },
    { timeoutMs, intervalMs: 200, description: `rebuild ${id} ${state}` },
  );
}

/** Every row of a replicator table, without `pk` (a rebuild numbers its rows anew), by remote key. */
export async function rowsOf(probe: TableProbe, schema: string, table: string): Promise<Record<string, unknown>[]> {
  const rows = await probe.query<Record<string, unknown>>(`SELECT * FROM "${schema}"."${table}" ORDER BY increase_id`);
  return rows.map(({ pk: _pk, ...rest }) => rest);
}

/** Whether a table exists in the schema. */
export async function tableExists(probe: TableProbe, schema: string, table: string): Promise<boolean> {
  return (await probe.query('SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2', [schema, table])).length > 0;
}
