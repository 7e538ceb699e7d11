import { CommanderError } from 'commander';
import { buildProgram } from './build-program';
import { CommandContext } from './command-context';
import { ExitCode, ExitCodeValue } from './errors/exit-codes';
import { CliIo } from './terminal/cli-io';

const SUCCESSFUL_EXITS = new Set(['commander.helpDisplayed', 'commander.version']);

/** Runs one `whdb` invocation and returns its exit status (docs/cli.md#exit-codes). */
export async function runCli(args: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const ctx = new CommandContext(io);
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the reason (and, for a bare group like `whdb integrations`, its help).
      if (SUCCESSFUL_EXITS.has(error.code)) return ExitCode.ok;
      return ExitCode.usage;
    }
    throw error;
  }
  return ctx.exitCode;
}
