import { describe, expect, it } from 'vitest';
import { createOncePerWindow, formatLogLine, logDestination } from '../../server/http/logging.ts';
import type { TestApp } from '../helpers/app.ts';
import { approveComment, editOwnComment, postComment, readThread } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps();

interface LogEntry {
  level: number;
  msg: string;
  [field: string]: unknown;
}

function entries(test: TestApp): LogEntry[] {
  return test.logs.map((line) => JSON.parse(line) as LogEntry);
}

function heldLines(test: TestApp): LogEntry[] {
  return entries(test).filter((entry) => entry.msg === 'Comment held for moderation');
}

function originWarnings(test: TestApp): LogEntry[] {
  return entries(test).filter((entry) => entry.level === 40 && /SITE_ORIGINS/.test(entry.msg));
}

async function post(test: TestApp, changes: object = {}) {
  const response = await postComment(test, changes, {
    headers: { 'user-agent': 'TestBrowser/1.0' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { comment: { id: number; status: string }; token: string };
}

function thread(test: TestApp, origin?: string, url = 'https://blog.example.com/post') {
  return readThread(test, url, {}, { headers: origin ? { origin } : {} });
}

describe('the line logged when a comment is held', () => {
  it('names the comment, its page and why, at info level, and nothing its author sent', async () => {
    const test = await setUp({ MODERATION: 'first-time' });
    const { comment } = await post(test);
    const lines = heldLines(test);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      comment: comment.id,
      page: 'http://localhost:8080/posts/hello',
      reason: 'first-time commenter',
    });
    const line = test.logs.find((text) => text.includes('Comment held'));
    for (const secret of [
      'ann@example.com',
      'Ann Reader',
      '127.0.0.1',
      'TestBrowser',
      'first thought',
    ])
      expect(line).not.toContain(secret);
  });

  it('says which rule held it: MODERATION=all, too many links, or a hold list', async () => {
    const all = await setUp({ MODERATION: 'all' });
    await post(all);
    expect(heldLines(all).map((entry) => entry.reason)).toEqual(['MODERATION=all']);
    await all.close();

    const rules = await setUp({
      MODERATION: 'none',
      MAX_LINKS: '1',
      HOLD_WORDS: 'casino',
      HOLD_EMAILS: '@held.example',
      HOLD_IPS: '10.0.0.0/8',
    });
    await post(rules, { body: 'https://a.example and https://b.example' });
    await post(rules, { body: 'Best casino in town' });
    await post(rules, { email: 'x@held.example', body: 'From a held domain' });
    const fromHeldIp = await postComment(
      rules,
      { body: 'From a held range' },
      { remoteAddress: '10.1.2.3' },
    );
    expect(fromHeldIp.json().comment.status).toBe('pending');
    await post(rules, { body: 'Shown at once' });
    expect(heldLines(rules).map((entry) => entry.reason)).toEqual([
      'more than 1 link (MAX_LINKS)',
      'matches HOLD_WORDS',
      'matches HOLD_EMAILS',
      'matches HOLD_IPS',
    ]);
  });

  it('is logged too when an edit holds an approved comment again', async () => {
    const test = await setUp({ MODERATION: 'none', MAX_LINKS: '1' });
    const { comment, token } = await post(test);
    expect(heldLines(test)).toEqual([]);
    const twoLinks = 'Now with https://a.example and https://b.example';
    const edited = await editOwnComment(test, comment.id, token, twoLinks);
    expect(edited.json().comment.status).toBe('pending');
    expect(heldLines(test)).toEqual([
      expect.objectContaining({
        comment: comment.id,
        page: 'http://localhost:8080/posts/hello',
        reason: 'edited, more than 1 link (MAX_LINKS)',
      }),
    ]);
  });

  it('is not logged for a comment published at once, nor for one approved later', async () => {
    const test = await setUp({ MODERATION: 'first-time' });
    const { comment } = await post(test);
    await approveComment(test, comment.id);
    expect((await post(test, { body: 'Again' })).comment.status).toBe('approved');
    expect(heldLines(test)).toHaveLength(1);
  });
});

describe('the warning about a thread asked for from outside SITE_ORIGINS', () => {
  it('is logged once per origin per hour', async () => {
    let now = new Date('2026-11-26T06:00:00Z');
    const test = await setUp({ SITE_ORIGINS: 'https://blog.example.com' }, { clock: () => now });
    expect((await thread(test, 'https://mirror.example')).statusCode).toBe(200);
    expect(originWarnings(test)).toEqual([
      expect.objectContaining({
        origin: 'https://mirror.example',
        page: 'https://blog.example.com/post',
      }),
    ]);
    expect(originWarnings(test)[0]?.msg).toContain('outside SITE_ORIGINS');

    now = new Date('2026-11-26T06:59:59Z');
    await thread(test, 'https://mirror.example');
    expect(originWarnings(test)).toHaveLength(1);

    await thread(test, 'https://other.example');
    expect(originWarnings(test).map((entry) => entry.origin)).toEqual([
      'https://mirror.example',
      'https://other.example',
    ]);

    now = new Date('2026-11-26T07:00:00Z');
    await thread(test, 'https://mirror.example');
    expect(originWarnings(test).map((entry) => entry.origin)).toEqual([
      'https://mirror.example',
      'https://other.example',
      'https://mirror.example',
    ]);
  });

  it('is not logged for a listed origin, a request without Origin, or while SITE_ORIGINS is unset', async () => {
    const listed = await setUp({ SITE_ORIGINS: 'https://blog.example.com' });
    await thread(listed, 'https://blog.example.com');
    await thread(listed);
    await thread(listed, 'null');
    expect(originWarnings(listed)).toEqual([]);
    await listed.close();

    const unset = await setUp();
    await thread(unset, 'https://mirror.example');
    expect(originWarnings(unset)).toEqual([]);
  });
});

describe('createOncePerWindow', () => {
  it('remembers a bounded number of keys, so made-up origins cannot fill memory or the log', () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const once = createOncePerWindow(60_000, () => now, 2);
    expect(once('a')).toBe(true);
    expect(once('b')).toBe(true);
    expect(once('c')).toBe(false);
    now = new Date('2026-01-01T00:01:00Z');
    expect(once('c')).toBe(true);
    expect(once('a')).toBe(true);
    expect(once('c')).toBe(false);
  });
});

describe('log lines', () => {
  const line = JSON.stringify({
    level: 30,
    time: Date.UTC(2026, 10, 26, 6, 42, 0),
    pid: 4242,
    hostname: 'box',
    msg: 'Comment held for moderation',
    comment: 12,
    page: 'https://blog.example.com/post',
    reason: 'first-time commenter',
  });

  it('are JSON with LOG_FORMAT=json', async () => {
    const test = await setUp({ LOG_FORMAT: 'json' });
    await post(test);
    expect(test.logs.length).toBeGreaterThan(0);
    for (const text of test.logs) expect(() => JSON.parse(text)).not.toThrow();
  });

  it('are one readable line each with LOG_FORMAT=pretty', async () => {
    const test = await setUp({ LOG_FORMAT: 'pretty' });
    const { comment } = await post(test);
    const held = test.logs.find((text) => text.includes('Comment held for moderation'));
    expect(held).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d INFO  Comment held for moderation  comment=${comment.id} page=http://localhost:8080/posts/hello reason="first-time commenter"\\n$`,
      ),
    );
    expect(() => JSON.parse(held as string)).toThrow();
  });

  it('leave out what every line has, and show fields as key=value', () => {
    expect(formatLogLine(line)).toMatch(
      /^2026-11-2\d \d\d:\d\d:00 INFO {2}Comment held for moderation {2}comment=12 page=https:\/\/blog\.example\.com\/post reason="first-time commenter"$/,
    );
    expect(formatLogLine(line)).not.toContain('4242');
    expect(formatLogLine(line)).not.toContain('box');
  });

  it('show a nested object by dotted keys and an error with its stack below', () => {
    const error = JSON.stringify({
      level: 50,
      time: 0,
      msg: 'disk I/O error',
      req: { method: 'POST', url: '/api/comments' },
      err: { type: 'SqliteError', message: 'disk I/O error', stack: 'SqliteError: disk\n    at x' },
    });
    const shown = formatLogLine(error).split('\n');
    expect(shown[0]).toMatch(
      /ERROR disk I\/O error {2}req\.method=POST req\.url=\/api\/comments err\.type=SqliteError err\.message="disk I\/O error"$/,
    );
    expect(shown.slice(1)).toEqual(['    SqliteError: disk', '        at x']);
  });

  it('quote a value with a newline, so that it cannot pass for a line of its own', () => {
    const forged = JSON.stringify({ level: 40, time: 0, msg: 'x', page: 'a\n00:00:00 ERROR fake' });
    expect(formatLogLine(forged).split('\n')).toHaveLength(1);
    expect(formatLogLine(forged)).toContain('page="a\\n00:00:00 ERROR fake"');
  });

  it('pass a line that is not JSON on as it is', () => {
    expect(formatLogLine('plain words')).toBe('plain words');
  });

  it('go to the given sink: as written for JSON, reformatted for pretty', () => {
    const written: string[] = [];
    const sink = { write: (text: string) => written.push(text) };
    logDestination('json', sink)?.write(`${line}\n`);
    logDestination('pretty', sink)?.write(`${line}\n`);
    expect(written[0]).toBe(`${line}\n`);
    expect(written[1]).toMatch(/INFO {2}Comment held for moderation {2}comment=12 .*\n$/);
    expect(logDestination('json')).toBeUndefined();
  });
});
