import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, Matches, Min, ValidateNested } from 'class-validator';

export const MAX_REDRIVE_MESSAGES = 500;

export class DeadLetterPosition {
  @IsInt({ message: 'partition must be an integer' })
  @Min(0)
  partition!: number;

  /** A decimal string (Kafka offsets are 64-bit); numbers are accepted too. */
  @Type(() => String)
  @Matches(/^\d{1,19}$/, { message: 'offset must be a decimal offset' })
  offset!: string;
}

/** Body of `POST /v1/admin/dlq/redrive`: chosen messages of one dead-letter topic, or all of it. */
export class RedriveDeadLettersDto {
  @Matches(/^[A-Za-z0-9._-]{1,245}\.dlq$/, { message: 'topic must be a dead-letter topic (<topic>.dlq)' })
  topic!: string;

  @IsOptional()
  @IsArray({ message: 'messages must be an array of {partition, offset}' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REDRIVE_MESSAGES)
  @ValidateNested({ each: true })
  @Type(() => DeadLetterPosition)
  messages?: DeadLetterPosition[];

  /** Redrive every message the topic holds now. */
  @IsOptional()
  @IsBoolean({ message: 'all must be true or false' })
  all?: boolean;
}
