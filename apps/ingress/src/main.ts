import 'reflect-metadata';
import type { IncomingMessage } from 'node:http';
import { bootstrapHttpService, loadConfig, Metrics, RawRoute, runMain } from '@whdb/platform';
import { InFlightBound } from './admission/in-flight-bound';
import { sheddingRoute } from './admission/shedding-route';
import { rateLimitedRoute } from './admission/rate-limited-route';
import { RefusalHold } from './admission/refusal-hold';
import { TenantGate } from './admission/tenant-gate';
import { ingressConfigSchema } from './ingress.config';
import { IngressModule, rateLimitedCounter } from './ingress.module';
import { FrontAppWebhookRoute } from './webhooks/front-app-webhook-route';
import { WEBHOOK_PATH_PREFIX, WebhookRoute } from './webhooks/webhook-route';
import { MediaRoute } from './media/media-route';
import { channelRawRoutes, FrontChannelRoute } from './channel/front-channel-route';

runMain(async () => {
  const config = loadConfig(ingressConfigSchema);
  await bootstrapHttpService(IngressModule.forRoot(config), {
    service: 'ingress',
    port: config.INGRESS_PORT,
    logLevel: config.LOG_LEVEL,
    config,
    bodyParser: false,
    rawRoutes: (app) => {
      // Webhook routes share the in-flight bound; beyond it they shed (docs/operations.md#overload).
      const bound = app.get(InFlightBound);
      const shed = app.get(Metrics).counter({ name: 'whdb_ingress_shed_total', help: 'Webhook requests answered 503 because the in-flight bound was reached', labelNames: ['route'] });
      const bounded = (route: RawRoute, tenantOf?: (req: IncomingMessage) => string | undefined) => sheddingRoute(route, bound, () => shed.inc({ route: route.template }), tenantOf);
      // The generic endpoint's per-tenant limits come first, outside the bound: a refused webhook takes no slot;
      // in the bound, its organization is its tenant (docs/operations.md#noisy-tenant).
      const limited = rateLimitedCounter(app.get(Metrics));
      const gate = app.get(TenantGate);
      const webhooks = bounded(app.get(WebhookRoute), (req) => gate.organization(req.url ?? '', WEBHOOK_PATH_PREFIX));
      const generic = rateLimitedRoute(webhooks, gate, app.get(RefusalHold), (scope) => limited.inc({ scope }));
      const otherRoutes = [app.get(FrontAppWebhookRoute), ...channelRawRoutes(app.get(FrontChannelRoute))];
      return [generic, ...otherRoutes.map((route) => bounded(route)), app.get(MediaRoute)];
    },
  });
});
