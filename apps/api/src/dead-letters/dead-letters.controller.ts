import { Body, Controller, Get, HttpCode, Inject, Post, Query, UseGuards } from '@nestjs/common';
import { AppError } from '@whdb/core';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { DeadLetterQuery } from './dead-letter-query';
import { DeadLetterListing, ListDeadLettersUseCase } from './list-dead-letters.use-case';
import { RedriveDeadLettersDto } from './redrive-dead-letters.dto';
import { RedriveDeadLettersUseCase, RedriveResult } from './redrive-dead-letters.use-case';

function requireAdmin(principal: Principal): void {
  if (principal.kind !== 'admin') throw new AppError('forbidden', 'Only the admin token may read or redrive dead letters.');
}

/** Dead letters of every service (docs/behaviour/dead-letters.md). The admin token only. */
@Controller('v1/admin/dlq')
@UseGuards(BearerAuthGuard)
export class DeadLettersController {
  constructor(
    @Inject(ListDeadLettersUseCase) private readonly list: ListDeadLettersUseCase,
    @Inject(RedriveDeadLettersUseCase) private readonly redriveLetters: RedriveDeadLettersUseCase,
  ) {}

  /** `GET /v1/admin/dlq[?topic=<t>.dlq&limit=&cursor=]`: the DLQ topics, or one topic's messages with their `x-dlq-*` headers. */
  @Get()
  deadLetters(@CurrentPrincipal() principal: Principal, @Query() query: DeadLetterQuery): Promise<DeadLetterListing> {
    requireAdmin(principal);
    return this.list.execute(query);
  }

  /** `POST /v1/admin/dlq/redrive {topic, messages | all}`: back to the original topic, each message once. */
  @Post('redrive')
  @HttpCode(200)
  redrive(@CurrentPrincipal() principal: Principal, @Body() body: RedriveDeadLettersDto): Promise<RedriveResult> {
    requireAdmin(principal);
    return this.redriveLetters.execute(body);
  }
}
