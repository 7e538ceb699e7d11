import { isWireStep } from '@whdb/core';

/** Shapes of the api's answers that the CLI reads (CONTRACT "HTTP: api"; docs/behaviour/). */

export interface IntegrationSummary {
  readonly opaque_id: string;
  readonly service_name: string;
  readonly table_name: string;
}

/** A state-machine step (docs/behaviour/state-machines.md#step-shape). */
export interface StepBody {
  readonly needs_input: boolean;
  readonly prompt: string;
  readonly prompt_is_secret: boolean;
  readonly post_to_url: string;
  readonly post_params: Readonly<Record<string, unknown>>;
  readonly post_params_value_key: string;
  readonly complete: boolean;
  readonly output: string;
  readonly error_code: string;
  readonly service_integration?: IntegrationSummary;
  /** The id of the job a completed backfill machine enqueued (docs/behaviour/integrations-api.md#backfill). */
  readonly backfill_job_id?: string;
}

/** A backfill job (CONTRACT: `GET .../backfill/job/{id}`; SPEC 8.3). */
export interface BackfillJobBody {
  readonly id: string;
  readonly status: string;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly pages?: number;
  readonly rows?: number;
  readonly children?: readonly BackfillJobBody[];
  readonly service_integration?: IntegrationSummary;
  /** The api's sentence about the job (for a failed one, why). */
  readonly message?: string;
}

/** A step (docs/behaviour/state-machines.md#step-shape); the check is shared with the web setup terminal. */
export const isStep = isWireStep as (body: unknown) => body is StepBody;
