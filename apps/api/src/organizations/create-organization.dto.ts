import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { CleanString } from '../http/clean-string';

export class CreateOrganizationDto {
  @CleanString()
  @IsString()
  @Length(1, 200)
  name!: string;

  @CleanString()
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,39}$/, { message: 'key must be 2-40 characters: lower-case letters, digits and underscores, starting with a letter' })
  key?: string;
}
