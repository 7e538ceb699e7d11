import 'reflect-metadata';
import { bootstrapHttpService, loadConfig, runMain } from '@whdb/platform';
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
    rawRoutes: (app) => [app.get(WebhookRoute), app.get(FrontAppWebhookRoute), app.get(MediaRoute), ...channelRawRoutes(app.get(FrontChannelRoute))],
  });
});
