/** The shapes of the command line's table: a command as it is typed, helped and run. */
import type { Config } from '../config.ts';

/** One option of a command: what parseArgs reads, and what the command's help says of it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** The word standing for the option's value in its help, e.g. "N". */
  value?: string;
  help: string;
}

/** The options a command was given, by name, as parseArgs read them. */
export type OptionValues = Record<string, string | boolean | undefined>;

/** What a command is given to run. */
export interface Call {
  config: Config;
  values: OptionValues;
  positionals: string[];
  input: NodeJS.ReadableStream;
}

/** What a command does; loaded only when that command runs. */
export interface Handler {
  /**
   * Throws a UsageError for a value it cannot take, before any database is looked at. Its help
   * is the command's own unless the error names another.
   */
  check?(call: Pick<Call, 'values' | 'positionals'>): void;
  /** Does the work; returns the process exit code. */
  run(call: Call): number | Promise<number>;
}

/** A row of the table of commands. */
export interface Command {
  /** The words that name it: "serve", "comments list". */
  words: string;
  /** The words that follow its name, besides options, as its usage line names them: "ID". */
  positionals: readonly string[];
  options?: Readonly<Record<string, OptionSpec>>;
  /** Its line in the list of commands. */
  summary: string;
  /** What its own help says it does. */
  about: string;
  /** "created": makes the database when there is none; otherwise it refuses to run without one. */
  database?: 'created';
  /** Its handler, imported when it runs, so that no command waits for another's modules. */
  load(): Promise<Handler>;
}
