import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, Matches } from 'class-validator';

/** Most deliveries one replay call may send again. */
export const MAX_REPLAY_IDS = 100;

/** Body of `POST /v1/organizations/{org}/logged_webhooks/replay` (docs/behaviour/audit-log.md#replay). */
export class ReplayLoggedWebhooksDto {
  /** Ids of logged deliveries (strings or numbers). */
  @Transform(({ value }) => (Array.isArray(value) ? value.map((id: unknown) => (typeof id === 'number' ? String(id) : id)) : value))
  @IsArray({ message: 'ids must be an array of logged webhook ids' })
  @ArrayMinSize(1, { message: 'ids must name at least one logged webhook' })
  @ArrayMaxSize(MAX_REPLAY_IDS, { message: `ids may name at most ${MAX_REPLAY_IDS} logged webhooks` })
  @Matches(/^[1-9][0-9]{0,18}$/, { each: true, message: 'each id must be a logged webhook id' })
  ids!: string[];
}
