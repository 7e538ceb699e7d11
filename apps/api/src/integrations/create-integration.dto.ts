import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { CleanString } from '../http/clean-string';

export class CreateIntegrationDto {
  @CleanString()
  @IsString()
  @Length(1, 100)
  service_name!: string;

  /** Confirms creating another integration of a service the organization already has. */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? ['y', 'yes', 'true', '1'].includes(value.trim().toLowerCase()) : value))
  @IsBoolean()
  guard_confirm?: boolean;
}
