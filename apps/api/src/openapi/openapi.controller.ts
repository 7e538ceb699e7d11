import { Controller, Get, Inject, Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { buildOpenApiDocument } from './openapi-document';

/** `GET /openapi.json`: the api's OpenAPI 3.1 document, generated from the code (docs/api.md#openapi). No token needed. */
@Controller()
export class OpenApiController {
  private document: Record<string, unknown> | undefined;

  constructor(@Inject(DiscoveryService) private readonly discovery: DiscoveryService) {}

  @Get('openapi.json')
  openapi(): Record<string, unknown> {
    this.document ??= buildOpenApiDocument(
      this.discovery
        .getControllers()
        .map((wrapper) => wrapper.metatype as Type | null)
        .filter((type): type is Type => typeof type === 'function' && Reflect.getMetadata('path', type) !== undefined)
        .filter((type) => !['HealthController', 'MetricsController'].includes(type.name)),
      { title: 'webhookdb-kafka api', version: '1', description: 'The control plane (docs/api.md). Errors are {"error": {"status", "message", "code"}}.' },
    );
    return this.document;
  }
}
