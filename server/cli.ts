/** The `leave-a-reply` command line: run the server, and moderate comments from a terminal. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Database } from 'better-sqlite3';
import { hashPassword, PASSWORD_SETTING } from './admin-session.ts';
import { type Config, loadConfig } from './config.ts';
import type { MailStore } from './db/mail-store.ts';
import { openDatabase } from './db/open.ts';
import {
  createStore,
  type ModeratedCommentRow,
  type Store,
  type StoredStatus,
} from './db/store.ts';
import type { ImportResult } from './export-json.ts';
import type { Notifier } from './notifier.ts';

// Each command imports what only it needs when it runs (the server, mail, the importers), so
// that a quick command such as `comments list` does not wait for Fastify or nodemailer to load.

const USAGE = `Usage: leave-a-reply <command>

Commands:
  serve                                   start the server (PORT, HOST, DATABASE_PATH, ...)
  comments list [--status S] [--limit N]  list comments; S is pending (default), approved, spam, trash or deleted
  comments approve ID                     approve a held comment
  comments spam ID                        mark a comment as spam
  comments delete ID                      delete a comment
  data export EMAIL                       print, as JSON, everything stored for an email address
  data erase EMAIL                        erase everything stored for an email address
  admin set-password                      set the dashboard's password (read from standard input)
  backup PATH [--force]                   copy the database to PATH while the server runs
  export                                  print every page, comment, setting and subscriber as JSON
  import json FILE                        read an export into the database, in one transaction
  import disqus FILE.xml                  read a Disqus export's comments, in one transaction
  import isso FILE.json [--origin URL]    read an Isso generic JSON file's comments, in one transaction
  import wordpress FILE.xml [--map-origin OLD=NEW] [--with-pingbacks]
                                          read a WordPress export's comments, in one transaction
  help                                    show this text

Settings come from the environment; see README.md.`;

const STATUSES: readonly StoredStatus[] = ['pending', 'approved', 'spam', 'trash', 'deleted'];

class UsageError extends Error {}

/** Runs one command; returns the process exit code. */
export async function runCli(
  args: string[],
  config: Config = loadConfig(),
  input: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const [command, action, ...rest] = args;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  try {
    if (command === 'serve') {
      const { startServer } = await import('./main.ts');
      await startServer(config);
      return 0;
    }
    if (command === 'comments') {
      // Approving queues reply mail in the database; the running server's worker sends it.
      const { setUpMail } = await import('./mail/mailer.ts');
      return withStore(config, (store, db) =>
        moderate(store, setUpMail(config, store, db).notifier, action, rest),
      );
    }
    if (command === 'admin') {
      if (action !== 'set-password') throw new UsageError('Use "admin set-password".');
      const password = await readPassword(input);
      return withStore(config, (store) => setPassword(store, password));
    }
    if (command === 'data') {
      const { createMailStore } = await import('./db/mail-store.ts');
      const personal = await import('./personal-data.ts');
      return withStore(config, (store, db) =>
        personalData(personal, store, createMailStore(db), action, rest),
      );
    }
    if (command === 'backup') return await backup(config, args.slice(1));
    if (command === 'export') {
      const { exportSite, formatExport } = await import('./export-json.ts');
      return withStore(config, (_store, db) => {
        console.log(formatExport(exportSite(db)));
        return 0;
      });
    }
    if (command === 'import') {
      if (action === 'disqus') {
        const { runDisqusImport } = await import('./import/disqus.ts');
        return await runDisqusImport(config.databasePath, rest);
      }
      if (action === 'isso') {
        const { runIssoImport } = await import('./import/isso.ts');
        return await runIssoImport(config.databasePath, rest);
      }
      if (action === 'wordpress') return await importWordPressFile(config, rest);
      if (action !== 'json' || !rest[0]) throw new UsageError('Use "import json FILE".');
      return await importJson(config, rest[0]);
    }
    throw new UsageError(`Unknown command "${command}".`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
}

function withStore<T>(config: Config, work: (store: Store, db: Database) => T): T {
  const db = openDatabase(config.databasePath);
  try {
    return work(createStore(db), db);
  } finally {
    db.close();
  }
}

function moderate(
  store: Store,
  notifier: Notifier,
  action: string | undefined,
  rest: string[],
): number {
  if (action === 'list') return listComments(store, rest);
  if (action === 'approve' || action === 'spam' || action === 'delete') {
    const id = Number(rest[0]);
    if (!Number.isInteger(id) || id < 1)
      throw new UsageError(`"comments ${action}" needs a comment ID.`);
    const now = new Date().toISOString();
    if (action === 'delete') {
      if (!store.findComment(id)) return notFound(id);
      const outcome = store.deleteComment(id, now);
      console.log(
        outcome === 'removed'
          ? `Deleted comment ${id}.`
          : `Deleted comment ${id}; its replies stay, under a "deleted" placeholder.`,
      );
      return 0;
    }
    const before = store.findComment(id);
    const row = store.setStatus(id, action === 'approve' ? 'approved' : 'spam', now);
    if (!row) return notFound(id);
    if (row.status === 'approved' && before?.status !== 'approved') notifier.commentApproved(row);
    console.log(`${action === 'approve' ? 'Approved' : 'Marked as spam:'} comment ${id}.`);
    return 0;
  }
  throw new UsageError(`Unknown action "comments ${action ?? ''}".`);
}

/** The reader's rights over their data: a copy of it, or its erasure. */
function personalData(
  { exportPersonalData, erasePersonalData }: typeof import('./personal-data.ts'),
  store: Store,
  mailStore: MailStore,
  action: string | undefined,
  rest: string[],
): number {
  const email = rest[0]?.trim();
  if ((action !== 'export' && action !== 'erase') || !email)
    throw new UsageError('Use "data export EMAIL" or "data erase EMAIL".');
  if (action === 'export') {
    console.log(JSON.stringify(exportPersonalData(store, email), null, 2));
    return 0;
  }
  const erased = erasePersonalData(store, mailStore, email, new Date());
  console.log(`Erased ${erased} comment${erased === 1 ? '' : 's'} stored for ${email}.`);
  return 0;
}

/** `backup PATH [--force]`: an online copy with SQLite's backup API. */
async function backup(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { force: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const target = positionals[0];
  if (!target || positionals.length > 1) throw new UsageError('Use "backup PATH [--force]".');
  const { BackupRefused, backupDatabase, formatBytes } = await import('./backup.ts');
  try {
    const result = await backupDatabase(config.databasePath, target, { force: values.force });
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
  const { ImportError, importSite, parseExport } = await import('./export-json.ts');
  const { runImportCommand } = await import('./import/import-writer.ts');
  return runImportCommand(file, ImportError, () => {
    const document = parseExport(text);
    return withStore(config, (_store, db) => describeImport(file, importSite(db, document)));
  });
}

/** `import wordpress FILE.xml`: streamed into one transaction, item by item, or nothing. */
async function importWordPressFile(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'map-origin': { type: 'string' },
      'with-pingbacks': { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new UsageError(
      'Use "import wordpress FILE.xml [--map-origin OLD=NEW] [--with-pingbacks]".',
    );
  let mapOrigin: { from: string; to: string } | undefined;
  if (values['map-origin'] !== undefined) {
    const [from, to, ...extra] = values['map-origin'].split('=');
    if (!from || !to || extra.length > 0 || !/^https?:\/\//.test(from) || !/^https?:\/\//.test(to))
      throw new UsageError(
        '--map-origin must look like https://old.example.com=https://new.example.com.',
      );
    mapOrigin = { from, to };
  }
  const {
    describeWordPressImport,
    describeWordPressProgress,
    importWordPressFile: streamWordPressImport,
    WordPressImportError,
  } = await import('./import/wordpress.ts');
  const { runImportCommand } = await import('./import/import-writer.ts');
  return runImportCommand(file, WordPressImportError, async () => {
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
        { mapOrigin, withPingbacks: values['with-pingbacks'] },
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

/** Reads the password: typed at a hidden prompt, or the first line piped in. */
async function readPassword(input: NodeJS.ReadableStream): Promise<string> {
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
  if (typed.includes(CTRL_C)) throw new UsageError('Cancelled.');
  return typed.split(/\r?\n|\r/)[0] ?? '';
}

function setPassword(store: Store, password: string): number {
  if (password.length < 8) {
    console.error('The password must be at least 8 characters long.');
    return 1;
  }
  store.setSetting(PASSWORD_SETTING, hashPassword(password));
  console.log('The dashboard password is set. Sign in at /admin.');
  return 0;
}

function notFound(id: number): number {
  console.error(`There is no comment with ID ${id}.`);
  return 1;
}

function listComments(store: Store, args: string[]): number {
  const { values } = parseArgs({
    args,
    options: {
      status: { type: 'string', default: 'pending' },
      limit: { type: 'string', default: '50' },
    },
  });
  const status = values.status as StoredStatus;
  if (!STATUSES.includes(status))
    throw new UsageError(`--status must be one of ${STATUSES.join(', ')}.`);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError('--limit must be a positive whole number.');

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
