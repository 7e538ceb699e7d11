import { Body, Controller, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { Request } from 'express';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { OrganizationAccess } from '../organizations/organization-access';
import { SetupIntegrationUseCase } from './setup-integration.use-case';
import { TransitionIntegrationUseCase } from './transition-integration.use-case';

type JsonBody = Record<string, unknown> | undefined;

/**
 * The setup state machine of one integration: transition, setup, reset
 * (docs/behaviour/state-machines.md#transitions).
 */
@Controller('v1/organizations/:org/service_integrations/:sint')
@UseGuards(BearerAuthGuard)
export class IntegrationSetupController {
  constructor(
    @Inject(OrganizationAccess) private readonly access: OrganizationAccess,
    @Inject(TransitionIntegrationUseCase) private readonly transition: TransitionIntegrationUseCase,
    @Inject(SetupIntegrationUseCase) private readonly setup: SetupIntegrationUseCase,
  ) {}

  @Post('transition/:field')
  @HttpCode(200)
  async transitionField(@CurrentPrincipal() principal: Principal, @Param() params: Record<string, string>, @Body() body: JsonBody, @Req() req: Request) {
    const organization = await this.access.resolve(principal, params['org']!);
    return this.transition.execute(organization, params['sint']!, params['field']!, body?.['value'], req.path);
  }

  @Post('setup')
  @HttpCode(200)
  async setupIntegration(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string) {
    return this.setup.execute(await this.access.resolve(principal, org), sint, { reset: false });
  }

  @Post('reset')
  @HttpCode(200)
  async reset(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string) {
    return this.setup.execute(await this.access.resolve(principal, org), sint, { reset: true });
  }
}
