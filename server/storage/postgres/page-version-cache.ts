/**
 * Page versions answered from memory, for instances that share one PostgreSQL database. A kept
 * version is good until the database says the page changed: every change to a page's row sends
 * a notification on commit (the schema's `pages_notify` trigger, channel `page_changes`, the
 * page's key as payload), which a connection of its own listens to. While that connection is
 * not listening (not yet connected, or lost with the server) nothing is kept: every version is
 * read from the database, so that no instance answers from a memory that may have missed a
 * change made through another.
 */
import pg from 'pg';
import type { PageVersion } from '../rows.ts';

/** More pages than any site reads between two changes; beyond it the memory starts afresh. */
const MAX_KEPT = 10_000;
/** How long to wait before listening again after the connection was lost. */
const RELISTEN_MS = 1_000;
export const PAGE_CHANGES_CHANNEL = 'page_changes';

export interface PageVersionCache {
  version(key: string): Promise<PageVersion | null>;
  /**
   * Forgets every kept version: this instance wrote. Its own writes must show in its next read
   * at once, not once their notification has come back.
   */
  forget(): void;
  close(): Promise<void>;
}

export function createPageVersionCache(
  url: string,
  read: (key: string) => Promise<PageVersion | null>,
): PageVersionCache {
  const kept = new Map<string, PageVersion | null>();
  let listener: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  /** Notifications heard so far: a version read while one came may be older than it. */
  let heard = 0;

  function lost(): void {
    listening = false;
    kept.clear();
    const client = listener;
    listener = null;
    client?.removeAllListeners();
    client?.end().catch(() => undefined);
    if (!closed) retry = setTimeout(listen, RELISTEN_MS).unref();
  }

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    listener = client;
    client.on('error', lost);
    client.on('end', () => {
      if (listener === client) lost();
    });
    client.on('notification', ({ payload }) => {
      heard++;
      if (payload === undefined || payload === '') kept.clear();
      else kept.delete(payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${PAGE_CHANGES_CHANNEL}`);
      if (closed || listener !== client) {
        await client.end();
        return;
      }
      // What was read before listening may have changed unheard: start afresh.
      kept.clear();
      listening = true;
    } catch {
      if (listener === client) lost();
    }
  }

  void listen();

  return {
    async version(key) {
      if (!listening) return read(key);
      const known = kept.get(key);
      if (known !== undefined) return known;
      const before = heard;
      const version = await read(key);
      // A notification that came while reading may be about the version just read, read
      // before its change committed: keep it only if nothing was heard meanwhile.
      if (listening && heard === before) {
        if (kept.size >= MAX_KEPT) kept.clear();
        kept.set(key, version);
      }
      return version;
    },
    forget() {
      heard++;
      kept.clear();
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const client = listener;
      listener = null;
      listening = false;
      if (client) {
        client.removeAllListeners();
        await client.end().catch(() => undefined);
      }
    },
  };
}
