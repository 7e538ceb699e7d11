import { Body, Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { AppError } from '@whdb/core';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { JsonBody, optionalBoolean, optionalObject } from '../http/body-fields';
import { OrganizationAccess } from '../organizations/organization-access';
import { CreateBackfillJobUseCase } from './create-backfill-job.use-case';
import { GetBackfillJobUseCase } from './get-backfill-job.use-case';
import { StartBackfillUseCase } from './start-backfill.use-case';

/**
 * Backfills of one integration: the backfill machine, its reset, jobs and their progress
 * (docs/behaviour/integrations-api.md#backfill).
 */
@Controller('v1/organizations/:org/service_integrations/:sint/backfill')
@UseGuards(BearerAuthGuard)
export class BackfillController {
  constructor(
    @Inject(OrganizationAccess) private readonly access: OrganizationAccess,
    @Inject(StartBackfillUseCase) private readonly startBackfill: StartBackfillUseCase,
    @Inject(CreateBackfillJobUseCase) private readonly createJob: CreateBackfillJobUseCase,
    @Inject(GetBackfillJobUseCase) private readonly getJob: GetBackfillJobUseCase,
  ) {}

  @Post()
  @HttpCode(200)
  async start(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string, @Body() body: JsonBody) {
    const incremental = optionalBoolean(body, 'incremental', true);
    return this.startBackfill.execute(await this.access.resolve(principal, org), sint, { incremental, reset: false });
  }

  @Post('reset')
  @HttpCode(200)
  async reset(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string) {
    return this.startBackfill.execute(await this.access.resolve(principal, org), sint, { incremental: true, reset: true });
  }

  @Post('job')
  @HttpCode(200)
  async job(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Param('sint') sint: string, @Body() body: JsonBody) {
    if (optionalBoolean(body, 'synchronous', false)) {
      throw new AppError(
        'invalid_input',
        'Synchronous backfills are not supported: jobs run in the backfiller. Create the job without "synchronous" and follow it with GET .../backfill/job/{id}.',
      );
    }
    const options = { incremental: optionalBoolean(body, 'incremental', true), recursive: optionalBoolean(body, 'recursive', true), criteria: optionalObject(body, 'criteria') };
    return this.createJob.execute(await this.access.resolve(principal, org), sint, options);
  }

  @Get('job/:job_id')
  async jobStatus(@CurrentPrincipal() principal: Principal, @Param() params: Record<string, string>) {
    return this.getJob.execute(await this.access.resolve(principal, params['org']!), params['sint']!, params['job_id']!);
  }
}
