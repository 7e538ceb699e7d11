import 'reflect-metadata';
import { bootstrapHttpService, loadConfig, Metrics, RawRoute, runMain } from '@whdb/platform';
import { InFlightBound } from './admission/in-flight-bound';
import { sheddingRoute } from './admission/shedding-route';
import { ingressConfigSchema } from './ingress.config';
import { IngressModule } from './ingress.module';
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
      const webhookRoutes = [app.get(WebhookRoute), app.get(FrontAppWebhookRoute), ...channelRawRoutes(app.get(FrontChannelRoute))];
      return [...webhookRoutes.map(bounded), app.get(MediaRoute)];
    },
  });
});
