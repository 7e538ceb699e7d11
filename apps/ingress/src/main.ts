import 'reflect-metadata';
import { bootstrapHttpService, loadConfig, Metrics, RawRoute, runMain } from '@whdb/platform';
import { InFlightBound } from './admission/in-flight-bound';
import { sheddingRoute } from './admission/shedding-route';
import { rateLimitedRoute } from './admission/rate-limited-route';
import { RefusalHold } from './admission/refusal-hold';
import { TenantGate } from './admission/tenant-gate';
import { ingressConfigSchema } from './ingress.config';
import { IngressModule, rateLimitedCounter } from './ingress.module';
import { FrontAppWebhookRoute } from './webhooks/front-app-webhook-route';
import { WebhookRoute } from './webhooks/webhook-route';
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
      const bounded = (route: RawRoute) => sheddingRoute(route, bound, () => shed.inc({ route: route.template }));
      // The generic endpoint's per-tenant limits come first, outside the bound: a refused webhook takes no slot (docs/operations.md#noisy-tenant).
      const limited = rateLimitedCounter(app.get(Metrics));
      const generic = rateLimitedRoute(bounded(app.get(WebhookRoute)), app.get(TenantGate), app.get(RefusalHold), (scope) => limited.inc({ scope }));
      const otherRoutes = [app.get(FrontAppWebhookRoute), ...channelRawRoutes(app.get(FrontChannelRoute))];
      return [generic, ...otherRoutes.map(bounded), app.get(MediaRoute)];
    },
  });
});
