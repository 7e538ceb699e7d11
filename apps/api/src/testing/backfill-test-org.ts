import { ControlPlaneClient, CreatedOrganization, expectStatus, JsonResponse, StepBody } from '@whdb/testing';
import { BackfillJobResponse } from '../backfill/backfill-job-response';
import { ApiTestApp } from './api-test-app';

/** A step that may have started a backfill. */
export type StepWithJob = StepBody & { readonly backfill_job_id?: string };

/**
 * An organization with the made-up dependency chain of `test-replicators.ts`: a parent (whose
 * backfill machine wants a key), a child depending on it and a grandchild depending on the child.
 */
export class BackfillTestOrg {
  private constructor(
    readonly org: CreatedOrganization,
    readonly client: ControlPlaneClient,
    readonly parent: string,
    readonly child: string,
    readonly grandchild: string,
  ) {}

  static async create(api: ApiTestApp, name: string): Promise<BackfillTestOrg> {
    const admin = new ControlPlaneClient(api.url, api.adminToken);
    const org = await admin.createOrganization(name, api.newOrganizationKey());
    const client = admin.withToken(org.token);
    const base = `/v1/organizations/${org.organization.key}/service_integrations`;
    const create = async (serviceName: string) =>
      expectStatus(await client.request<StepBody>('POST', `${base}/create`, { service_name: serviceName, guard_confirm: true }), 200).service_integration.opaque_id;
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

  post<T = Record<string, unknown>>(sint: string, action: string, body?: unknown): Promise<JsonResponse<T>> {
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
