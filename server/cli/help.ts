/** The command line's help texts, all made from the table of commands. */
import type { Command, OptionSpec } from './command.ts';

const DATABASE = 'It uses the database at DATABASE_PATH (default ./data/comments.db),';

/** An option as typed: "--limit N", "--force". */
const flagOf = (name: string, option: OptionSpec) =>
  `--${name}${option.value ? ` ${option.value}` : ''}`;

/** A command's words, the words that follow them and its options: "backup PATH [--force]". */
export function usageLine(command: Command): string {
  const options = Object.entries(command.options ?? {}).map(
    ([name, option]) => `[${flagOf(name, option)}]`,
  );
  return [command.words, ...command.positionals, ...options].join(' ');
}

const COLUMN = 40;
const row = (left: string, right: string) =>
  left.length < COLUMN
    ? `  ${left.padEnd(COLUMN)}${right}`
    : `  ${left}\n  ${''.padEnd(COLUMN)}${right}`;
const describeRow = (command: Command) => row(usageLine(command), command.summary);

/** The overview: every command with its line, and the options every command knows. */
export function describeCommands(commands: readonly Command[]): string {
  return [
    'Usage: leave-a-reply <command> [options]',
    '',
    'Commands:',
    ...commands.map(describeRow),
    row('help [COMMAND]', "show this text, or one command's own help"),
    '',
    'Options:',
    row('-h, --help', "show help (after a command: that command's own)"),
    row('-v, --version', 'print the version'),
    '',
    'Settings come from the environment; see README.md. Every command but serve and import needs',
    'a database at DATABASE_PATH (default ./data/comments.db), and names the one it used on',
    'standard error.',
  ].join('\n');
}

/** A group's help ("comments", "import"): its commands, and where each one's options are. */
export function describeGroup(group: string, members: readonly Command[]): string {
  const words = members.map((member) => member.words.slice(group.length + 1));
  return [
    `Usage: leave-a-reply ${group} <${words.join('|')}> ...`,
    '',
    'Commands:',
    ...members.map(describeRow),
    '',
    `Run "leave-a-reply ${group} ${words[0]} --help" for one command's own help.`,
  ].join('\n');
}

/** One command's own help: its usage, what it does, its options and its database. */
export function describeCommand(command: Command): string {
  const options = Object.entries(command.options ?? {}).map(
    ([name, option]) => [flagOf(name, option), option.help] as const,
  );
  options.push(['-h, --help', 'show this help']);
  const width = Math.max(...options.map(([flag]) => flag.length)) + 2;
  return [
    `Usage: leave-a-reply ${usageLine(command)}`,
    '',
    command.about,
    '',
    'Options:',
    ...options.map(([flag, help]) => `  ${flag.padEnd(width)}${help}`),
    '',
    command.database === 'created'
      ? `${DATABASE} created if there is none.`
      : `${DATABASE} and refuses if there is none.`,
  ].join('\n');
}
