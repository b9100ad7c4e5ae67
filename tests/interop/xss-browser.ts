/**
 * XSS in a real browser, over PayloadsAllTheThings' xss_alert_identifiable list (see SOURCES.md
 * beside it): every payload is posted through the real API as a comment's text, as its author's
 * name and inside its website, then each thread is rendered by the built widget in Chromium,
 * swept with events and the mouse, and searched for anything a payload could have made live
 * (tests/helpers/xss-threads.ts says how). The list's payloads name themselves by their alert
 * ids when they fire.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import type { RunningServer } from '../helpers/server.ts';
import {
  HOSTILE_WEBSITES,
  itRendersThreadsInert,
  postComment,
  xssThreads,
} from '../helpers/xss-threads.ts';
import { readPayloads } from './render.ts';
import type { SharedFixtures } from './shared-fixtures.ts';

/** Threads per field, so that each holds about 130 comments. */
const PAGES_PER_FIELD = 5;
const FIELDS = ['body', 'name', 'website'] as const;
type Field = (typeof FIELDS)[number];

const PAGE_IDS = FIELDS.flatMap((field) =>
  Array.from({ length: PAGES_PER_FIELD }, (_, n) => `xss-${field}-${n + 1}`),
);

interface PostSummary {
  body: { posted: number };
  name: { whole: number; truncated: number };
  websiteRaw: { accepted: number; refused: number };
  websiteQuery: { accepted: number; refused: number };
}

/** The first `max` characters (code points) of `text`. */
function cut(text: string, max: number): string {
  return [...text].slice(0, max).join('');
}

/** Registers the browser tests over the third-party payload list in `shared`. */
export function describeBrowsedPayloads(shared: SharedFixtures): void {
  describe('XSS payloads in comments', () => {
    const harness = useBrowserAndServers();
    let server: RunningServer;
    let payloads: string[] = [];
    const xss = xssThreads(PAGE_IDS);
    const { threads, badPosts, accepted } = xss;
    const summary: PostSummary = {
      body: { posted: 0 },
      name: { whole: 0, truncated: 0 },
      websiteRaw: { accepted: 0, refused: 0 },
      websiteQuery: { accepted: 0, refused: 0 },
    };
    /** The page id of payload `index` for `field`: consecutive payloads share a thread. */
    const pageIdFor = (field: Field, index: number) =>
      `xss-${field}-${Math.floor((index * PAGES_PER_FIELD) / payloads.length) + 1}`;

    beforeAll(async () => {
      payloads = readPayloads(shared);
      // MAX_LINKS=0: a payload full of URLs would otherwise be held for moderation, and never
      // shown; PAGE_SIZE=200: each thread fits on its first page, so every comment is on show.
      server = await harness.serve({ MODERATION: 'none', MAX_LINKS: '0', PAGE_SIZE: '200' });

      for (const [index, payload] of payloads.entries()) {
        const pageId = pageIdFor('body', index);
        const result = await postComment(server, pageId, {
          name: `Body ${index}`,
          email: `body${index}@example.com`,
          body: payload,
        });
        if (result.status === 201) summary.body.posted++;
        else badPosts.push(`body #${index} ${JSON.stringify(payload)}: HTTP ${result.status}`);
        accepted(pageId, `body #${index}`, result, {
          name: `Body ${index}`,
          website: null,
          text: index < 5 ? payload.trim() : undefined,
        });
      }

      for (const [index, payload] of payloads.entries()) {
        const pageId = pageIdFor('name', index);
        const whole = [...payload.trim()].length <= LIMITS.nameMax;
        const name = whole ? payload : cut(payload, LIMITS.nameMax);
        const result = await postComment(server, pageId, {
          name,
          email: `name${index}@example.com`,
          body: `The name is payload ${index}.`,
        });
        if (result.status === 201) summary.name[whole ? 'whole' : 'truncated']++;
        else badPosts.push(`name #${index} ${JSON.stringify(name)}: HTTP ${result.status}`);
        accepted(pageId, `name #${index}`, result, { name: name.trim(), website: null });
      }

      const websites: { pageId: string; website: string; kind: 'websiteRaw' | 'websiteQuery' }[] =
        [];
      for (const [index, payload] of payloads.entries()) {
        const pageId = pageIdFor('website', index);
        websites.push({ pageId, website: payload, kind: 'websiteRaw' });
        websites.push({
          pageId,
          website: `https://example.com/?q=${payload}`,
          kind: 'websiteQuery',
        });
      }
      for (const website of HOSTILE_WEBSITES) {
        websites.push({ pageId: `xss-website-${PAGES_PER_FIELD}`, website, kind: 'websiteQuery' });
      }
      for (const [index, { pageId, website, kind }] of websites.entries()) {
        const result = await postComment(server, pageId, {
          name: `Website ${index}`,
          email: `website${index}@example.com`,
          website,
          body: `The website is ${kind} ${index}.`,
        });
        const what = `${kind} #${index} ${JSON.stringify(website)}`;
        if (result.status === 201) summary[kind].accepted++;
        else if (result.status === 400 && JSON.stringify(result.error).includes('"website"'))
          summary[kind].refused++;
        else badPosts.push(`${what}: HTTP ${result.status} ${JSON.stringify(result.error)}`);
        accepted(pageId, what, result, { name: `Website ${index}`, website: website.trim() });
      }
    }, 120_000);

    it('accepts every payload as text and name, and refuses it as a website unless it is a web address', () => {
      expect(payloads).toHaveLength(667);
      expect(badPosts).toEqual([]);
      expect(summary).toEqual({
        body: { posted: 667 },
        // 56 payloads are longer than a name may be: they are posted cut to 100 characters.
        name: { whole: 611, truncated: 56 },
        // None of the payloads is an http(s) URL by itself ...
        websiteRaw: { accepted: 0, refused: 667 },
        // ... but every one fits in the query of one, as do the hand-made hostile websites.
        websiteQuery: { accepted: 667 + HOSTILE_WEBSITES.length, refused: 0 },
      });
      for (const pageId of PAGE_IDS) expect(threads.get(pageId)?.length).toBeGreaterThan(100);
    });

    itRendersThreadsInert(harness, () => server, xss);
  });
}
