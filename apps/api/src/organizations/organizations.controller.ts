import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { AppError } from '@whdb/core';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { CreateOrganizationDto } from './create-organization.dto';
import { CreatedOrganization, CreateOrganizationUseCase } from './create-organization.use-case';

@Controller('v1/organizations')
@UseGuards(BearerAuthGuard)
export class OrganizationsController {
  constructor(@Inject(CreateOrganizationUseCase) private readonly createOrganization: CreateOrganizationUseCase) {}

  /** `POST /v1/organizations {name, key?}` with the admin token: `{organization, token}`. */
  @Post()
  @HttpCode(200)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateOrganizationDto): Promise<CreatedOrganization> {
    if (principal.kind !== 'admin') throw new AppError('forbidden', 'Only the admin token may create organizations.');
    return this.createOrganization.execute(body);
  }
}
