/**
 * The store on PostgreSQL: pages, comments, authors and settings, each concern's statements in a
 * module of its own beside its SQLite twin; this file only puts them together, as ../store.ts
 * does. Cheap to make: the statements are module constants, so a transaction's store is a set of
 * closures over its connection, and each connection prepares a statement once, by its name.
 */
import type { Storage } from '../storage.ts';
import { AUTHOR_STATEMENTS, createPgAuthors } from './authors.ts';
import { createPgCommentReads, READ_STATEMENTS } from './comment-reads.ts';
import { createPgCommentWrites, WRITE_STATEMENTS } from './comment-writes.ts';
import { type Connection, sourcesOf } from './connection.ts';
import { createPgPages, PAGE_STATEMENTS } from './pages.ts';
import { createPgSettings, SETTING_STATEMENTS } from './settings.ts';
import { createPgThreadPages, THREAD_STATEMENTS } from './thread-pages.ts';

const SOURCES = sourcesOf(
  SETTING_STATEMENTS,
  PAGE_STATEMENTS,
  THREAD_STATEMENTS,
  READ_STATEMENTS,
  AUTHOR_STATEMENTS,
  WRITE_STATEMENTS,
);

/** The store whose statements run on `connection`: the pool, or one transaction's connection. */
export function createPgStore(connection: Connection): Storage['store'] {
  return {
    /** The SQL of every statement, by name, so that tests can check each one's query plan. */
    statementSources: async () => ({ ...SOURCES }),
    ...createPgSettings(connection),
    ...createPgPages(connection),
    ...createPgThreadPages(connection),
    ...createPgCommentReads(connection),
    ...createPgAuthors(connection),
    ...createPgCommentWrites(connection),
  };
}
