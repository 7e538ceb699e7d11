/**
 * The only api routes a setup session may call (docs/setup-terminal.md#setup-sessions): what the
 * web terminal needs to run a setup conversation and follow its first backfill. Route templates
 * are Express's (`request.route.path`).
 */
export type SetupSessionRoute =
  /** `create`: the body's `service_name` must be in scope. */
  | { readonly kind: 'create' }
  /** An integration's route: `{sint}` must name an integration of a service in scope. */
  | { readonly kind: 'integration' };

const INTEGRATION = '/v1/organizations/:org/service_integrations/:sint';

const ROUTES: ReadonlyMap<string, SetupSessionRoute> = new Map([
  ['POST /v1/organizations/:org/service_integrations/create', { kind: 'create' }],
  [`POST ${INTEGRATION}/transition/:field`, { kind: 'integration' }],
  [`POST ${INTEGRATION}/setup`, { kind: 'integration' }],
  [`POST ${INTEGRATION}/reset`, { kind: 'integration' }],
  [`GET ${INTEGRATION}/backfill/job/:job_id`, { kind: 'integration' }],
]);

/** What a setup session may do on `method` + route template, or undefined: the route is refused. */
export function setupSessionRoute(method: string, routePath: string | undefined): SetupSessionRoute | undefined {
  return routePath === undefined ? undefined : ROUTES.get(`${method.toUpperCase()} ${routePath}`);
}
