/**
 * The `leave-a-reply` command line: run the server, and moderate comments from a terminal. Every
 * command is a row of one table; its handler, under cli/, is imported only when it runs, so that
 * a quick command such as `comments list` does not wait for Fastify or nodemailer to load.
 */
import { statSync } from 'node:fs';
import { version } from '../package.json';
import { COMMENT_STATUSES } from '../shared/statuses.ts';
import type { Command, Handler } from './cli/command.ts';
import type { CliAct } from './cli/comments.ts';
import { describeCommand, describeCommands } from './cli/help.ts';
import { asksForHelp, commandsNamed, findCommand, helpFor, parseCall } from './cli/parse.ts';
import type { Right } from './cli/personal-data.ts';
import { type Config, loadConfig } from './config.ts';
import { UsageError } from './errors.ts';
import { databaseName } from './storage/database-name.ts';

/** What a member of a family of commands says of itself: its summary and its own help's text. */
type Texts = readonly [summary: string, about: string];

/**
 * The rows `GROUP WORD ARG` of one family, which share one handler told which WORD it runs as:
 * `comments approve ID`, `data erase EMAIL`.
 */
function familyOf<Word extends string>(
  group: string,
  positional: string,
  handlerOf: (word: Word) => Promise<Handler>,
  members: Readonly<Record<Word, Texts>>,
): Command[] {
  return (Object.entries(members) as [Word, Texts][]).map(([word, [summary, about]]) => ({
    words: `${group} ${word}`,
    positionals: [positional],
    summary,
    about,
    load: () => handlerOf(word),
  }));
}

/** `comments ACT ID`: each act is done by the one moderation service. */
const loadModeration = async (act: CliAct) => (await import('./cli/comments.ts')).moderate(act);
/** `pages open KEY`, `pages close KEY`: the site owner's word on one page. */
const loadPageOpening = async (word: 'open' | 'close') =>
  (await import('./cli/pages.ts')).setOpen(word);
/** `data RIGHT EMAIL`: a reader's rights over what is stored for their address. */
const loadPersonalData = async (right: Right) =>
  (await import('./cli/personal-data.ts')).personalData(right);

const COMMANDS: readonly Command[] = [
  {
    words: 'serve',
    positionals: [],
    summary: 'start the server (PORT, HOST, DATABASE_PATH, ...)',
    about:
      'Starts the server: the widget at /embed.js, the API under /api and the dashboard at /admin.\n' +
      'Settings come from the environment (PORT, HOST, DATABASE_PATH, SITE_ORIGINS, SMTP_URL, ...;\n' +
      'see "Settings" in README.md), e.g. PORT=3000 leave-a-reply serve.',
    database: 'created',
    load: async () => (await import('./cli/serve.ts')).serve,
  },
  {
    words: 'comments list',
    positionals: [],
    options: {
      status: {
        type: 'string',
        value: 'S',
        help: `pending (default), ${COMMENT_STATUSES.slice(1, -1).join(', ')} or deleted`,
      },
      limit: { type: 'string', value: 'N', help: 'at most N comments (default 50)' },
    },
    summary: 'list comments; S is pending (default), approved, spam, trash or deleted',
    about: 'Lists comments, newest first, with their author, email, page and text.',
    load: async () => (await import('./cli/comments.ts')).list,
  },
  ...familyOf('comments', 'ID', loadModeration, {
    approve: [
      'approve a held comment',
      'Approves a held comment: it appears in its thread, and readers waiting for replies to the\n' +
        'comment it answers are mailed (the running server sends the mail).',
    ],
    unapprove: [
      'send an approved comment back to pending',
      'Unapproves an approved comment: it leaves its thread at once and waits in the Pending queue\n' +
        'until it is approved again. A comment that is not approved is left as it is (exit code 1).',
    ],
    spam: [
      'mark a comment as spam',
      'Marks a comment as spam: it leaves its thread, and stays in the Spam queue.',
    ],
    delete: [
      'delete a comment',
      'Deletes a comment for good. One that has replies leaves a "This comment was deleted."\n' +
        'placeholder, emptied of everything its author wrote, so that the replies stay in their thread.',
    ],
  }),
  {
    words: 'pages list',
    positionals: [],
    summary: 'list pages: whether each takes comments, when it was published',
    about:
      'Lists every page by address: open or closed to new comments (and whether by hand), when it\n' +
      'was published, its approved comments, its key and title.',
    load: async () => (await import('./cli/pages.ts')).list,
  },
  ...familyOf('pages', 'KEY', loadPageOpening, {
    close: [
      'close a page to new comments',
      'Closes a page to new comments, replies and likes, whatever CLOSE_AFTER_DAYS says; its comments\n' +
        'stay shown. KEY is the key "pages list" shows, or the page\'s address.',
    ],
    open: [
      'open a page to new comments',
      'Opens a page to new comments, whatever CLOSE_AFTER_DAYS says (its site must still be one of\n' +
        'SITE_ORIGINS). KEY is the key "pages list" shows, or the page\'s address.',
    ],
  }),
  ...familyOf('data', 'EMAIL', loadPersonalData, {
    export: [
      'print, as JSON, everything stored for an email address',
      'Prints, as JSON on standard output, everything stored for EMAIL: its comments and its mail\n' +
        'subscription (for a request under the GDPR), e.g. leave-a-reply data export ann@example.com > ann.json',
    ],
    erase: [
      'erase everything stored for an email address',
      'Erases every comment stored for EMAIL (one with replies keeps an empty placeholder), its mail\n' +
        'subscription, and the mail queued or sent to it or about its comments.',
    ],
  }),
  {
    words: 'admin set-password',
    positionals: [],
    summary: "set the dashboard's password (read from standard input)",
    about:
      "Sets the dashboard's password (at least 8 characters): asked for without showing it, or the\n" +
      'first line piped in. Only a salted scrypt hash is stored. Every dashboard session ends: signed-in\n' +
      'browsers must sign in again with the new password.',
    load: async () => (await import('./cli/admin.ts')).setPassword,
  },
  {
    words: 'backup',
    positionals: ['PATH'],
    options: { force: { type: 'boolean', help: 'overwrite PATH if it exists' } },
    summary: 'copy the database to PATH while the server runs',
    about:
      "Copies the database to PATH with SQLite's online backup API, while the server runs. PATH's\n" +
      'folder must exist. The copy is written beside PATH and renamed into place, and only its owner\n' +
      'may read it (mode 0600).',
    load: async () => (await import('./cli/backup.ts')).backup,
  },
  {
    words: 'copy',
    positionals: [],
    options: {
      from: {
        type: 'string',
        value: 'SOURCE',
        help: 'a SQLite file (default: DATABASE_PATH), or postgres://USER:PASSWORD@HOST:PORT/DB',
      },
      to: {
        type: 'string',
        value: 'TARGET',
        help: 'postgres://USER:PASSWORD@HOST:PORT/DB, or a SQLite file when SOURCE is PostgreSQL',
      },
    },
    summary: 'copy every table between SQLite and PostgreSQL, then check the copy',
    about:
      'Copies every table, ids kept, from SQLite to PostgreSQL or back, in one transaction, into an\n' +
      'empty database (a new SQLite file, or a PostgreSQL database whose tables it creates), then\n' +
      'compares each table with its source by rows and checksum (exit code 1 if any differs), e.g.\n' +
      'leave-a-reply copy --to postgres://reply@localhost/comments',
    database: 'created',
    load: async () => (await import('./cli/copy.ts')).copy,
  },
  {
    words: 'export',
    positionals: [],
    summary: 'print every page, comment, setting and subscriber as JSON',
    about:
      'Prints every page, comment, setting and mail subscriber as one JSON document on standard\n' +
      "output, e.g. leave-a-reply export > all.json. It holds email addresses and the server's keys:\n" +
      'keep the file as private as the database.',
    load: async () => (await import('./cli/export.ts')).exportAll,
  },
  {
    words: 'import json',
    positionals: ['FILE'],
    summary: 'read an export into the database, in one transaction',
    about:
      'Reads a file made by "leave-a-reply export" into the database, in one transaction: all of it,\n' +
      'or nothing. Import into a new database, before the server first starts.',
    database: 'created',
    load: async () => (await import('./cli/import.ts')).importJson,
  },
  {
    words: 'import disqus',
    positionals: ['FILE.xml'],
    summary: "read a Disqus export's comments, in one transaction",
    about: "Reads a Disqus export's comments into the database, in one transaction: all, or none.",
    database: 'created',
    load: async () => (await import('./cli/import.ts')).importDisqus,
  },
  {
    words: 'import isso',
    positionals: ['FILE.json'],
    options: {
      origin: {
        type: 'string',
        value: 'URL',
        help: "the site's origin, needed when thread ids are paths like /blog/post/",
      },
    },
    summary: "read an Isso generic JSON file's comments, in one transaction",
    about:
      'Reads an Isso "generic" JSON file\'s comments into the database, in one transaction: all, or none.',
    database: 'created',
    load: async () => (await import('./cli/import.ts')).importIsso,
  },
  {
    words: 'import wordpress',
    positionals: ['FILE.xml'],
    options: {
      'map-origin': {
        type: 'string',
        value: 'OLD=NEW',
        help: "replace the origin of each post's permalink, e.g. https://old.example.com=https://new.example.com",
      },
      'with-pingbacks': { type: 'boolean', help: 'import pingbacks and trackbacks too' },
    },
    summary: "read a WordPress export's comments, in one transaction",
    about:
      "Reads a WordPress export's comments (Tools > Export > All content) into the database, streamed,\n" +
      'in one transaction: all, or none.',
    database: 'created',
    load: async () => (await import('./cli/import.ts')).importWordPress,
  },
];

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

/** The help that `args` ask for, if they ask for help: the overview, a group's, or a command's. */
function helpAskedFor(args: string[]): string | undefined {
  const [first] = args;
  if (!first || first === '--help' || first === '-h') return describeCommands(COMMANDS);
  if (first === 'help') return helpFor(COMMANDS, args.slice(1));
  if (commandsNamed(COMMANDS, [first]).length > 1 && asksForHelp(args.slice(1, 2)))
    return helpFor(COMMANDS, [first]);
  return undefined;
}

/** Runs one command; returns the process exit code. `config` is read from the environment when not given. */
export async function runCli(
  args: string[],
  config?: Config,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  if (args[0] === '--version' || args[0] === '-v') {
    console.log(version);
    return 0;
  }
  let database = '';
  let command: Command | undefined;
  try {
    const help = helpAskedFor(args);
    if (help !== undefined) {
      console.log(help);
      return 0;
    }
    const found = findCommand(COMMANDS, args);
    command = found.command;
    if (asksForHelp(found.rest)) {
      console.log(describeCommand(command));
      return 0;
    }
    const call = parseCall(command, found.rest);
    const handler = await command.load();
    handler.check?.(call);
    const settings = config ?? loadConfig();
    database = databaseName(settings);
    if (!settings.databaseUrl && command.database !== 'created' && databaseIsMissing(database)) {
      console.error(
        `There is no database at ${database}. Set DATABASE_PATH to your site's database, or run "leave-a-reply serve" once to create one.`,
      );
      return 1;
    }
    // Notes about the run go to standard error, so that what a command prints stays pure (JSON).
    // The server names its database in the line that says where it runs.
    if (command.words !== 'serve') process.stderr.write(`Database: ${database}\n`);
    return await handler.run({ ...call, config: settings, input });
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.help ?? (command ? describeCommand(command) : describeCommands(COMMANDS));
      console.error(`${error.message}\n\n${help}`);
      return 2;
    }
    // Loaded only now: a command that went well never waits for what explains a failure.
    const { describeStorageFailure } = await import('./cli/storage.ts');
    const refusal = describeStorageFailure(error, command?.words, database);
    if (refusal === undefined) throw error;
    console.error(refusal);
    return 1;
  }
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
