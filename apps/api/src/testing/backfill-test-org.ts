import { BackfillJobResponse } from '../backfill/backfill-job-response';
import { ResponseLike } from './api-assertions';
import { ApiTestApp } from './api-test-app';

/** A step that may have started a backfill (only what these tests read of it). */
export interface StepWithJob {
  readonly complete: boolean;
  readonly needs_input: boolean;
  readonly output: string;
  readonly service_integration: { readonly opaque_id: string; readonly service_name: string; readonly table_name: string };
  readonly backfill_job_id?: string;
}

type Response<T> = ResponseLike & { readonly body: T };

/** What these helpers use of `ControlPlaneClient` (libs/testing, which only spec files import). */
export interface ClientLike {
  request<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Response<T>>;
}

export interface AdminClientLike {
  createOrganization(name: string, key?: string): Promise<OrganizationWithToken>;
  withToken(token: string): ClientLike;
}

export interface OrganizationWithToken {
  readonly organization: { readonly id: number; readonly key: string; readonly name: string };
  readonly token: string;
}

function expectStatus<T>(response: Response<T>, status: number): T {
  if (response.status !== status) throw new Error(`expected HTTP ${status}, got ${response.status}: ${response.text}`);
  return response.body;
}

/**
 * An organization with the made-up dependency chain of `test-replicators.ts`: a parent (whose
 * backfill machine wants a key), a child depending on it and a grandchild depending on the child.
 */
export class BackfillTestOrg {
  private constructor(
    readonly org: OrganizationWithToken,
    readonly client: ClientLike,
    readonly parent: string,
    readonly child: string,
    readonly grandchild: string,
  ) {}

  static async create(api: ApiTestApp, admin: AdminClientLike, name: string): Promise<BackfillTestOrg> {
    const org = await admin.createOrganization(name, api.newOrganizationKey());
    const client = admin.withToken(org.token);
    const base = `/v1/organizations/${org.organization.key}/service_integrations`;
    const create = async (serviceName: string) =>
      expectStatus(await client.request<StepWithJob>('POST', `${base}/create`, { service_name: serviceName, guard_confirm: true }), 200).service_integration.opaque_id;
    const chooseFirst = async (sint: string) => expectStatus(await client.request('POST', `${base}/${sint}/transition/dependency_choice`, { value: '1' }), 200);
    const parent = await create('fake_parent_v1');
    const child = await create('fake_child_v1');
    await chooseFirst(child);
    const grandchild = await create('fake_grandchild_v1');
    await chooseFirst(grandchild);
    return new BackfillTestOrg(org, client, parent, child, grandchild);
  }

  path(sint: string, action: string): string {
    return `/v1/organizations/${this.org.organization.key}/service_integrations/${sint}/${action}`;
  }

  post<T = Record<string, unknown>>(sint: string, action: string, body?: unknown): Promise<Response<T>> {
    return this.client.request<T>('POST', this.path(sint, action), body);
  }

  async job(sint: string, jobId: string): Promise<BackfillJobResponse> {
    return expectStatus(await this.client.request<BackfillJobResponse>('GET', this.path(sint, `backfill/job/${jobId}`)), 200);
  }

  /** Completes the parent's backfill setup (its key), which starts a backfill of the whole chain. */
  async completeParentSetup(key = 'parent-key'): Promise<StepWithJob> {
    return expectStatus(await this.post<StepWithJob>(this.parent, 'transition/backfill_key', { value: key }), 200);
  }
}
