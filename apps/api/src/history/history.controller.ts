import { Body, Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { AppError } from '@whdb/core';
import { JsonBody } from '../http/body-fields';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { OrganizationAccess } from '../organizations/organization-access';
import { DisableHistoryUseCase } from './disable-history.use-case';
import { EnableHistoryUseCase } from './enable-history.use-case';
import { GetHistoryStatusUseCase } from './get-history-status.use-case';
import { HistoryResponse } from './history-response';

/**
 * An integration's history as of any time (docs/behaviour/history.md#api). `POST .../history
 * {enabled}` is the contract's switch (shared/CONTRACT.md); `.../history/enable` and
 * `.../history/disable` say the same without a body. Switching needs the admin role.
 */
@Controller('v1/organizations/:org/service_integrations/:sint/history')
@UseGuards(BearerAuthGuard)
export class HistoryController {
  constructor(
    @Inject(OrganizationAccess) private readonly access: OrganizationAccess,
    @Inject(EnableHistoryUseCase) private readonly enableHistory: EnableHistoryUseCase,
    @Inject(DisableHistoryUseCase) private readonly disableHistory: DisableHistoryUseCase,
    @Inject(GetHistoryStatusUseCase) private readonly getStatus: GetHistoryStatusUseCase,
  ) {}

  @Get()
  async status(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string): Promise<HistoryResponse> {
    return this.getStatus.execute(await this.access.resolve(principal, org), sint);
  }

  @Post()
  @HttpCode(200)
  async toggle(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string, @Body() body: JsonBody): Promise<HistoryResponse> {
    const organization = await this.access.resolve(principal, org, { adminOnly: true });
    const enabled = body?.['enabled'];
    if (typeof enabled !== 'boolean') throw new AppError('invalid_input', 'enabled must be true or false.');
    return enabled ? this.enableHistory.execute(organization, sint) : this.disableHistory.execute(organization, sint);
  }

  @Post('enable')
  @HttpCode(200)
  async enable(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string): Promise<HistoryResponse> {
    return this.enableHistory.execute(await this.access.resolve(principal, org, { adminOnly: true }), sint);
  }

  @Post('disable')
  @HttpCode(200)
  async disable(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string): Promise<HistoryResponse> {
    return this.disableHistory.execute(await this.access.resolve(principal, org, { adminOnly: true }), sint);
  }
}
