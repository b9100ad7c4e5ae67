import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { say, sayParts } from '../../widget/admin/say.ts';
import { EN_PARTS, en } from '../../widget/admin/words/en.ts';
import { findInlineTexts } from '../helpers/inline-texts.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ADMIN = join(ROOT, 'widget', 'admin');

/** The dashboard's sources that say texts: all but the catalogue and the function that says. */
function dashboardSources(folder = ADMIN): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (path === join(ADMIN, 'words') || path === join(ADMIN, 'say.ts')) continue;
    if (statSync(path).isDirectory()) found.push(...dashboardSources(path));
    else if (/\.tsx?$/.test(name)) found.push(path);
  }
  return found;
}

describe("the dashboard's words", () => {
  it('are all in the catalogue: no component or hook holds a text of its own', () => {
    const sources = dashboardSources();
    expect(sources.length).toBeGreaterThan(20);
    const inline = sources.flatMap((path) =>
      findInlineTexts(path, readFileSync(path, 'utf8')).map(
        ({ line, text }) => `${relative(ROOT, path)}:${line}: ${text}`,
      ),
    );
    expect(inline).toEqual([]);
  });

  it('finds a text written inline in JSX, in a text attribute or handed to a function', () => {
    const source = `
      export function Example({ open }: { open: boolean }) {
        setProblem(failureMessage(error, 'The pages could not load.'));
        announce(\`Moved \${count} comments.\`);
        if (event.key === 'Enter') console.error('Leave a Reply admin: no root.');
        return (
          <section aria-label="Filter comments" class="state open" id="pages-list">
            <h2>Pages</h2>
            <b title={open ? 'Close it' : 'Open it'} rel="nofollow ugc">{say('tryAgain')}</b>
            {open ? 'Open' : say('isClosed')}
            <Form notice="Signed out." kind="page-finder" />
            <p class={\`card\${open ? ' selected' : ''}\`}>{' '}{count}</p>
          </section>
        );
      }`;
    expect(findInlineTexts('example.tsx', source).map(({ text }) => text)).toEqual([
      'The pages could not load.',
      'Moved {} comments.',
      'Filter comments',
      'Pages',
      'Close it',
      'Open it',
      'Open',
      'Signed out.',
    ]);
  });

  it('fills in placeholders and chooses the plural form by n', () => {
    expect(say('tryAgain')).toBe('Try again');
    expect(say('replyTo', { name: 'Ann Reader' })).toBe('Reply to Ann Reader');
    expect(say('deleteTicked', { n: 1 })).toBe('Delete 1 comment forever?');
    expect(say('deleteTicked', { n: 2 })).toBe('Delete 2 comments forever?');
    expect(say('approved', { n: 1 })).toBe('Approved 1 comment.');
    expect(say('approved', { n: 0 })).toBe('Approved 0 comments.');
    expect(say('dayCount', { day: 'Mar 1, 2024', n: 1 })).toBe('Mar 1, 2024: 1 comment');
    // Numbers are written as English writes them.
    expect(say('bodyTooLong', { n: 10_000 })).toBe('Please keep it under 10,000 characters.');
    expect(say('queueCount', { queue: say('queuePending'), n: 3 })).toBe('Pending (3)');
    expect(say('percent', { n: 12.5 })).toBe('12.5%');
  });

  it('puts elements where the placeholders of a marked-up text are', () => {
    expect(sayParts('postedOn', { date: 'DATE', page: 'PAGE' })).toEqual(['DATE', ' on ', 'PAGE']);
    const name = { type: 'b' };
    expect(sayParts('inReplyTo', { name, excerpt: 'Hello' })).toEqual([
      'In reply to ',
      name,
      ': “',
      'Hello',
      '”',
    ]);
  });

  it('gives each key in one part of the catalogue only', () => {
    const keys = Object.values(EN_PARTS).flatMap((part) => Object.keys(part));
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
  });

  it('has every text said somewhere, and each plural form with the same placeholders', () => {
    const sources = dashboardSources()
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
    const unused = Object.keys(en).filter((key) => !sources.includes(`'${key}'`));
    expect(unused).toEqual([]);
    const names = (text: string) =>
      [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [key, entry] of Object.entries(en)) {
      if (typeof entry === 'string') continue;
      expect(Object.keys(entry).sort(), key).toEqual(['one', 'other']);
      expect(names(entry.one), key).toEqual(names(entry.other));
      expect(names(entry.other), key).toContain('n');
    }
  });
});
