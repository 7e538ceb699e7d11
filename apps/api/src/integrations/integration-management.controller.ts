import { Body, Controller, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { Request } from 'express';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { OrganizationAccess } from '../organizations/organization-access';
import { DeleteIntegrationUseCase } from './delete-integration.use-case';
import { IntegrationInfoUseCase } from './integration-info.use-case';
import { RollApiKeyUseCase } from './roll-api-key.use-case';

type JsonBody = Record<string, unknown> | undefined;

/**
 * Inspect and manage one integration: info, roll_api_key, delete
 * (docs/behaviour/integrations-api.md#endpoints).
 */
@Controller('v1/organizations/:org/service_integrations/:sint')
@UseGuards(BearerAuthGuard)
export class IntegrationManagementController {
  constructor(
    @Inject(OrganizationAccess) private readonly access: OrganizationAccess,
    @Inject(IntegrationInfoUseCase) private readonly info: IntegrationInfoUseCase,
    @Inject(RollApiKeyUseCase) private readonly rollApiKey: RollApiKeyUseCase,
    @Inject(DeleteIntegrationUseCase) private readonly deleteIntegration: DeleteIntegrationUseCase,
  ) {}

  @Post('info')
  @HttpCode(200)
  async integrationInfo(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string, @Body() body: JsonBody) {
    return this.info.execute(await this.access.resolve(principal, org), sint, body?.['field']);
  }

  @Post('roll_api_key')
  @HttpCode(200)
  async roll(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string) {
    return this.rollApiKey.execute(await this.access.resolve(principal, org, { adminOnly: true }), sint);
  }

  @Post('delete')
  @HttpCode(200)
  async remove(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string, @Body() body: JsonBody, @Req() req: Request) {
    return this.deleteIntegration.execute(await this.access.resolve(principal, org, { adminOnly: true }), sint, body?.['confirm'], req.path);
  }
}
