/**
 * XSS in a real browser: every case of our generated corpus (tests/fixtures/xss-corpus.ts) is
 * posted through the real API in the field its context names (a comment's text, its author's
 * name, its website), then each thread is rendered by the built widget in Chromium, swept with
 * events and the mouse, and searched for anything a case could have made live
 * (tests/helpers/xss-threads.ts says how). Each case calls its marker with its own number, so
 * one that fires says which it is.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { XSS_CASES, XSS_CONTEXTS, type XssCase } from '../fixtures/xss-corpus.ts';
import { storedComment } from '../helpers/app.ts';
import { failedLoad } from '../helpers/browser.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import type { RunningServer } from '../helpers/server.ts';
import {
  type Expected,
  HOSTILE_WEBSITES,
  itRendersThreadsInert,
  postComment,
  titleOf,
  visitThread,
  xssThreads,
} from '../helpers/xss-threads.ts';

/** Most comments in one thread: all of them show on its first page (PAGE_SIZE=200). */
const PER_THREAD = 150;

/** The corpus's cases, context by context, in threads of even sizes up to PER_THREAD. */
const THREADS = XSS_CONTEXTS.flatMap((context) => {
  const cases = XSS_CASES.filter((xss) => xss.context === context);
  const count = Math.ceil(cases.length / PER_THREAD);
  const size = Math.ceil(cases.length / count);
  return Array.from({ length: count }, (_, n) => ({
    pageId: `xss-${context}-${n + 1}`,
    cases: cases.slice(n * size, (n + 1) * size),
  }));
});

/** The thread the hand-made hostile websites go to. */
const LAST_WEBSITE_THREAD = THREADS.filter(({ pageId }) => pageId.startsWith('xss-website-')).at(-1)
  ?.pageId as string;

/** A website case that is a web address carrying its payload; the others are script URLs. */
const isWebAddressCase = (xss: XssCase) => xss.text.startsWith('https://example.com/');

/** A case that markdown shows exactly as typed: raw HTML, written plainly, nothing markdown reads. */
const showsAsTyped = (xss: XssCase) =>
  xss.context === 'raw-html' && xss.encoding === 'plain' && !/[`\\*_&[\]]/.test(xss.text);

/** Case `n`, as a failure names it. */
const CASES_BY_ID = new Map(XSS_CASES.map((xss) => [xss.id, xss]));
function describeCall(call: string): string {
  const xss = CASES_BY_ID.get(Number(/\((\d+)/.exec(call)?.[1]));
  return xss ? `${call}: case ${xss.id}, ${xss.vector}, ${xss.encoding}, in ${xss.context}` : call;
}

const harness = useBrowserAndServers();
let server: RunningServer;
const xss = xssThreads(THREADS.map(({ pageId }) => pageId));
const { threads, badPosts, accepted } = xss;
const summary = { body: 0, name: 0, website: { accepted: 0, refused: 0 } };

beforeAll(async () => {
  // MAX_LINKS=0: a payload full of URLs would otherwise be held for moderation, and never shown;
  // PAGE_SIZE=200: each thread fits on its first page, so every comment is on show at once.
  server = await harness.serve({ MODERATION: 'none', MAX_LINKS: '0', PAGE_SIZE: '200' });

  for (const { pageId, cases } of THREADS) {
    for (const xss of cases) {
      const what = `case ${xss.id} (${xss.field}) ${JSON.stringify(xss.text)}`;
      const author = `Case ${xss.id}`;
      const email = `case${xss.id}@example.com`;
      if (xss.field === 'body') {
        const result = await postComment(server, pageId, { name: author, email, body: xss.text });
        if (result.status === 201) summary.body++;
        else badPosts.push(`${what}: HTTP ${result.status}`);
        const text = showsAsTyped(xss) ? xss.text : undefined;
        accepted(pageId, what, result, { name: author, website: null, text });
      } else if (xss.field === 'name') {
        const body = `The name is case ${xss.id}.`;
        const result = await postComment(server, pageId, { name: xss.text, email, body });
        if (result.status === 201) summary.name++;
        else badPosts.push(`${what}: HTTP ${result.status}`);
        accepted(pageId, what, result, { name: xss.text.trim(), website: null });
      } else {
        const body = `The website is case ${xss.id}.`;
        const result = await postComment(server, pageId, {
          name: author,
          email,
          website: xss.text,
          body,
        });
        if (result.status === 201) summary.website.accepted++;
        else if (result.status === 400 && JSON.stringify(result.error).includes('"website"'))
          summary.website.refused++;
        else badPosts.push(`${what}: HTTP ${result.status} ${JSON.stringify(result.error)}`);
        accepted(pageId, what, result, { name: author, website: xss.text.trim() });
      }
    }
  }
  for (const [index, website] of HOSTILE_WEBSITES.entries()) {
    const name = `Hostile ${index}`;
    const result = await postComment(server, LAST_WEBSITE_THREAD, {
      name,
      email: `hostile${index}@example.com`,
      website,
      body: `A hostile website, ${index}.`,
    });
    if (result.status !== 201) badPosts.push(`hostile website ${website}: HTTP ${result.status}`);
    accepted(LAST_WEBSITE_THREAD, `hostile website ${website}`, result, {
      name,
      website: website.trim(),
    });
  }
}, 180_000);

describe('XSS payloads in comments', () => {
  it('accepts every case as text and name, and as a website only when it is a web address', () => {
    const count = (keep: (xss: XssCase) => boolean) => XSS_CASES.filter(keep).length;
    expect(badPosts).toEqual([]);
    expect(summary).toEqual({
      body: count((xss) => xss.field === 'body'),
      name: count((xss) => xss.field === 'name'),
      website: {
        // A web address carries its payload in its path, query or fragment, and is kept ...
        accepted: count((xss) => xss.field === 'website' && isWebAddressCase(xss)),
        // ... a script address (javascript:, data:, vbscript:, however spelt) is refused.
        refused: count((xss) => xss.field === 'website' && !isWebAddressCase(xss)),
      },
    });
    expect(summary.website.refused).toBeGreaterThan(30);
    for (const { pageId } of THREADS) expect(threads.get(pageId)?.length).toBeGreaterThan(50);
  });

  it('would notice a payload that got through: the checks catch live HTML stored behind the API', async () => {
    // Stored straight into the database, as a renderer with a hole would store them.
    const pageId = 'xss-canary';
    const stored = [
      { html: '<p><img src="x" onerror="alert(99991)"></p>', website: null },
      {
        html: '<p><a href="javascript:alert(99992)" onmouseover="alert(99993)">x</a></p>',
        website: null,
      },
      // The widget links a website only when it is http(s), whatever the database holds.
      { html: '<p>A website from an old import.</p>', website: 'javascript:alert(99994)' },
    ];
    const expected: Expected[] = [];
    for (const [index, { html, website }] of stored.entries()) {
      const row = await server.store.insertComment(
        { key: pageId, url: `${server.origin}/`, title: titleOf(pageId) },
        storedComment({
          name: `Canary ${index}`,
          email: `canary${index}@example.com`,
          website,
          body: html,
          html,
          tokenHash: `canary-${index}`,
        }),
      );
      expected.push({ id: row.id, name: `Canary ${index}`, website: null });
    }

    // What the live HTML does: its markers fire, and its image is asked for and not found.
    const caused = [
      /^console\.error: XSS fired: alert\(9999[13]\)$/,
      failedLoad('404 (Not Found)', '/x'),
    ];
    const { problems, fired, findings } = await visitThread(
      { harness },
      server,
      pageId,
      expected,
      caused,
    );
    const [img, link, oldImport] = expected.map((comment) => `comment-${comment.id}`);
    expect(fired).toEqual(expect.arrayContaining(['alert(99991)', 'alert(99993)']));
    expect(problems).toContain('console.error: XSS fired: alert(99991)');
    expect(problems).toContain('console.error: XSS fired: alert(99993)');
    expect(findings.unsafe).toEqual(
      expect.arrayContaining([
        `${img}: <img> has onerror="alert(99991)"`,
        `${img}: <img> is not allowed in the thread`,
        `${link}: <a> has href="javascript:alert(99992)"`,
        `${link}: <a> has onmouseover="alert(99993)"`,
        `${link}: <a> has rel=null`,
      ]),
    );
    expect(findings.unsafe.join()).not.toContain(`${oldImport}:`);
    expect(findings.fidelity.filter((line) => line.includes(` ${expected[2]?.id}:`))).toEqual([]);
  });

  itRendersThreadsInert(harness, () => server, xss, describeCall);
});
