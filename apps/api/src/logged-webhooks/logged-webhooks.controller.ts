import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { OrganizationAccess } from '../organizations/organization-access';
import { ListLoggedWebhooksQuery } from './list-logged-webhooks.query';
import { ListLoggedWebhooksUseCase, LoggedWebhookPage } from './list-logged-webhooks.use-case';
import { ReplayLoggedWebhooksDto } from './replay-logged-webhooks.dto';
import { ReplayLoggedWebhooksUseCase, ReplayResult } from './replay-logged-webhooks.use-case';

/** The webhook audit log and replay (docs/behaviour/audit-log.md#api). */
@Controller('v1/organizations/:org/logged_webhooks')
@UseGuards(BearerAuthGuard)
export class LoggedWebhooksController {
  constructor(
    @Inject(OrganizationAccess) private readonly access: OrganizationAccess,
    @Inject(ListLoggedWebhooksUseCase) private readonly list: ListLoggedWebhooksUseCase,
    @Inject(ReplayLoggedWebhooksUseCase) private readonly replayDeliveries: ReplayLoggedWebhooksUseCase,
  ) {}

  /** `GET /v1/organizations/{org}/logged_webhooks`: deliveries newest first, filtered, paged by `cursor`. Any member. */
  @Get()
  async loggedWebhooks(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Query() query: ListLoggedWebhooksQuery): Promise<LoggedWebhookPage> {
    return this.list.execute(await this.access.resolve(principal, org), query);
  }

  /** `POST /v1/organizations/{org}/logged_webhooks/replay {ids}`: sends accepted deliveries through the pipeline again. Org admins. */
  @Post('replay')
  @HttpCode(200)
  async replay(@CurrentPrincipal() principal: Principal, @Param('org') org: string, @Body() body: ReplayLoggedWebhooksDto): Promise<ReplayResult> {
    return this.replayDeliveries.execute(await this.access.resolve(principal, org, { adminOnly: true }), body.ids);
  }
}
