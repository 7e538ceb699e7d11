import { Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { OrganizationAccess } from '../organizations/organization-access';
import { RebuildUseCases } from './rebuild.use-cases';

/**
 * Rebuild an integration's table from the log (docs/api.md#rebuild-a-table-from-the-log): organization
 * admins only, as renaming the table is.
 */
@Controller('v1/organizations/:org/service_integrations/:sint/rebuild')
@UseGuards(BearerAuthGuard)
export class RebuildController {
  constructor(
    @Inject(OrganizationAccess) private readonly access: OrganizationAccess,
    @Inject(RebuildUseCases) private readonly rebuilds: RebuildUseCases,
  ) {}

  @Post()
  @HttpCode(202)
  async start(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string) {
    return this.rebuilds.start(await this.access.resolve(principal, org, { adminOnly: true }), sint);
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string) {
    return this.rebuilds.list(await this.access.resolve(principal, org), sint);
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string, @Param('id') id: string) {
    return this.rebuilds.get(await this.access.resolve(principal, org), sint, id);
  }

  @Post(':id/drop_old')
  @HttpCode(200)
  async dropOld(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string, @Param('id') id: string) {
    return this.rebuilds.dropOld(await this.access.resolve(principal, org, { adminOnly: true }), sint, id);
  }
}
