/**
 * Posting under load with the spam defences on: the form's minimum age, link counting, hold and
 * block words, the duplicate check and the honeypot all run for every comment. Two defences are
 * set aside, because one client on loopback is not what they guard against: the per-client
 * flood pause (FLOOD_SECONDS=0) and the per-minute write limit (RATE_LIMIT_PER_MINUTE=0).
 */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { loadConfig } from '../server/config.ts';
import { type LoadResult, measureLoad } from './load.ts';
import { commentBody } from './seed.ts';
import { delay, withApp } from './server-process.ts';

export const POST_LOAD = { connections: 50, seconds: 10, warmUpSeconds: 3 };
/** Comments go to this many pages, from this many authors, so no page or author is special. */
const PAGES = 500;
const AUTHORS = 1000;

export const POST_SETTINGS = {
  FLOOD_SECONDS: '0',
  RATE_LIMIT_PER_MINUTE: '0',
  HOLD_WORDS: 'casino,crypto giveaway,payday loan',
  BLOCK_WORDS: 'buy followers,cheap pills',
  BLOCK_EMAILS: '@spam.example',
};

export interface PostThroughputResult extends LoadResult {
  /** 201s per second in the measured run: comments stored, published or held. */
  acceptedPerSecond: number;
  /** 201s counted in all: the first probe, the warm-up and the measured run. */
  acceptedInAll: number;
  /** Rows in the database once the server has stopped, by status. */
  stored: Record<string, number>;
  storedTotal: number;
}

/** The n-th comment of the load test: its own text, so that none is a duplicate. */
function newComment(n: number, form: string) {
  const page = n % PAGES;
  const author = n % AUTHORS;
  let body = commentBody(n);
  // One in ten carries a link (rendered and counted), one in fifty a held word.
  if (n % 10 === 0) body += ` More on this at https://notes.example.com/${n}.`;
  if (n % 50 === 0) body += ' Also: casino bonus inside.';
  return {
    url: `http://localhost:8080/posts/${page}`,
    title: `Post ${page}`,
    name: `Reader ${author}`,
    email: `reader${author}@example.com`,
    website: n % 4 === 0 ? `https://reader${author}.example.com` : '',
    body,
    form,
  };
}

export async function measurePostThroughput(workDir: string): Promise<PostThroughputResult> {
  const databasePath = join(workDir, 'post-throughput.db');
  const settings = { DATABASE_PATH: databasePath, ...POST_SETTINGS };
  const minSubmitSeconds = loadConfig(settings).minSubmitSeconds;

  const measured = await withApp(settings, async (server) => {
    const thread = await fetch(
      `${server.origin}/api/comments?url=${encodeURIComponent(newComment(0, '').url)}`,
    );
    const { form } = (await thread.json()) as { form: string };
    // A form token says when the form was shown; the server takes no comment from a form
    // younger than MIN_SUBMIT_SECONDS. One token, once old enough, serves every request.
    const issuedAt = Number(form.split('.')[0]) * 1000;
    await delay(Math.max(0, issuedAt + minSubmitSeconds * 1000 + 100 - Date.now()));

    let posted = 0;
    const post = (n: number) =>
      fetch(`${server.origin}/api/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(newComment(n, form)),
      });
    const probe = await post(posted++);
    if (probe.status !== 201)
      throw new Error(`a first post got ${probe.status}: ${await probe.text()}`);

    return measureLoad(server, {
      path: '/api/comments',
      ...POST_LOAD,
      requests: [
        {
          method: 'POST',
          path: '/api/comments',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify(newComment(posted++, form)),
          }),
        },
      ],
    });
  });

  // Read after the server has closed the database, so that every commit is in the file.
  const db = new BetterSqlite3(databasePath, { readonly: true });
  const rows = db
    .prepare<[], { status: string; count: number }>(
      'SELECT status, count(*) AS count FROM comments GROUP BY status',
    )
    .all();
  db.close();
  const stored = Object.fromEntries(rows.map((row) => [row.status, row.count]));
  const accepted = measured.statuses['201'] ?? 0;
  return {
    ...measured,
    acceptedPerSecond: accepted / measured.seconds,
    acceptedInAll: 1 + (measured.warmUpStatuses['201'] ?? 0) + accepted,
    stored,
    storedTotal: rows.reduce((sum, row) => sum + row.count, 0),
  };
}
