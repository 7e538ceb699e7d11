import { PassThrough } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { buildProgram } from '../build-program';
import { CommandContext } from '../command-context';
import { exampleCommandLine, exampleCommandLines, helpExamples } from '../testing/example-command-line';

/**
 * Every command's `--help` shows examples (docs/cli.md#every-command), groups such as `whdb
 * integrations` included, and each example is a command line `whdb` accepts: it runs that very
 * command (or, for a group, one of its sub-commands), with arguments and options it parses.
 * The actions are replaced before parsing, so nothing talks to a server.
 */
interface Parsed {
  readonly stdout: string;
  readonly stderr: string;
  /** The path of the command whose action ran (e.g. `integrations create`), or the commander error code. */
  readonly outcome: string;
}

function pathOf(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at?.parent; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

function everyCommand(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...everyCommand(child)]);
}

/** A command that runs something (a group such as `whdb integrations` only prints its help). */
function runs(command: Command): boolean {
  return Boolean((command as unknown as { _actionHandler: unknown })._actionHandler);
}

function newProgram(): { program: Command; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdin: new PassThrough(),
    stdout: { isTTY: false, write: (text: string) => out.push(text) },
    stderr: { isTTY: false, write: (text: string) => err.push(text) },
    env: { configDir: '/nonexistent/whdb', noColor: true, variables: {} },
  };
  return { program: buildProgram(new CommandContext(io)), out, err };
}

/** Parses `args` as `whdb` would, with every action replaced by a recorder. */
async function parse(args: readonly string[]): Promise<Parsed> {
  const { program, out, err } = newProgram();
  let outcome = 'no action';
  for (const command of everyCommand(program).filter(runs)) {
    command.action(() => {
      outcome = pathOf(command);
    });
  }
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    outcome = error.code;
  }
  return { stdout: out.join(''), stderr: err.join(''), outcome };
}

const commands = everyCommand(newProgram().program).filter(runs).map(pathOf);
/** Every command, groups such as `whdb integrations` included: each one's help shows examples. */
const everyPath = everyCommand(newProgram().program).map(pathOf);

describe('whdb --help examples', () => {
  it('knows the CONTRACT commands', () => {
    expect(everyPath).toEqual(expect.arrayContaining(['org', 'integrations', 'webhooks', 'db', 'dlq']));
    expect(commands).toEqual(
      expect.arrayContaining([
        'login',
        'org create',
        'integrations create',
        'integrations list',
        'integrations info',
        'integrations reset',
        'integrations delete',
        'backfill',
        'fixture',
        'webhooks list',
        'webhooks replay',
        'db connection',
        'dlq list',
        'setup-link',
      ]),
    );
  });

  it.each(everyPath)('`whdb %s --help` shows examples of that command (or of its sub-commands), and each parses', async (path) => {
    const help = await parse([...path.split(' '), '--help']);
    expect(help.outcome).toBe('commander.helpDisplayed');
    const examples = helpExamples(help.stdout);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      // Every `whdb` of the line parses; one of them is this command or one of its sub-commands
      // (`rebuild` shows `rebuild drop-old`; a pipeline may feed it from another command).
      const parsed = await Promise.all(exampleCommandLines(example).map(parse));
      expect({ example, stderr: parsed.map((p) => p.stderr).join('') }).toEqual({ example, stderr: '' });
      const ofThisCommand = parsed.some((p) => p.outcome === path || p.outcome.startsWith(`${path} `));
      expect({ example, outcomes: parsed.map((p) => p.outcome), ofThisCommand }).toEqual({ example, outcomes: parsed.map((p) => p.outcome), ofThisCommand: true });
      expect(parsed.every((p) => commands.includes(p.outcome))).toBe(true);
    }
  });

  it('`whdb --help` shows examples, and each parses to a command', async () => {
    const help = await parse(['--help']);
    const examples = helpExamples(help.stdout);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      const parsed = await Promise.all(exampleCommandLines(example).map(parse));
      expect({ example, known: parsed.map((p) => commands.includes(p.outcome)), stderr: parsed.map((p) => p.stderr).join('') }).toEqual({ example, known: parsed.map(() => true), stderr: '' });
    }
  });

  it('would catch a broken example: an unknown option or a missing argument does not parse', async () => {
    expect((await parse(exampleCommandLine('whdb backfill svi_abc123 --no-such-flag'))).outcome).toBe('commander.unknownOption');
    expect((await parse(exampleCommandLine('whdb integrations create --json'))).outcome).toBe('commander.missingArgument');
    expect((await parse(exampleCommandLine('whdb integrations nope'))).outcome).toBe('commander.unknownCommand');
  });
});

describe('exampleCommandLine', () => {
  it('splits like a shell: quotes, a pipe, a command substitution', () => {
    expect(exampleCommandLine('whdb org create "Acme Corp." --key acme')).toEqual(['org', 'create', 'Acme Corp.', '--key', 'acme']);
    expect(exampleCommandLine('whdb org create Acme --json | jq -r .token')).toEqual(['org', 'create', 'Acme', '--json']);
    expect(exampleCommandLine('psql "$(whdb db connection)"')).toEqual(['db', 'connection']);
    expect(exampleCommandLine(`printf '%s' "$TOKEN" | whdb login --token-stdin`)).toEqual(['login', '--token-stdin']);
    expect(() => exampleCommandLine('psql -c "select 1"')).toThrow('no whdb command');
    expect(exampleCommandLines(`whdb webhooks list --json | jq -r '.items[] | .id' | xargs -n 100 whdb webhooks replay`)).toEqual([
      ['webhooks', 'list', '--json'],
      ['webhooks', 'replay'],
    ]);
  });
});
