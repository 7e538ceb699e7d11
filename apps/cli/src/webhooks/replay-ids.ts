import { usageError } from '../errors/cli-error';

/** Most deliveries one replay call may name (docs/behaviour/audit-log.md#replay). */
export const MAX_REPLAY_IDS = 100;

/** The ids of `whdb webhooks replay`: whole numbers as `whdb webhooks list` shows them, once each. */
export function parseReplayIds(ids: readonly string[]): string[] {
  const trimmed = ids.map((id) => id.trim()).filter(Boolean);
  if (trimmed.length === 0) throw usageError('Name the deliveries to replay: whdb webhooks replay <id>... (ids as whdb webhooks list shows them).');
  const bad = trimmed.find((id) => !/^[1-9]\d{0,18}$/.test(id));
  if (bad !== undefined) throw usageError(`"${bad}" is not a logged webhook id: ids are whole numbers, as whdb webhooks list shows them.`);
  const unique = [...new Set(trimmed)];
  if (unique.length > MAX_REPLAY_IDS) throw usageError(`At most ${MAX_REPLAY_IDS} deliveries per replay; ${unique.length} were given.`);
  return unique;
}

/**
 * The api replays chosen deliveries only (`POST .../logged_webhooks/replay {ids}`): a replay by
 * filter or time window is refused with the way to pick the ids.
 */
export const REPLAY_BY_FILTER_UNSUPPORTED =
  'The api replays chosen deliveries by id only, not by filter or time window. Pick the ids with whdb webhooks list, e.g.: ' +
  `whdb webhooks list --status accepted --since 1h --json | jq -r '.items[] | select(.replayable) | .id' | xargs -r -n 100 whdb webhooks replay`;
