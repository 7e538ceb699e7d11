import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Body of `POST /v1/admin/encryption/reencrypt` (docs/runbooks/rotate-a-secret.md#the-encryption-key). */
export class ReencryptSecretsDto {
  /** Rows read and rewritten per batch (default 100). */
  @IsOptional()
  @IsInt({ message: 'batch_size must be an integer' })
  @Min(1)
  @Max(1000)
  batch_size?: number;
}
