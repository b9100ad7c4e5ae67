/**
 * What a search engine reads from GET /api/comments.html: the page parsed by Chromium, and its
 * schema.org microdata gathered by the algorithm of the HTML standard (items, their properties,
 * `itemref`). Each comment is a Comment with its author, date, text and likes; a reply is the
 * `comment` of the comment it answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFENCES_OFF } from '../helpers/app.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { seedThread } from '../helpers/seed.ts';
import type { RunningServer } from '../helpers/server.ts';

const harness = useBrowserAndServers();
let server: RunningServer;
let url: string;
let ids: number[];

interface Item {
  type: string;
  properties: Record<string, (Item | string)[]>;
}

beforeAll(async () => {
  // The port the system picks stands in for PUBLIC_URL's 0: the HTML's links lead to this server.
  server = await harness.serve({
    ...DEFENCES_OFF,
    MODERATION: 'none',
    PUBLIC_URL: 'http://127.0.0.1:0',
  });
  url = `${server.origin}/posts/structured`;
  ids = await seedThread(server, { url, title: 'Structured' }, [
    { name: 'Ann', body: 'The first *thought*.', website: 'https://ann.example.com' },
    { name: 'Bob', body: 'A reply to Ann.', parent: 0 },
    { name: 'Cy', body: 'A reply to Bob.', parent: 1 },
    { name: 'Dee', body: 'Another thought.' },
  ]);
  const like = await server.app.inject({
    method: 'POST',
    url: `/api/comments/${ids[0]}/like`,
    payload: { voter: 'voter-0123456789abcdef' },
  });
  expect(like.statusCode, like.body).toBe(200);
});

describe('the thread’s HTML, as structured data', () => {
  it('is one Comment item per top-level comment, with its replies as its comments', async () => {
    const fragment = await server.app.inject({
      url: `/api/comments.html?url=${encodeURIComponent(url)}`,
    });
    const { page } = await harness.open({ javaScriptEnabled: false });
    await page.setContent(`<!doctype html><title>Host</title><main>${fragment.body}</main>`);
    const items = (await page.evaluate(() => {
      // The microdata algorithm: an item's properties are the itemprop elements under it and
      // under the elements its itemref names, not crossing into another item.
      const propertyValue = (element: Element): unknown => {
        if (element.hasAttribute('itemscope')) return itemOf(element);
        if (element instanceof HTMLMetaElement) return element.content;
        if (element instanceof HTMLTimeElement) return element.dateTime;
        if (element instanceof HTMLAnchorElement) return element.href;
        return element.textContent?.trim() ?? '';
      };
      const itemOf = (root: Element) => {
        const properties: Record<string, unknown[]> = {};
        const pending = [
          ...root.children,
          ...(root.getAttribute('itemref') ?? '')
            .split(/\s+/)
            .filter(Boolean)
            .map((id) => document.getElementById(id))
            .filter((element): element is HTMLElement => element !== null),
        ];
        while (pending.length > 0) {
          const element = pending.shift() as Element;
          for (const name of (element.getAttribute('itemprop') ?? '')
            .split(/\s+/)
            .filter(Boolean)) {
            properties[name] = [...(properties[name] ?? []), propertyValue(element)];
          }
          if (!element.hasAttribute('itemscope')) pending.unshift(...element.children);
        }
        return { type: root.getAttribute('itemtype'), properties };
      };
      return [...document.querySelectorAll('[itemscope]:not([itemprop])')].map(itemOf);
    })) as Item[];

    expect(items.map((item) => item.type)).toEqual([
      'https://schema.org/Comment',
      'https://schema.org/Comment',
    ]);
    const [ann, dee] = items as [Item, Item];
    const author = ann.properties.author?.[0] as Item;
    expect(author.type).toBe('https://schema.org/Person');
    expect(author.properties).toEqual({ name: ['Ann'], url: ['https://ann.example.com/'] });
    expect(ann.properties.text).toEqual(['The first thought.']);
    expect(ann.properties.upvoteCount).toEqual(['1']);
    expect(ann.properties.dateCreated?.[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // Bob answers Ann and Cy answers Bob: each reply is the comment of the one it answers.
    const bob = ann.properties.comment?.[0] as Item;
    expect(ann.properties.comment).toHaveLength(1);
    expect(bob.properties.text).toEqual(['A reply to Ann.']);
    const bobAuthor = bob.properties.author?.[0] as Item;
    expect(bobAuthor.properties.name).toEqual(['Bob']);
    const cy = bob.properties.comment?.[0] as Item;
    expect(cy.properties.text).toEqual(['A reply to Bob.']);
    expect(cy.properties.comment).toBeUndefined();
    expect(dee.properties.text).toEqual(['Another thought.']);
    expect(dee.properties.comment).toBeUndefined();
  });
});
