import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CleanString } from '../http/clean-string';

/** The longest a setup link lives, and its default (docs/setup-terminal.md#setup-links). */
export const SETUP_LINK_MAX_SECONDS = 900;

/** `POST /v1/organizations/{org}/setup_links`. */
export class CreateSetupLinkDto {
  @CleanString()
  @IsString()
  @Length(1, 100)
  service_name!: string;

  /** Seconds until the link expires (1-900, default 900). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(SETUP_LINK_MAX_SECONDS)
  expires_in?: number;
}

/** `POST /v1/setup_sessions`: the grant of a setup link, exchanged once. */
export class ExchangeSetupGrantDto {
  @IsString()
  @Length(1, 200)
  grant!: string;
}
