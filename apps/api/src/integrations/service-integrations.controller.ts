import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { Request } from 'express';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { OrganizationAccess } from '../organizations/organization-access';
import { CreateIntegrationDto } from './create-integration.dto';
import { CreateIntegrationUseCase } from './create-integration.use-case';
import { ListIntegrationsUseCase } from './list-integrations.use-case';

/** List and create an organization's integrations (docs/behaviour/integrations-api.md#endpoints). */
@Controller('v1/organizations/:org/service_integrations')
@UseGuards(BearerAuthGuard)
export class ServiceIntegrationsController {
  constructor(
    @Inject(OrganizationAccess) private readonly access: OrganizationAccess,
    @Inject(ListIntegrationsUseCase) private readonly listIntegrations: ListIntegrationsUseCase,
    @Inject(CreateIntegrationUseCase) private readonly createIntegration: CreateIntegrationUseCase,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Param('org') org: string) {
    return this.listIntegrations.execute(await this.access.resolve(principal, org));
  }

  @Post('create')
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Body() body: CreateIntegrationDto, @Req() req: Request) {
    const organization = await this.access.resolve(principal, org, { adminOnly: true });
    return this.createIntegration.execute(organization, { serviceName: body.service_name, guardConfirm: body.guard_confirm }, req.path);
  }
}
