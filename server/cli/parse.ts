/** Reads a command line against the table of commands: which command, its options, its words. */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';
import type { Command, OptionValues } from './command.ts';
import { describeCommand, describeCommands, describeGroup, usageLine } from './help.ts';

/** The commands whose name is `words`, or starts with them ("comments" names five). */
export function commandsNamed(commands: readonly Command[], words: string[]): Command[] {
  const name = words.join(' ');
  const exact = commands.find((command) => command.words === name);
  if (exact) return [exact];
  return commands.filter((command) => command.words.startsWith(`${name} `));
}

/** `help [COMMAND...]`: the overview, a group's commands, or one command's own help. */
export function helpFor(commands: readonly Command[], words: string[]): string {
  if (words.length === 0) return describeCommands(commands);
  const name = words.join(' ');
  const found = commandsNamed(commands, words);
  if (found.length === 1 && found[0]?.words === name) return describeCommand(found[0]);
  if (found.length > 0) return describeGroup(name, found);
  throw new UsageError(`There is no command "${name}".`, describeCommands(commands));
}

/** Finds the command `args` start with; the rest are its options and arguments. */
export function findCommand(
  commands: readonly Command[],
  args: string[],
): { command: Command; rest: string[] } {
  const [first = '', second] = args;
  const single = commands.find((command) => command.words === first);
  if (single) return { command: single, rest: args.slice(1) };
  const group = commandsNamed(commands, [first]);
  if (group.length === 0)
    throw new UsageError(`Unknown command "${first}".`, describeCommands(commands));
  const command = group.find((member) => member.words === `${first} ${second}`);
  if (!command)
    throw new UsageError(
      second === undefined
        ? `"${first}" needs one of: ${group.map((member) => member.words.split(' ')[1]).join(', ')}.`
        : `Unknown command "${first} ${second}".`,
      describeGroup(first, group),
    );
  return { command, rest: args.slice(2) };
}

/** Whether the words before any `--` ask for help. */
export function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** The command's options and arguments, checked: an unknown option or a missing word is a usage error. */
export function parseCall(
  command: Command,
  args: string[],
): { values: OptionValues; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(command.options ?? {}).map(([name, option]) => [name, { type: option.type }]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    const option = /'(-[^ ']*)/.exec((error as Error).message)?.[1] ?? '';
    throw new UsageError(
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `Unknown option "${option}" for "${command.words}".`
        : `${(error as Error).message.replace(/\.$/, '')}.`,
    );
  }
  if (parsed.positionals.length !== command.positionals.length)
    throw new UsageError(`Use "${usageLine(command)}".`);
  return { values: parsed.values as OptionValues, positionals: parsed.positionals };
}
