/**
 * XSS in the server's own HTML of a thread, over PayloadsAllTheThings' xss_alert_identifiable
 * list, kept beside the repository in `../shared/fixtures` or where SHARED_FIXTURES says (see
 * tests/interop/third-party.test.ts): every payload is posted through the real API as a
 * comment's text, as its author's name and inside its website, then each thread is opened in
 * Chromium as GET /api/comments.html pasted into a host page and as the page at GET /thread,
 * with JavaScript on and off, and searched for anything a payload could have made live
 * (tests/helpers/server-rendered-xss.ts says how; tests/e2e/server-rendered-xss.test.ts shows,
 * with a control, that the search catches what gets through).
 *
 * Without the folder these tests are skipped, said in one line; with
 * REQUIRE_SHARED_FIXTURES=true a missing folder fails the file instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { type MarkerServer, startMarkerServer } from '../helpers/marker-server.ts';
import { OWN_ADDRESS } from '../helpers/server-rendered.ts';
import {
  itRendersServerThreadsInert,
  postOn,
  type Sites,
  type ThreadPlace,
} from '../helpers/server-rendered-xss.ts';
import { HOSTILE_WEBSITES, xssThreads } from '../helpers/xss-threads.ts';
import { readPayloads } from './render.ts';
import { findSharedFixtures } from './shared-fixtures.ts';

const shared = findSharedFixtures();
const missing = shared.dir === null;

// Written straight to the terminal, as third-party.test.ts does, so that the run shows one line.
if (missing && !shared.required && shared.skipReason)
  process.stdout.write(`${shared.skipReason}\n`);

/** Threads per field, so that each holds about 130 comments. */
const PAGES_PER_FIELD = 5;
const FIELDS = ['body', 'name', 'website'] as const;
type Field = (typeof FIELDS)[number];
const PAGE_IDS = FIELDS.flatMap((field) =>
  Array.from({ length: PAGES_PER_FIELD }, (_, n) => `interop-${field}-${n + 1}`),
);
/** Where the threads are: a local development host, which takes comments without SITE_ORIGINS. */
const SITE = 'http://localhost:8080';

/** The first `max` characters (code points) of `text`. */
function cut(text: string, max: number): string {
  return [...text].slice(0, max).join('');
}

describe(`interop: XSS payloads in the server's HTML, from ${shared.shown}`, () => {
  if (missing && shared.required) {
    it('finds the third-party payload list, as REQUIRE_SHARED_FIXTURES=true requires', () => {
      throw new Error(
        `${shared.shown} not found, and REQUIRE_SHARED_FIXTURES=true: the interoperability suite cannot run. Put the third-party exports there, or set SHARED_FIXTURES to their folder.`,
      );
    });
  }

  // Registered even when the folder is missing, so that the run counts them, as skipped.
  describe.skipIf(missing)('read from the folder', () => {
    const harness = useBrowserAndServers();
    let sites: Sites;
    let marker: MarkerServer;
    let payloads: string[] = [];
    const places = new Map<string, ThreadPlace>(
      PAGE_IDS.map((id) => [id, { url: `${SITE}/interop/${id}`, title: `Payloads ${id}` }]),
    );
    const xss = xssThreads(PAGE_IDS);
    const { badPosts, accepted } = xss;
    const pageIdFor = (field: Field, index: number) =>
      `interop-${field}-${Math.floor((index * PAGES_PER_FIELD) / payloads.length) + 1}`;
    const post = (pageId: string, fields: Parameters<typeof postOn>[2]) =>
      postOn(sites.server, places.get(pageId) as ThreadPlace, fields);

    beforeAll(async () => {
      payloads = readPayloads(shared);
      let server: Sites['server'];
      let host: Sites['host'];
      [server, host, marker] = await Promise.all([
        // MAX_LINKS=0: a payload full of URLs would otherwise be held for moderation, and never
        // shown; PAGE_SIZE=200: each thread fits in its first part, so every comment is on show.
        harness.serve({ ...OWN_ADDRESS, MODERATION: 'none', MAX_LINKS: '0', PAGE_SIZE: '200' }),
        harness.host(),
        startMarkerServer(),
      ]);
      sites = { server, host, marker };

      for (const [index, payload] of payloads.entries()) {
        const pageId = pageIdFor('body', index);
        const result = await post(pageId, {
          name: `Body ${index}`,
          email: `body${index}@example.com`,
          body: payload,
        });
        if (result.status !== 201) badPosts.push(`body #${index}: HTTP ${result.status}`);
        accepted(pageId, `body #${index}`, result, { name: `Body ${index}`, website: null });
      }
      for (const [index, payload] of payloads.entries()) {
        const pageId = pageIdFor('name', index);
        const name = cut(payload, LIMITS.nameMax);
        const result = await post(pageId, {
          name,
          email: `name${index}@example.com`,
          body: `The name is payload ${index}.`,
        });
        if (result.status !== 201) badPosts.push(`name #${index}: HTTP ${result.status}`);
        accepted(pageId, `name #${index}`, result, { name: name.trim(), website: null });
      }
      const websites = [
        ...payloads.map((payload, index) => ({
          pageId: pageIdFor('website', index),
          website: `https://example.com/?q=${payload}`,
        })),
        ...HOSTILE_WEBSITES.map((website) => ({
          pageId: `interop-website-${PAGES_PER_FIELD}`,
          website,
        })),
      ];
      for (const [index, { pageId, website }] of websites.entries()) {
        const result = await post(pageId, {
          name: `Website ${index}`,
          email: `website${index}@example.com`,
          website,
          body: `The website is ${index}.`,
        });
        if (result.status !== 201) badPosts.push(`website #${index}: HTTP ${result.status}`);
        accepted(pageId, `website #${index}`, result, {
          name: `Website ${index}`,
          website: website.trim(),
        });
      }
    }, 180_000);

    afterAll(async () => {
      await marker?.close();
    });

    it('stores every payload as a text, a name and inside a website', () => {
      expect(payloads).toHaveLength(667);
      expect(badPosts).toEqual([]);
      for (const pageId of PAGE_IDS) expect(xss.threads.get(pageId)?.length).toBeGreaterThan(100);
    });

    itRendersServerThreadsInert(harness, () => sites, { xss, places });
  });
});
