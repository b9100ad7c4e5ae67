/**
 * A crash in the middle of writes: the real server process takes concurrent posts, is killed
 * with SIGKILL while posts are in flight, and is started again on the same database file.
 * Every comment acknowledged with a 201 must be there after the restart, whole, and the
 * database must be sound.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFENCES_OFF } from '../helpers/app.ts';
import { rowsOfWholeDatabase } from '../helpers/database.ts';
import { type ServerProcess, useServerProcesses } from '../helpers/server-process.ts';

const CLIENTS = 20;
/** Acknowledged posts after which the server is killed. */
const KILL_AFTER = 200;
const PAGES = Array.from({ length: CLIENTS }, (_, i) => `http://localhost:8080/crash/${i}`);

let dir: string | null = null;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const servers = useServerProcesses();

/** Starts `leave-a-reply serve` on the database file in `dir`; resolves once it listens. */
function serve(databasePath: string): Promise<ServerProcess> {
  return servers.start(dir as string, {
    MODERATION: 'none',
    ...DEFENCES_OFF,
    DATABASE_PATH: databasePath,
  });
}

interface Sent {
  url: string;
  name: string;
  email: string;
  body: string;
}

/** What the clients saw while the server was up and when it died. */
interface Run {
  /** Every comment answered with a 201, by id. */
  acknowledged: Map<number, Sent>;
  /** Every post sent, by its (unique) body. */
  attempted: Map<string, Sent>;
  /** Posts that failed at the network level: the ones in flight when the server died. */
  networkErrors: number;
  /** 201s whose body was cut off by the kill: acknowledged, but with no id to check. */
  truncated201s: number;
  otherStatuses: number[];
  inFlightAtKill: number;
}

/**
 * Runs CLIENTS clients, each posting one comment after another, and kills the server with
 * SIGKILL as soon as KILL_AFTER posts are acknowledged, while the others are in flight.
 */
async function postUntilKilled(server: ServerProcess): Promise<Run> {
  const run: Run = {
    acknowledged: new Map(),
    attempted: new Map(),
    networkErrors: 0,
    truncated201s: 0,
    otherStatuses: [],
    inFlightAtKill: 0,
  };
  let inFlight = 0;
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    run.inFlightAtKill = inFlight;
    server.child.kill('SIGKILL');
  };

  const client = async (c: number) => {
    for (let i = 0; !killed; i++) {
      const sent: Sent = {
        url: PAGES[c] as string,
        name: `Client ${c}`,
        email: `client${c}.post${i}@crash.example`,
        body: `Comment ${i} from client ${c}, written before the crash.`,
      };
      run.attempted.set(sent.body, sent);
      inFlight++;
      let status = 0;
      try {
        const response = await fetch(`${server.address}/api/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(sent),
        });
        status = response.status;
        if (status !== 201) {
          run.otherStatuses.push(status);
          await response.body?.cancel();
          continue;
        }
        const { comment } = (await response.json()) as { comment: { id: number } };
        run.acknowledged.set(comment.id, sent);
        if (run.acknowledged.size >= KILL_AFTER) kill();
      } catch {
        // The server is gone: the post was in flight, or its answer was cut off.
        if (status === 201) run.truncated201s++;
        else run.networkErrors++;
      } finally {
        inFlight--;
      }
    }
  };

  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  return run;
}

/** A page's whole thread through the API, following `next` when the answer is paged. */
async function threadIds(address: string, url: string): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  let after: string | null = null;
  do {
    const query = new URLSearchParams({ url, ...(after ? { after } : {}) });
    const response = await fetch(`${address}/api/comments?${query}`);
    expect(response.status).toBe(200);
    const thread = (await response.json()) as {
      comments: Array<{ id: number; html: string }>;
      next?: string | null;
    };
    for (const comment of thread.comments) found.set(comment.id, comment.html);
    after = thread.next ?? null;
  } while (after);
  return found;
}

describe('a crash while comments are being posted', () => {
  it('keeps every acknowledged comment after SIGKILL and a restart', async () => {
    const started = Date.now();
    dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-crash-'));
    const databasePath = join(dir, 'comments.db');

    const first = await serve(databasePath);
    const run = await postUntilKilled(first);
    const death = await first.exited;
    expect(death.signal).toBe('SIGKILL');
    expect(run.otherStatuses).toEqual([]);
    expect(run.acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
    // The kill must land while posts are still on their way, or it tests nothing.
    expect(run.inFlightAtKill).toBeGreaterThan(0);

    // Restarted on the same file, the server answers with every acknowledged comment.
    const second = await serve(databasePath);
    const viaApi = new Map<number, string>();
    for (const page of PAGES) {
      for (const [id, html] of await threadIds(second.address, page)) viaApi.set(id, html);
    }
    const missingViaApi = [...run.acknowledged.keys()].filter((id) => !viaApi.has(id));
    expect(missingViaApi).toEqual([]);
    for (const [id, sent] of run.acknowledged) {
      expect(viaApi.get(id)).toBe(`<p>${sent.body}</p>`);
    }
    expect(await second.stop()).toEqual({ code: 0, signal: null });

    // And in the file itself: sound, with each acknowledged comment whole, and nothing that
    // was not sent.
    const rows = rowsOfWholeDatabase<{
      id: number;
      name: string;
      email: string;
      body: string;
      status: string;
    }>(databasePath, 'SELECT id, name, email, body, status FROM comments');
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const [id, sent] of run.acknowledged) {
      expect(byId.get(id)).toEqual({
        id,
        name: sent.name,
        email: sent.email,
        body: sent.body,
        status: 'approved',
      });
    }
    for (const row of rows) {
      expect(run.attempted.get(row.body)).toEqual({
        url: expect.any(String),
        name: row.name,
        email: row.email,
        body: row.body,
      });
    }
    expect(new Set(rows.map((row) => row.body)).size).toBe(rows.length);

    const found = rows.length;
    console.log(
      `crash: ${run.attempted.size} posts sent by ${CLIENTS} clients; ` +
        `${run.acknowledged.size} acknowledged with a 201, ${found} found after the restart ` +
        `(${found - run.acknowledged.size} committed without a 201 reaching the client: ` +
        `${run.truncated201s} 201s cut off, ${run.networkErrors} posts failed on the network); ` +
        `${run.inFlightAtKill} posts in flight at the kill; ${Date.now() - started} ms`,
    );
    expect(found).toBeGreaterThanOrEqual(run.acknowledged.size);
    expect(found).toBeLessThanOrEqual(run.attempted.size);
  }, 120_000);
});
