import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Query of `GET /v1/admin/dlq` (docs/behaviour/dead-letters.md#api). */
export class DeadLetterQuery {
  /** A dead-letter topic (`<topic>.dlq`); without it, the api lists the topics and their counts. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,245}\.dlq$/, { message: 'topic must be a dead-letter topic (<topic>.dlq)' })
  topic?: string;

  /** Page size, 1-500 (default 50). */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(500)
  limit?: number;

  /** `next_cursor` of the previous page (`<partition>:<offset>`). */
  @IsOptional()
  @Matches(/^\d{1,5}:\d{1,19}$/, { message: 'cursor must be the next_cursor of a previous page' })
  cursor?: string;
}
