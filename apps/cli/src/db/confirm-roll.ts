import { CliError } from '../errors/cli-error';
import { ExitCode } from '../errors/exit-codes';
import { Prompter } from '../terminal/prompter';

/**
 * Asks before rolling the analyst credentials (docs/cli.md#db): every analyst using the current
 * password is cut off. `--yes` answers it; without a terminal to ask, the command fails naming it.
 */
export async function confirmRoll(prompter: Prompter, org: string): Promise<void> {
  const answer = await prompter.ask({
    field: 'confirm',
    prompt: `Roll the read-only credentials of ${org}? The current password stops working at once and open analyst sessions are ended. (y/n)`,
    secret: false,
    flag: '--yes',
  });
  if (!/^y(es)?$/i.test(answer.trim())) throw new CliError('Cancelled: the credentials were not rolled.', ExitCode.failed, 'cancelled');
}
