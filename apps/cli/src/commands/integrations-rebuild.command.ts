import { Command } from 'commander';
import { CommandContext, CommonOptions } from '../command-context';
import { requireOrg } from '../config/resolve-session';
import { CliError } from '../errors/cli-error';
import { ExitCode } from '../errors/exit-codes';
import { ApiClient, segment } from '../http/api-client';
import { apiPaths } from '../http/api-paths';
import { Output } from '../output/output';
import { followRebuild, RebuildBody } from '../rebuild/follow-rebuild';
import { withExamples, withOrg } from './help-examples';

interface RebuildOptions extends CommonOptions {
  readonly wait?: boolean;
  readonly id?: string;
}

const rebuildPath = (org: string, sint: string, id?: string, action?: string) =>
  apiPaths.integration(org, sint, ['rebuild', ...(id ? [segment(id)] : []), ...(action ? [action] : [])].join('/'));

/**
 * `whdb integrations rebuild <sint>` and `whdb integrations rebuild drop-old <sint> [id]`
 * (docs/cli.md#rebuild): start a rebuild of the table from the log (`POST .../rebuild`), follow it
 * (`GET .../rebuild/{id}`), and drop the old version a finished rebuild kept
 * (`POST .../rebuild/{id}/drop_old`).
 */
export function registerIntegrationsRebuild(integrations: Command, ctx: CommandContext): void {
  const rebuild = integrations
    .command('rebuild')
    .description("Rebuild an integration's table from the log into a new version, then swap it in (the provider is not called).")
    .argument('<sint>', 'the integration: opaque id, table name, or a service name with one integration')
    .option('--wait', 'follow the rebuild: events read, rows written, rows/s and the lag to the live end')
    .option('--id <rebuild_id>', 'follow a rebuild started earlier (rbd_...) instead of starting one');
  withExamples(withOrg(rebuild), ['whdb integrations rebuild svi_abc123 --wait', 'whdb integrations rebuild svi_abc123 --id rbd_abc123', 'whdb integrations rebuild drop-old svi_abc123']).action(
    (sint: string, options: RebuildOptions) =>
      ctx.run('integrations rebuild', options, async (out) => {
        const session = await ctx.session(out, options.org);
        const org = requireOrg(session);
        const api = ctx.api(session);
        const started = options.id ? await api.get<RebuildBody>(rebuildPath(org, sint, options.id)) : await api.post<RebuildBody>(rebuildPath(org, sint));
        if (!options.wait && !options.id) {
          out.result(started, `${started.message ?? `Rebuild ${started.id} is ${started.state}.`}\nFollow it: whdb integrations rebuild ${sint} --id ${started.id}`);
          return;
        }
        out.result(await follow(api, out, org, sint, started));
      }),
  );

  const dropOld = rebuild
    .command('drop-old')
    .description('Drop the previous version of the table that a finished rebuild kept.')
    .argument('<sint>', 'the integration')
    .argument('[rebuild_id]', 'the rebuild (rbd_...); default: the newest one that kept a table');
  withExamples(withOrg(dropOld), ['whdb integrations rebuild drop-old svi_abc123', 'whdb integrations rebuild drop-old svi_abc123 rbd_abc123']).action(
    (sint: string, rebuildId: string | undefined, _options: CommonOptions, command: Command) =>
      // `--json` / `--org` may be parsed by `rebuild` itself (it has them too): read both levels.
      ctx.run('integrations rebuild drop-old', command.optsWithGlobals<CommonOptions>(), async (out) => {
        const options = command.optsWithGlobals<CommonOptions>();
        const session = await ctx.session(out, options.org);
        const org = requireOrg(session);
        const api = ctx.api(session);
        const id = rebuildId ?? (await newestKept(api, org, sint));
        const body = await api.post<RebuildBody>(rebuildPath(org, sint, id, 'drop_old'));
        out.result(body, body.message ?? `Dropped the old table of ${id}.`);
      }),
  );
}

async function newestKept(api: ApiClient, org: string, sint: string): Promise<string> {
  const { items } = await api.get<{ items: (RebuildBody & { old_table_dropped?: boolean })[] }>(rebuildPath(org, sint));
  const kept = items.find((item) => item.state === 'finished' && item.old_table && !item.old_table_dropped);
  if (!kept) throw new CliError('This integration has no old table kept by a rebuild.', ExitCode.failed, 'nothing_to_drop');
  return kept.id;
}

async function follow(api: ApiClient, out: Output, org: string, sint: string, first: RebuildBody): Promise<RebuildBody> {
  const integration = first.service_integration?.opaque_id ?? sint;
  const last = await followRebuild(first, { fetch: () => api.get<RebuildBody>(rebuildPath(org, integration, first.id)), stream: out.humanStream });
  if (last.state === 'failed') throw new CliError(`Rebuild ${last.id} failed: ${last.error ?? 'unknown error'}`, ExitCode.failed, 'rebuild_failed', { rebuild_id: last.id });
  out.say(last.message ?? `Rebuild ${last.id} finished.`);
  return last;
}
