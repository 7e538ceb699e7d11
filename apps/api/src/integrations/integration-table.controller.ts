import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { Request } from 'express';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { JsonBody } from '../http/body-fields';
import { OrganizationAccess } from '../organizations/organization-access';
import { IntegrationStatsUseCase } from './integration-stats.use-case';
import { RenameTableUseCase } from './rename-table.use-case';
import { UpsertResourceUseCase } from './upsert-resource.use-case';

/**
 * An integration's table and traffic: upsert a resource, webhook statistics, rename the table
 * (docs/behaviour/integrations-api.md#endpoints).
 */
@Controller('v1/organizations/:org/service_integrations/:sint')
@UseGuards(BearerAuthGuard)
export class IntegrationTableController {
  constructor(
    @Inject(OrganizationAccess) private readonly access: OrganizationAccess,
    @Inject(UpsertResourceUseCase) private readonly upsertResource: UpsertResourceUseCase,
    @Inject(IntegrationStatsUseCase) private readonly stats: IntegrationStatsUseCase,
    @Inject(RenameTableUseCase) private readonly renameTable: RenameTableUseCase,
  ) {}

  @Post('upsert')
  @HttpCode(200)
  async upsert(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string, @Body() body: unknown) {
    return this.upsertResource.execute(await this.access.resolve(principal, org), sint, body);
  }

  @Get('stats')
  async webhookStats(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string) {
    return this.stats.execute(await this.access.resolve(principal, org), sint);
  }

  @Post('rename_table')
  @HttpCode(200)
  async rename(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string, @Body() body: JsonBody, @Req() req: Request) {
    return this.renameTable.execute(await this.access.resolve(principal, org, { adminOnly: true }), sint, body?.['new_name'], req.path);
  }
}
