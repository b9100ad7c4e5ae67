/** The `leave-a-reply` command line: run the server, and moderate comments from a terminal. */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { version } from '../package.json';
import { type Config, loadConfig } from './config.ts';
import { createSessionStore, hashPassword, replacePassword } from './http/admin-session.ts';
import type { ImportResult } from './import/export-json.ts';
import { describeOpenModes, StorageProblem } from './storage/database-file.ts';
import { openDatabase } from './storage/open.ts';
import {
  createStore,
  type ModeratedCommentRow,
  type Store,
  type StoredStatus,
} from './storage/store.ts';

// Each command imports what only it needs when it runs (the server, mail, the importers), so
// that a quick command such as `comments list` does not wait for Fastify or nodemailer to load.

interface OptionSpec {
  type: 'string' | 'boolean';
  /** The word standing for the option's value in its help, e.g. "N". */
  value?: string;
  help: string;
}

/** What a command is given to run. */
interface Call {
  config: Config;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  input: NodeJS.ReadableStream;
}

interface Command {
  /** The words that name it: "serve", "comments list". */
  name: string;
  /** What follows the name on its usage line. */
  args: string;
  /** Its line in the list of commands. */
  summary: string;
  /** What its own help says it does. */
  about: string;
  options?: Record<string, OptionSpec>;
  /** How many words follow the name, besides options. */
  positionals: number;
  /** "existing": refuses when there is no database at DATABASE_PATH; "created": makes one. */
  database: 'existing' | 'created';
  /** Throws a UsageError for a value it cannot take, before any database is looked at. */
  check?(call: Pick<Call, 'values' | 'positionals'>): void;
  run(call: Call): number | Promise<number>;
}

const STATUSES: readonly StoredStatus[] = ['pending', 'approved', 'spam', 'trash', 'deleted'];

const COMMANDS: readonly Command[] = [
  {
    name: 'serve',
    args: '',
    summary: 'start the server (PORT, HOST, DATABASE_PATH, ...)',
    about:
      'Starts the server: the widget at /embed.js, the API under /api and the dashboard at /admin.\n' +
      'Settings come from the environment (PORT, HOST, DATABASE_PATH, SITE_ORIGINS, SMTP_URL, ...;\n' +
      'see "Settings" in README.md), e.g. PORT=3000 leave-a-reply serve.',
    positionals: 0,
    database: 'created',
    run: async ({ config }) => {
      const { startServer } = await import('./main.ts');
      await startServer(config);
      // Said once the server runs, so that a start that fails says one thing only: why.
      const warning = describeOpenModes(config.databasePath);
      if (warning) console.error(warning);
      return 0;
    },
  },
  {
    name: 'comments list',
    args: '[--status S] [--limit N]',
    summary: 'list comments; S is pending (default), approved, spam, trash or deleted',
    about: 'Lists comments, newest first, with their author, email, page and text.',
    options: {
      status: {
        type: 'string',
        value: 'S',
        help: `pending (default), ${STATUSES.slice(1, -1).join(', ')} or deleted`,
      },
      limit: { type: 'string', value: 'N', help: 'at most N comments (default 50)' },
    },
    positionals: 0,
    database: 'existing',
    check: ({ values }) => listOptions(values),
    run: ({ config, values }) => withStore(config, (store) => listComments(store, values)),
  },
  {
    name: 'comments approve',
    args: 'ID',
    check: ({ positionals }) => {
      commentId('approve', positionals[0]);
    },
    summary: 'approve a held comment',
    about:
      'Approves a held comment: it appears in its thread, and readers waiting for replies to the\n' +
      'comment it answers are mailed (the running server sends the mail).',
    positionals: 1,
    database: 'existing',
    run: (call) => moderate(call, 'approve'),
  },
  {
    name: 'comments unapprove',
    args: 'ID',
    check: ({ positionals }) => {
      commentId('unapprove', positionals[0]);
    },
    summary: 'send an approved comment back to pending',
    about:
      'Unapproves an approved comment: it leaves its thread at once and waits in the Pending queue\n' +
      'until it is approved again. A comment that is not approved is left as it is (exit code 1).',
    positionals: 1,
    database: 'existing',
    run: (call) => moderate(call, 'unapprove'),
  },
  {
    name: 'comments spam',
    args: 'ID',
    check: ({ positionals }) => {
      commentId('spam', positionals[0]);
    },
    summary: 'mark a comment as spam',
    about: 'Marks a comment as spam: it leaves its thread, and stays in the Spam queue.',
    positionals: 1,
    database: 'existing',
    run: (call) => moderate(call, 'spam'),
  },
  {
    name: 'comments delete',
    args: 'ID',
    check: ({ positionals }) => {
      commentId('delete', positionals[0]);
    },
    summary: 'delete a comment',
    about:
      'Deletes a comment for good. One that has replies leaves a "This comment was deleted."\n' +
      'placeholder, emptied of everything its author wrote, so that the replies stay in their thread.',
    positionals: 1,
    database: 'existing',
    run: (call) => moderate(call, 'delete'),
  },
  {
    name: 'data export',
    args: 'EMAIL',
    check: ({ positionals }) => {
      emailOf('export', positionals[0]);
    },
    summary: 'print, as JSON, everything stored for an email address',
    about:
      'Prints, as JSON on standard output, everything stored for EMAIL: its comments and its mail\n' +
      'subscription (for a request under the GDPR), e.g. leave-a-reply data export ann@example.com > ann.json',
    positionals: 1,
    database: 'existing',
    run: (call) => personalData(call, 'export'),
  },
  {
    name: 'data erase',
    args: 'EMAIL',
    check: ({ positionals }) => {
      emailOf('erase', positionals[0]);
    },
    summary: 'erase everything stored for an email address',
    about:
      'Erases every comment stored for EMAIL (one with replies keeps an empty placeholder), its mail\n' +
      'subscription, and the mail queued or sent to it or about its comments.',
    positionals: 1,
    database: 'existing',
    run: (call) => personalData(call, 'erase'),
  },
  {
    name: 'admin set-password',
    args: '',
    summary: "set the dashboard's password (read from standard input)",
    about:
      "Sets the dashboard's password (at least 8 characters): asked for without showing it, or the\n" +
      'first line piped in. Only a salted scrypt hash is stored. Every dashboard session ends: signed-in\n' +
      'browsers must sign in again with the new password.',
    positionals: 0,
    database: 'existing',
    run: async ({ config, input }) => {
      const password = await readPassword(input);
      if (password === null) {
        console.error('Cancelled: the password is unchanged.');
        return 1;
      }
      return setPassword(config, password);
    },
  },
  {
    name: 'backup',
    args: 'PATH [--force]',
    summary: 'copy the database to PATH while the server runs',
    about:
      "Copies the database to PATH with SQLite's online backup API, while the server runs. PATH's\n" +
      'folder must exist. The copy is written beside PATH and renamed into place, and only its owner\n' +
      'may read it (mode 0600).',
    options: { force: { type: 'boolean', help: 'overwrite PATH if it exists' } },
    positionals: 1,
    database: 'existing',
    run: backup,
  },
  {
    name: 'export',
    args: '',
    summary: 'print every page, comment, setting and subscriber as JSON',
    about:
      'Prints every page, comment, setting and mail subscriber as one JSON document on standard\n' +
      "output, e.g. leave-a-reply export > all.json. It holds email addresses and the server's keys:\n" +
      'keep the file as private as the database.',
    positionals: 0,
    database: 'existing',
    run: async ({ config }) => {
      const { exportSite, formatExport } = await import('./import/export-json.ts');
      return withStore(config, (_store, db) => {
        console.log(formatExport(exportSite(db)));
        return 0;
      });
    },
  },
  {
    name: 'import json',
    args: 'FILE',
    summary: 'read an export into the database, in one transaction',
    about:
      'Reads a file made by "leave-a-reply export" into the database, in one transaction: all of it,\n' +
      'or nothing. Import into a new database, before the server first starts.',
    positionals: 1,
    database: 'created',
    run: ({ config, positionals }) => importJson(config, positionals[0] as string),
  },
  {
    name: 'import disqus',
    args: 'FILE.xml',
    summary: "read a Disqus export's comments, in one transaction",
    about: "Reads a Disqus export's comments into the database, in one transaction: all, or none.",
    positionals: 1,
    database: 'created',
    run: async ({ config, positionals }) => {
      const { runDisqusImport } = await import('./import/disqus.ts');
      return runDisqusImport(config.databasePath, positionals);
    },
  },
  {
    name: 'import isso',
    args: 'FILE.json [--origin URL]',
    summary: "read an Isso generic JSON file's comments, in one transaction",
    about:
      'Reads an Isso "generic" JSON file\'s comments into the database, in one transaction: all, or none.',
    options: {
      origin: {
        type: 'string',
        value: 'URL',
        help: "the site's origin, needed when thread ids are paths like /blog/post/",
      },
    },
    positionals: 1,
    database: 'created',
    run: async ({ config, values, positionals }) => {
      const { runIssoImport } = await import('./import/isso.ts');
      const origin = values.origin;
      return runIssoImport(config.databasePath, [
        ...positionals,
        ...(typeof origin === 'string' ? ['--origin', origin] : []),
      ]);
    },
  },
  {
    name: 'import wordpress',
    args: 'FILE.xml [--map-origin OLD=NEW] [--with-pingbacks]',
    summary: "read a WordPress export's comments, in one transaction",
    about:
      "Reads a WordPress export's comments (Tools > Export > All content) into the database, streamed,\n" +
      'in one transaction: all, or none.',
    options: {
      'map-origin': {
        type: 'string',
        value: 'OLD=NEW',
        help: "replace the origin of each post's permalink, e.g. https://old.example.com=https://new.example.com",
      },
      'with-pingbacks': { type: 'boolean', help: 'import pingbacks and trackbacks too' },
    },
    positionals: 1,
    database: 'created',
    check: ({ values }) => {
      mapOriginOf(values);
    },
    run: ({ config, values, positionals }) =>
      importWordPressFile(config, positionals[0] as string, values),
  },
];

/** A command line that does not fit; answered with the help that shows how it should look. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly help: string,
  ) {
    super(message);
  }
}

const usageLine = (command: Command) => `${command.name}${command.args ? ` ${command.args}` : ''}`;

/** The overview: every command with its line, and the options every command knows. */
function describeCommands(): string {
  return [
    'Usage: leave-a-reply <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map(describeRow),
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
function describeGroup(group: string, members: readonly Command[]): string {
  const words = members.map((member) => member.name.slice(group.length + 1));
  return [
    `Usage: leave-a-reply ${group} <${words.join('|')}> ...`,
    '',
    'Commands:',
    ...members.map(describeRow),
    '',
    `Run "leave-a-reply ${group} ${words[0]} --help" for one command's own help.`,
  ].join('\n');
}

const COLUMN = 40;
const row = (left: string, right: string) =>
  left.length < COLUMN
    ? `  ${left.padEnd(COLUMN)}${right}`
    : `  ${left}\n  ${''.padEnd(COLUMN)}${right}`;
const describeRow = (command: Command) => row(usageLine(command), command.summary);

/** One command's own help: its usage, what it does, its options and its database. */
function describeCommand(command: Command): string {
  const options = Object.entries(command.options ?? {}).map(([name, option]) => {
    const flag = `--${name}${option.value ? ` ${option.value}` : ''}`;
    return [flag, option.help] as const;
  });
  options.push(['-h, --help', 'show this help']);
  const width = Math.max(...options.map(([flag]) => flag.length)) + 2;
  const database =
    command.database === 'existing'
      ? 'It uses the database at DATABASE_PATH (default ./data/comments.db), and refuses if there is none.'
      : 'It uses the database at DATABASE_PATH (default ./data/comments.db), created if there is none.';
  return [
    `Usage: leave-a-reply ${usageLine(command)}`,
    '',
    command.about,
    '',
    'Options:',
    ...options.map(([flag, help]) => `  ${flag.padEnd(width)}${help}`),
    '',
    database,
  ].join('\n');
}

/** The own help of the command named `name`. */
function helpOf(name: string): string {
  return describeCommand(COMMANDS.find((command) => command.name === name) as Command);
}

/** The commands whose name is `words`, or start with them ("comments" names four). */
function commandsNamed(words: string[]): Command[] {
  const name = words.join(' ');
  const exact = COMMANDS.find((command) => command.name === name);
  if (exact) return [exact];
  return COMMANDS.filter((command) => command.name.startsWith(`${name} `));
}

/** `help [COMMAND...]`: the overview, a group's commands, or one command's own help. */
function helpFor(words: string[]): string {
  if (words.length === 0) return describeCommands();
  const name = words.join(' ');
  const found = commandsNamed(words);
  if (found.length === 1 && found[0]?.name === name) return describeCommand(found[0]);
  if (found.length > 0) return describeGroup(name, found);
  throw new UsageError(`There is no command "${name}".`, describeCommands());
}

/** Finds the command `args` start with; the rest are its options and arguments. */
function findCommand(args: string[]): { command: Command; rest: string[] } {
  const [first = '', second] = args;
  const single = COMMANDS.find((command) => command.name === first);
  if (single) return { command: single, rest: args.slice(1) };
  const group = commandsNamed([first]);
  if (group.length === 0) throw new UsageError(`Unknown command "${first}".`, describeCommands());
  const command = group.find((member) => member.name === `${first} ${second}`);
  if (!command)
    throw new UsageError(
      second === undefined
        ? `"${first}" needs one of: ${group.map((member) => member.name.split(' ')[1]).join(', ')}.`
        : `Unknown command "${first} ${second}".`,
      describeGroup(first, group),
    );
  return { command, rest: args.slice(2) };
}

/** Whether the words before any `--` ask for help. */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** The command's options and arguments, checked: an unknown option or a missing word is a usage error. */
function parseCall(command: Command, args: string[]): Pick<Call, 'values' | 'positionals'> {
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
        ? `Unknown option "${option}" for "${command.name}".`
        : `${(error as Error).message.replace(/\.$/, '')}.`,
      describeCommand(command),
    );
  }
  if (parsed.positionals.length !== command.positionals)
    throw new UsageError(`Use "${usageLine(command)}".`, describeCommand(command));
  return {
    values: parsed.values as Call['values'],
    positionals: parsed.positionals,
  };
}

/** Whether a database file is at `file`; a folder that cannot be looked into is left to openDatabase. */
function databaseIsMissing(file: string): boolean {
  try {
    statSync(file);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR';
  }
}

/** Notes about the run go to standard error, so that what a command prints stays pure (JSON). */
function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Runs one command; returns the process exit code. `config` is read from the environment when not given. */
export async function runCli(
  args: string[],
  config?: Config,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const [first] = args;
  if (first === '--version' || first === '-v') {
    console.log(version);
    return 0;
  }
  let database = '';
  let command: Command | undefined;
  try {
    if (!first || first === '--help' || first === '-h') {
      console.log(describeCommands());
      return 0;
    }
    if (first === 'help') {
      console.log(helpFor(args.slice(1)));
      return 0;
    }
    if (commandsNamed([first]).length > 1 && asksForHelp(args.slice(1, 2))) {
      console.log(helpFor([first]));
      return 0;
    }
    const found = findCommand(args);
    command = found.command;
    if (asksForHelp(found.rest)) {
      console.log(describeCommand(command));
      return 0;
    }
    const call = parseCall(command, found.rest);
    command.check?.(call);
    const settings = config ?? loadConfig();
    database = resolve(settings.databasePath);
    if (command.database === 'existing' && databaseIsMissing(database)) {
      console.error(
        `There is no database at ${database}. Set DATABASE_PATH to your site's database, or run "leave-a-reply serve" once to create one.`,
      );
      return 1;
    }
    // The server names its database in the line that says where it runs.
    if (command.name !== 'serve') note(`Database: ${database}`);
    return await command.run({ ...call, config: settings, input });
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${error.help}`);
      return 2;
    }
    if (error instanceof StorageProblem) {
      console.error(error.message);
      return 1;
    }
    if (error instanceof BetterSqlite3.SqliteError && error.code.startsWith('SQLITE_READONLY')) {
      console.error(describeReadOnlyRefusal(command?.name, database));
      return 1;
    }
    throw error;
  }
}

/** A write refused because the database is read-only: what that stopped, and what to do. */
function describeReadOnlyRefusal(command: string | undefined, database: string): string {
  if (command === 'serve')
    return (
      `Cannot start on the database ${database}: it is read-only, and this start has to write to it ` +
      '(the keys and admin token of a first start, or a changed ADMIN_PASSWORD). Start the server once with it writable, ' +
      'or set DATABASE_PATH to a writable copy.'
    );
  return `Cannot change the database ${database}: it is read-only, so nothing was changed. Make it writable, or set DATABASE_PATH to a writable copy.`;
}

function withStore<T>(config: Config, work: (store: Store, db: Database) => T): T {
  const db = openDatabase(config.databasePath);
  try {
    return work(createStore(db), db);
  } finally {
    db.close();
  }
}

/** The acts of the command line, each done by the one moderation service. */
type CliAct = 'approve' | 'unapprove' | 'spam' | 'delete';

const DONE_WORDS: Record<CliAct, (id: number) => string> = {
  approve: (id) => `Approved comment ${id}.`,
  unapprove: (id) => `Unapproved comment ${id}: it is pending again.`,
  spam: (id) => `Marked as spam: comment ${id}.`,
  delete: (id) => `Deleted comment ${id}.`,
};

async function moderate({ config, positionals }: Call, act: CliAct): Promise<number> {
  const id = commentId(act, positionals[0]);
  // An approval queues mail in the database, as the dashboard's does; the running server's
  // worker sends it.
  const [{ setUpMail }, { createAdminStore }, { createModeration }] = await Promise.all([
    import('./mail/mailer.ts'),
    import('./storage/admin-store.ts'),
    import('./moderation/service.ts'),
  ]);
  return withStore(config, (store, db) => {
    // Refused before the comment is looked for, as the write itself would be: a read-only
    // database says so, not that some comment is missing.
    if (db.readonly)
      throw new BetterSqlite3.SqliteError(
        'attempt to write a readonly database',
        'SQLITE_READONLY',
      );
    const { notifier } = setUpMail(config, store, db);
    const moderation = createModeration({
      store,
      adminStore: createAdminStore(db),
      notifier,
      now: () => new Date(),
    });
    const outcome = moderation.act(id, act);
    if (outcome.result === 'missing') return notFound(id);
    if (outcome.result === 'not_applicable') {
      console.error(
        `Comment ${id} is not approved (it is ${outcome.status}), so it cannot be unapproved.`,
      );
      return 1;
    }
    if (act === 'delete' && outcome.result === 'changed' && !outcome.removed)
      console.log(`Deleted comment ${id}; its replies stay, under a "deleted" placeholder.`);
    else console.log(DONE_WORDS[act](id));
    return 0;
  });
}

/** The comment a moderation command names. */
function commentId(action: CliAct, word: string | undefined): number {
  const id = Number(word);
  if (!Number.isInteger(id) || id < 1)
    throw new UsageError(`"comments ${action}" needs a comment ID.`, helpOf(`comments ${action}`));
  return id;
}

/** The address a personal-data command names. */
function emailOf(action: 'export' | 'erase', word: string | undefined): string {
  const email = word?.trim();
  if (!email)
    throw new UsageError(`"data ${action}" needs an email address.`, helpOf(`data ${action}`));
  return email;
}

/** `--status` and `--limit` of `comments list`. */
function listOptions(values: Call['values']): { status: StoredStatus; limit: number } {
  const status = (values.status ?? 'pending') as StoredStatus;
  if (!STATUSES.includes(status))
    throw new UsageError(
      `--status must be one of ${STATUSES.join(', ')}.`,
      helpOf('comments list'),
    );
  const limit = Number(values.limit ?? '50');
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError('--limit must be a positive whole number.', helpOf('comments list'));
  return { status, limit };
}

/** `--map-origin OLD=NEW` of `import wordpress`. */
function mapOriginOf(values: Call['values']): { from: string; to: string } | undefined {
  const given = values['map-origin'];
  if (typeof given !== 'string') return undefined;
  const [from, to, ...extra] = given.split('=');
  if (!from || !to || extra.length > 0 || !/^https?:\/\//.test(from) || !/^https?:\/\//.test(to))
    throw new UsageError(
      '--map-origin must look like https://old.example.com=https://new.example.com.',
      helpOf('import wordpress'),
    );
  return { from, to };
}

/** The reader's rights over their data: a copy of it, or its erasure. */
async function personalData(
  { config, positionals }: Call,
  action: 'export' | 'erase',
): Promise<number> {
  const { createMailStore } = await import('./storage/mail-store.ts');
  const { exportPersonalData, erasePersonalData } = await import('./comments/personal-data.ts');
  const email = emailOf(action, positionals[0]);
  return withStore(config, (store, db) => {
    if (action === 'export') {
      console.log(JSON.stringify(exportPersonalData(store, email), null, 2));
      return 0;
    }
    const erased = erasePersonalData(store, createMailStore(db), email, new Date());
    console.log(`Erased ${erased} comment${erased === 1 ? '' : 's'} stored for ${email}.`);
    return 0;
  });
}

/** `backup PATH [--force]`: an online copy with SQLite's backup API. */
async function backup({ config, values, positionals }: Call): Promise<number> {
  const { BackupRefused, backupDatabase, formatBytes } = await import('./storage/backup.ts');
  try {
    const result = await backupDatabase(config.databasePath, positionals[0] as string, {
      force: values.force === true,
    });
    console.log(
      `Backed up ${result.comments} comment${result.comments === 1 ? '' : 's'} to ${result.path} (${formatBytes(result.bytes)}).`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof BackupRefused)) throw error;
    console.error(error.message);
    return 1;
  }
}

/** `import json FILE`: all of it in one transaction, or nothing. */
async function importJson(config: Config, file: string): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  const { importSite, parseExport } = await import('./import/export-json.ts');
  const { runImportCommand } = await import('./import/import-writer.ts');
  return runImportCommand(file, () => {
    const document = parseExport(text);
    return withStore(config, (_store, db) => describeImport(file, importSite(db, document)));
  });
}

/** `import wordpress FILE.xml`: streamed into one transaction, item by item, or nothing. */
async function importWordPressFile(
  config: Config,
  file: string,
  values: Call['values'],
): Promise<number> {
  const mapOrigin = mapOriginOf(values);
  const {
    describeWordPressImport,
    describeWordPressProgress,
    importWordPressFile: streamWordPressImport,
  } = await import('./import/wordpress.ts');
  const { runImportCommand } = await import('./import/import-writer.ts');
  return runImportCommand(file, async () => {
    // A large export takes a while; a terminal sees one line update (a log file would not want it).
    const started = Date.now();
    let shown = 0;
    const progress = process.stderr.isTTY
      ? (read: Parameters<typeof describeWordPressProgress>[0]) => {
          const now = Date.now();
          if (now - shown < 200 && read.bytesRead < read.totalBytes) return;
          shown = now;
          process.stderr.write(`\r\x1b[K${describeWordPressProgress(read, now - started)}`);
        }
      : undefined;
    const db = openDatabase(config.databasePath);
    try {
      const result = await streamWordPressImport(
        db,
        file,
        { mapOrigin, withPingbacks: values['with-pingbacks'] === true },
        progress,
      ).finally(() => {
        if (progress) process.stderr.write('\n');
      });
      return describeWordPressImport(file, result);
    } finally {
      db.close();
    }
  });
}

function describeImport(file: string, { added, skipped }: ImportResult): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const already = skipped.comments + skipped.pages + skipped.settings + skipped.subscribers;
  return (
    `Imported ${count(added.comments, 'comment', 'comments')}, ${count(added.pages, 'page', 'pages')}, ` +
    `${count(added.settings, 'setting', 'settings')} and ${count(added.subscribers, 'subscriber', 'subscribers')} from ${file}` +
    (already > 0 ? `; ${count(already, 'row was', 'rows were')} already there, identical.` : '.')
  );
}

/** What a terminal in raw mode sends for Ctrl+C. */
const CTRL_C = String.fromCharCode(3);

/** Reads the password: typed at a hidden prompt, or the first line piped in; null if cancelled. */
async function readPassword(input: NodeJS.ReadableStream): Promise<string | null> {
  const terminal = input as NodeJS.ReadStream;
  if (terminal.isTTY) process.stdout.write('New dashboard password (not shown): ');
  terminal.setRawMode?.(true);
  let typed = '';
  try {
    for await (const chunk of input) {
      typed += chunk.toString();
      if (/[\r\n]/.test(typed) || typed.includes(CTRL_C)) break;
    }
  } finally {
    terminal.setRawMode?.(false);
    if (terminal.isTTY) process.stdout.write('\n');
  }
  if (typed.includes(CTRL_C)) return null;
  return typed.split(/\r?\n|\r/)[0] ?? '';
}

async function setPassword(config: Config, password: string): Promise<number> {
  if (password.length < 8) {
    console.error('The password must be at least 8 characters long.');
    return 1;
  }
  const hash = await hashPassword(password);
  withStore(config, (store, db) => replacePassword(store, createSessionStore(db), hash));
  console.log(
    'The dashboard password is set, and every dashboard session has ended. Sign in at /admin.',
  );
  return 0;
}

function notFound(id: number): number {
  console.error(`There is no comment with ID ${id}.`);
  return 1;
}

function listComments(store: Store, values: Call['values']): number {
  const { status, limit } = listOptions(values);
  const rows = store.listByStatus(status, limit);
  if (rows.length === 0) {
    console.log(`No ${status} comments.`);
    return 0;
  }
  for (const row of rows) console.log(describe(row));
  return 0;
}

function describe(row: ModeratedCommentRow): string {
  const excerpt = row.body.replace(/\s+/g, ' ').slice(0, 100);
  return [
    `#${row.id}  ${row.status}  ${row.created_at}  ${row.name} <${row.email}>`,
    `    on ${row.page_title ? `"${row.page_title}" ` : ''}${row.page_url}${row.parent_id ? `, replying to #${row.parent_id}` : ''}`,
    `    ${excerpt}${row.body.length > 100 ? '…' : ''}`,
  ].join('\n');
}

/** Entry point of the `leave-a-reply` command: runs it and sets the exit code. */
export async function main(args: string[]): Promise<void> {
  try {
    process.exitCode = await runCli(args);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
