/** `pages list`, `pages open KEY` and `pages close KEY`: pages and whether they take comments. */
import { normalisePageUrl } from '../../shared/page-key.ts';
import { createClosing } from '../comments/closing.ts';
import type { Config } from '../config.ts';
import { UsageError } from '../errors.ts';
import { createSitePolicy, ownOriginOf } from '../http/site-policy.ts';
import type { PageSummaryRow } from '../storage/admin-store.ts';
import type { Handler } from './command.ts';
import { refuseWritesWhenReadOnly, withStorage } from './storage.ts';

/** Pages read per query while listing: a site's thousands of pages never sit in memory at once. */
const PAGES_PER_READ = 500;

/** Whether pages take comments, decided as the server decides it, by this machine's clock. */
function closingOf(config: Config) {
  const ownOrigin = ownOriginOf(config.publicUrl);
  return createClosing({
    sitePolicy: createSitePolicy(config.siteOrigins, () => ownOrigin),
    closeAfterDays: config.closeAfterDays,
    now: () => new Date(),
  });
}

export const list: Handler = {
  run: ({ config }) =>
    withStorage(config, async ({ admin }) => {
      const closing = closingOf(config);
      let after: { url: string; id: number } | undefined;
      let listed = 0;
      for (;;) {
        const rows = await admin.pages({ after, limit: PAGES_PER_READ });
        for (const row of rows) console.log(describe(row, closing.isOpen(row.url, row)));
        listed += rows.length;
        const last = rows.at(-1);
        if (rows.length < PAGES_PER_READ || !last) break;
        after = { url: last.url, id: last.id };
      }
      if (listed === 0) console.log('No pages yet.');
      return 0;
    }),
};

function describe(row: PageSummaryRow, open: boolean): string {
  const state = `${open ? 'open' : 'closed'}${row.open_override === null ? '' : ' by hand'}`;
  const published = row.published_at ? row.published_at.slice(0, 10) : 'unknown';
  const comments = `${row.count} ${row.count === 1 ? 'comment' : 'comments'}`;
  return [
    `${row.url}  ${state}  published ${published}  ${comments}`,
    `    key ${row.key}${row.title ? `  "${row.title}"` : ''}`,
  ].join('\n');
}

/** `pages open KEY` and `pages close KEY`, through the one door that opens and closes pages. */
export function setOpen(word: 'open' | 'close'): Handler {
  const keyOf = (positionals: string[]) => {
    const key = positionals[0]?.trim();
    if (!key) throw new UsageError(`"pages ${word}" needs the key (or address) of a page.`);
    return key;
  };
  return {
    check: ({ positionals }) => {
      keyOf(positionals);
    },
    run: ({ config, positionals }) => {
      const key = keyOf(positionals);
      return withStorage(config, async (storage) => {
        refuseWritesWhenReadOnly(storage);
        const open = word === 'open';
        // A page is keyed by its normalised address: one typed as the browser shows it is found.
        const normalised = normalisePageUrl(key);
        const page =
          (await storage.store.setPageOpen(key, open)) ??
          (normalised && normalised !== key
            ? await storage.store.setPageOpen(normalised, open)
            : null);
        if (!page) {
          console.error(
            `There is no page with the key ${key}. "leave-a-reply pages list" lists them.`,
          );
          return 1;
        }
        const name = page.title ? `"${page.title}" (${page.url})` : page.url;
        console.log(open ? `Opened ${name} to new comments.` : `Closed ${name} to new comments.`);
        if (open && !closingOf(config).isOpen(page.url, page))
          console.log(`Its site is not one of SITE_ORIGINS, so it still takes no comments.`);
        return 0;
      });
    },
  };
}
