import { Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { OrganizationAccess } from '../organizations/organization-access';
import { AnalystConnection } from './analyst-connection';
import { GetAnalystConnectionUseCase } from './get-analyst-connection.use-case';
import { RollAnalystCredentialsUseCase } from './roll-analyst-credentials.use-case';

/** Read-only Postgres credentials for an organization's analysts (docs/behaviour/analyst-access.md). Org admins only. */
@Controller('v1/organizations/:org/db')
@UseGuards(BearerAuthGuard)
export class AnalystAccessController {
  constructor(
    @Inject(OrganizationAccess) private readonly access: OrganizationAccess,
    @Inject(GetAnalystConnectionUseCase) private readonly getConnection: GetAnalystConnectionUseCase,
    @Inject(RollAnalystCredentialsUseCase) private readonly rollCredentials: RollAnalystCredentialsUseCase,
  ) {}

  /** `GET /v1/organizations/{org}/db/connection`: the read-only Postgres URL. */
  @Get('connection')
  async connection(@CurrentPrincipal() principal: Principal, @Param('org') org: string): Promise<AnalystConnection> {
    return this.getConnection.execute(await this.access.resolve(principal, org, { adminOnly: true }));
  }

  /** `POST /v1/organizations/{org}/db/roll_credentials`: a new password; the old one stops working. */
  @Post('roll_credentials')
  @HttpCode(200)
  async roll(@CurrentPrincipal() principal: Principal, @Param('org') org: string): Promise<AnalystConnection> {
    return this.rollCredentials.execute(await this.access.resolve(principal, org, { adminOnly: true }));
  }
}
