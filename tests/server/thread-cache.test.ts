/**
 * The thread cache is bounded by what the site owner publishes: however readers (or an attacker)
 * spell a page's address, it keeps one answer per page, cursor and limit, and all of its answers
 * fit in THREAD_CACHE_MB.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createThreadAnswers, type Serialised } from '../../server/comments/thread-answers.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { useServerProcesses } from '../helpers/server-process.ts';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});
const servers = useServerProcesses();

const PAGE = 'http://localhost:8080/posts/long';

/** A text that compresses about as well as people's writing, unlike a repeated sentence. */
function prose(n: number, length: number): string {
  const words = ['bread', 'starter', 'flour', 'water', 'salt', 'oven', 'crumb', 'crust', 'rye'];
  let text = `Comment ${n}:`;
  for (let i = 0; text.length < length; i++)
    text += ` ${words[(n * 31 + i * i) % words.length]}${i % 97}`;
  return text.slice(0, length);
}

/** A page's address: page 0 is PAGE. */
const pageUrl = (n: number) => (n === 0 ? PAGE : `${PAGE}-${n}`);

/**
 * A database in a new folder with `pages` pages whose first answer is about 1 MB of JSON each:
 * 50 top-level comments (PAGE_SIZE), each with 4 replies, of 4 KB each.
 */
function databaseWithLongThreads(pages: number): string {
  dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-cache-'));
  const path = join(dir, 'comments.db');
  const db = openDatabase(path);
  const insertPage = db.prepare<[string, string], { id: number }>(
    "INSERT INTO pages (key, url, title, created_at) VALUES (?, ?, 'Long', '2024-01-01') RETURNING id",
  );
  const insert = db.prepare<unknown[], { id: number }>(
    `INSERT INTO comments (page_id, parent_id, root_id, depth, status, name, email, body, html,
       created_at)
     VALUES (?, ?, ?, ?, 'approved', 'Reader', 'reader@example.com', ?, ?, ?) RETURNING id`,
  );
  let n = 0;
  db.transaction(() => {
    for (let p = 0; p < pages; p++) {
      const page = (insertPage.get(pageUrl(p), pageUrl(p)) as { id: number }).id;
      const add = (parent: number | null) => {
        const body = prose(n, 4000);
        const created = new Date(Date.UTC(2024, 0, 1, 0, n++)).toISOString();
        const row = insert.get(
          page,
          parent,
          parent,
          parent ? 2 : 1,
          body,
          `<p>${body}</p>`,
          created,
        );
        return (row as { id: number }).id;
      };
      for (let i = 0; i < 50; i++) {
        const top = add(null);
        for (let j = 0; j < 4; j++) add(top);
      }
    }
  })();
  db.close();
  return path;
}

/** Resident memory of a process, in bytes, from /proc. */
function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) * 1024;
}

/** Reads a thread from `server` as a browser would, compressed; returns its size unpacked. */
async function read(address: string, url: string, encoding = 'br'): Promise<number> {
  const response = await fetch(`${address}/api/comments?url=${encodeURIComponent(url)}`, {
    headers: { 'accept-encoding': encoding },
  });
  expect(response.status).toBe(200);
  return (await response.arrayBuffer()).byteLength;
}

const MB = 1024 * 1024;
const METRICS_TOKEN = 'metrics-token-0123456789';

/** What the server says its thread cache keeps, from GET /metrics. */
async function cacheKept(address: string): Promise<{ answers: number; bytes: number }> {
  const response = await fetch(`${address}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const text = await response.text();
  const gauge = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);
  return {
    answers: gauge('leave_a_reply_thread_cache_answers'),
    bytes: gauge('leave_a_reply_thread_cache_bytes'),
  };
}

/** A server on a database of `pages` long threads that keeps THREAD_CACHE_MB=`cacheMb` of answers. */
function serveLongThreads(pages: number, cacheMb: string) {
  return servers.start(dir as string, {
    DATABASE_PATH: databaseWithLongThreads(pages),
    THREAD_CACHE_MB: cacheMb,
    METRICS_TOKEN,
  });
}

describe('the thread cache', () => {
  it('keeps one answer for a page however many ways readers spell its address', async () => {
    // A budget far above what the spellings would take, so that only how answers are kept
    // bounds them.
    const server = await serveLongThreads(1, '2048');
    const pid = server.child.pid as number;
    expect(await read(server.address, PAGE, 'identity')).toBeGreaterThan(900_000);
    await read(server.address, PAGE, 'br');
    await read(server.address, PAGE, 'gzip');
    const one = await cacheKept(server.address);
    expect(one.answers).toBe(1);
    const before = residentBytes(pid);

    // Every spelling below normalises to PAGE. Kept by spelling, 150 of them held some 350 MB
    // of copies of one 1 MB answer (serialised, and compressed once per spelling).
    for (let i = 0; i < 150; i++) {
      const spelling = i % 2 === 0 ? `${PAGE}#comment-${i}` : `${PAGE}/?utm_source=feed${i}`;
      await read(server.address, spelling, i % 4 < 2 ? 'br' : 'gzip, deflate');
    }
    const after = await cacheKept(server.address);
    expect(after.answers).toBe(1);
    // The one answer, with copies made in other seconds than the first: a few MB at most.
    expect(after.bytes).toBeLessThan(4 * MB);
    expect(residentBytes(pid) - before).toBeLessThan(120 * MB);
  }, 120_000);

  it('holds no more than THREAD_CACHE_MB of answers however many pages are read', async () => {
    const server = await serveLongThreads(40, '8');
    // 40 answers of 1 MB, each with its brotli copy: some 90 MB if all were kept.
    for (let p = 0; p < 40; p++) {
      await read(server.address, pageUrl(p));
      expect((await cacheKept(server.address)).bytes).toBeLessThanOrEqual(8 * MB);
    }
    const kept = await cacheKept(server.address);
    expect(kept.answers).toBeGreaterThan(0);
    expect(kept.answers).toBeLessThan(10);
  }, 120_000);
});

describe('createThreadAnswers', () => {
  const formToken = (now: Date, page: string) => `${Math.floor(now.getTime() / 1000)}.${page}`;
  /** A JSON answer with its form token first, as the thread route serialises one. */
  const answer =
    (n: number, bytes: number): (() => Serialised) =>
    () => ['{"form":"', `",${JSON.stringify({ n, text: prose(n, bytes) }).slice(1)}`];

  it('keeps its answers, with their compressed copies, within its budget, dropping the least recently read', () => {
    const answers = createThreadAnswers(formToken, 300_000);
    const now = new Date();
    const read = (n: number, encoding: 'br' | 'gzip' | 'identity') =>
      answers.body(
        `answer ${n}`,
        { key: `page ${n}`, version: 1 },
        encoding,
        now,
        answer(n, 40_000),
      );
    for (let n = 0; n < 20; n++) {
      read(n, 'br');
      read(n, 'gzip');
      read(0, 'identity');
      expect(answers.kept().bytes).toBeLessThanOrEqual(300_000);
    }
    // Answer 0, read all along, is still there; the oldest of the others went.
    let serialised = 0;
    answers.body('answer 0', { key: 'page 0', version: 1 }, 'identity', now, () => {
      serialised++;
      return answer(0, 40_000)();
    });
    expect(serialised).toBe(0);
    answers.body('answer 1', { key: 'page 1', version: 1 }, 'identity', now, () => {
      serialised++;
      return answer(1, 40_000)();
    });
    expect(serialised).toBe(1);
    expect(answers.kept().answers).toBeLessThan(20);
  });

  it('sends an answer larger than its whole budget without keeping it, and keeps nothing at 0', () => {
    const now = new Date();
    for (const budget of [10_000, 0]) {
      const answers = createThreadAnswers(formToken, budget);
      const sent = answers.body('big', { key: 'page', version: 1 }, 'gzip', now, answer(1, 50_000));
      expect(sent.encoding).toBe('gzip');
      expect(answers.kept()).toMatchObject({ answers: 0, bytes: 0 });
    }
  });

  it('serialises an answer again once its page has a new version', () => {
    const answers = createThreadAnswers(formToken, 1_000_000);
    const now = new Date();
    let serialised = 0;
    const serialise = () => {
      serialised++;
      return answer(serialised, 2000)();
    };
    answers.body('a', { key: 'page', version: 1 }, 'identity', now, serialise);
    answers.body('a', { key: 'page', version: 1 }, 'identity', now, serialise);
    answers.body('a', { key: 'page', version: 2 }, 'identity', now, serialise);
    expect(serialised).toBe(2);
    expect(answers.kept().answers).toBe(1);
  });

  it('signs each answer’s form token for its own page', () => {
    const answers = createThreadAnswers(formToken, 1_000_000);
    const now = new Date();
    const { bytes } = answers.body(
      'a',
      { key: 'https://blog.example.com/a', version: 1 },
      'identity',
      now,
      answer(1, 10),
    );
    expect(JSON.parse(bytes.toString()).form).toBe(formToken(now, 'https://blog.example.com/a'));
  });

  it('remembers at most 1,000 spellings of requests', () => {
    const answers = createThreadAnswers(formToken, 1_000_000);
    for (let n = 0; n < 5000; n++)
      answers.rememberName(`${PAGE}?utm_source=${n}`, { pageKey: PAGE, answerKey: PAGE });
    expect(answers.kept().names).toBe(1000);
    expect(answers.nameOf(`${PAGE}?utm_source=4999`)).toEqual({ pageKey: PAGE, answerKey: PAGE });
    expect(answers.nameOf(`${PAGE}?utm_source=0`)).toBeUndefined();
  });
});

describe('THREAD_CACHE_MB', () => {
  it('is 64 unless set, and a whole number of megabytes', () => {
    expect(loadConfig({}).threadCacheMb).toBe(64);
    expect(loadConfig({ THREAD_CACHE_MB: '8' }).threadCacheMb).toBe(8);
    expect(() => loadConfig({ THREAD_CACHE_MB: 'lots' })).toThrow(
      /THREAD_CACHE_MB must be a whole number/,
    );
  });
});
