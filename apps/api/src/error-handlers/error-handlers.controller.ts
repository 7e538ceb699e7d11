import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { Request } from 'express';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { JsonBody } from '../http/body-fields';
import { OrganizationAccess } from '../organizations/organization-access';
import { CreateErrorHandlerUseCase } from './create-error-handler.use-case';
import { DeleteErrorHandlerUseCase } from './delete-error-handler.use-case';
import { ListErrorHandlersUseCase } from './list-error-handlers.use-case';

/** Where an organization's alerts go (CONTRACT; docs/behaviour/integrations-api.md#error-handlers). */
@Controller('v1/organizations/:org/error_handlers')
@UseGuards(BearerAuthGuard)
export class ErrorHandlersController {
  constructor(
    @Inject(OrganizationAccess) private readonly access: OrganizationAccess,
    @Inject(CreateErrorHandlerUseCase) private readonly createHandler: CreateErrorHandlerUseCase,
    @Inject(ListErrorHandlersUseCase) private readonly listHandlers: ListErrorHandlersUseCase,
    @Inject(DeleteErrorHandlerUseCase) private readonly deleteHandler: DeleteErrorHandlerUseCase,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Param('org') org: string) {
    return this.listHandlers.execute(await this.access.resolve(principal, org));
  }

  @Post('create')
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Body() body: JsonBody, @Req() req: Request) {
    return this.createHandler.execute(await this.access.resolve(principal, org, { adminOnly: true }), body?.['url'], req.path);
  }

  @Post(':id/delete')
  @HttpCode(200)
  async remove(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('id') id: string) {
    return this.deleteHandler.execute(await this.access.resolve(principal, org, { adminOnly: true }), id);
  }
}
