import { Body, Controller, Get, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { AppError } from '@whdb/core';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { EncryptionStatus, EncryptionUseCases, ReencryptionResult } from './encryption.use-cases';
import { ReencryptSecretsDto } from './reencrypt-secrets.dto';

function requireAdmin(principal: Principal): void {
  if (principal.kind !== 'admin') throw new AppError('forbidden', 'Only the admin token may inspect or re-encrypt stored secrets.');
}

/** The encryption key's rotation (docs/runbooks/rotate-a-secret.md#the-encryption-key). The admin token only. */
@Controller('v1/admin/encryption')
@UseGuards(BearerAuthGuard)
export class EncryptionController {
  constructor(@Inject(EncryptionUseCases) private readonly encryption: EncryptionUseCases) {}

  /** `GET /v1/admin/encryption`: `{key_ids, stale_rows}`. */
  @Get()
  status(@CurrentPrincipal() principal: Principal): Promise<EncryptionStatus> {
    requireAdmin(principal);
    return this.encryption.status();
  }

  /** `POST /v1/admin/encryption/reencrypt {batch_size?}`: every stored secret under the newest key; idempotent, resumable. */
  @Post('reencrypt')
  @HttpCode(200)
  reencrypt(@CurrentPrincipal() principal: Principal, @Body() body: ReencryptSecretsDto): Promise<ReencryptionResult> {
    requireAdmin(principal);
    return this.encryption.reencrypt(body.batch_size);
  }
}
