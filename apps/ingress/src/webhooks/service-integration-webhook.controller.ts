import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { normalizeHeaders } from '@whdb/core';
import { currentCorrelationId } from '@whdb/platform';
import { RequestWithRawBody } from './raw-body.middleware';
import { ReceiveWebhookUseCase } from './receive-webhook.use-case';
import { IngressReply } from './ingress-reply';

/** `ANY /v1/service_integrations/{opaque_id}[/...]` (CONTRACT: ingress). Translates HTTP only. */
@Controller('v1/service_integrations')
export class ServiceIntegrationWebhookController {
  constructor(@Inject(ReceiveWebhookUseCase) private readonly receive: ReceiveWebhookUseCase) {}

  @All(':opaqueId')
  handle(@Req() req: RequestWithRawBody, @Res() res: Response): Promise<void> {
    return this.receiveAndReply(req, res);
  }

  @All(':opaqueId/*rest')
  handleSubPath(@Req() req: RequestWithRawBody, @Res() res: Response): Promise<void> {
    return this.receiveAndReply(req, res);
  }

  private async receiveAndReply(req: RequestWithRawBody, res: Response): Promise<void> {
    const reply = await this.receive.execute({
      opaqueId: String(req.params['opaqueId']),
      method: req.method.toUpperCase(),
      path: req.path,
      query: req.query as Record<string, unknown>,
      headers: normalizeHeaders(req.headers),
      rawBody: req.rawBody ?? Buffer.alloc(0),
      correlationId: currentCorrelationId() ?? 'none',
      receivedAt: new Date(),
    });
    sendReply(res, reply);
  }
}

export function sendReply(res: Response, reply: IngressReply): void {
  res.status(reply.status).set(reply.headers);
  if (reply.rejectedReason) res.set('whdb-rejected-reason', reply.rejectedReason);
  res.send(reply.body);
}
