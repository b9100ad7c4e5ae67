/**
 * The store: every query the server runs on pages, comments and settings, prepared once, behind
 * typed methods, one object made by `createStore(db)`. Each concern keeps its SQL in a module of
 * its own (settings, pages, thread pages, one comment's reads, authors, comment writes); this
 * file only puts them together.
 *
 * The rule that lets another engine (PostgreSQL, whose every call is asynchronous) stand in for
 * this one without callers changing their logic: a caller never reads back, inside a
 * transaction, what it wrote there through another call; a method that writes returns what it
 * wrote (`RETURNING`), and reads what it needs of its own writes inside itself. The methods are
 * synchronous here; storage.ts's `Storage` offers them to callers as promises.
 */
import type { Database } from 'better-sqlite3';
import { createAuthors } from './authors.ts';
import { createCommentReads } from './comment-reads.ts';
import { createCommentWrites } from './comment-writes.ts';
import { createPages } from './pages.ts';
import { sourcesOf } from './rows.ts';
import { createSettings } from './settings.ts';
import { createThreadPages } from './thread-pages.ts';

export type {
  CommentRow,
  ModeratedCommentRow,
  NewCommentRow,
  PageRow,
  PageVersion,
  Position,
  StoredStatus,
  ThreadCursor,
} from './rows.ts';

export type Store = ReturnType<typeof createStore>;

/** Prepares the statements once; routes and the CLI call these methods, never `db.prepare`. */
export function createStore(db: Database) {
  const { statements: settingStatements, ...settings } = createSettings(db);
  const { statements: pageStatements, naming, ...pages } = createPages(db);
  const { statements: threadStatements, ...threads } = createThreadPages(db);
  const { statements: readStatements, ...comments } = createCommentReads(db);
  const { statements: authorStatements, ...authors } = createAuthors(db);
  const { statements: writeStatements, ...writes } = createCommentWrites(db, {
    comments,
    authors,
    pages: naming,
  });

  return {
    /** The SQL of every statement, by name, so that tests can check each one's query plan. */
    statementSources(): Record<string, string> {
      return sourcesOf(
        settingStatements,
        pageStatements,
        threadStatements,
        readStatements,
        authorStatements,
        writeStatements,
      );
    },
    ...settings,
    ...pages,
    ...threads,
    ...comments,
    ...authors,
    ...writes,
  };
}
