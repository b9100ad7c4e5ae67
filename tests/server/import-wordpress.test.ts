import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateWxr } from '../../bench/generate-wxr.ts';
import { runCli } from '../../server/cli.ts';
import type { Config } from '../../server/config.ts';
import { convertCommentHtml } from '../../server/import/wordpress-html.ts';
import { runCommand } from '../helpers/cli-process.ts';
import {
  countByStatus,
  countRows,
  datedBetween,
  expectBreaksAsText,
  expectDeepChain,
  fixturePath,
  readComments,
  useCliSandbox,
} from '../helpers/cli-sandbox.ts';

const sandbox = useCliSandbox('wordpress');

const countPages = (config: Config) => countRows(config).pages;

/** Imports one of our WordPress fixtures, with `flags`, into a database of its own. */
const importWordPress = (fixture: string, ...flags: string[]) =>
  sandbox.imported(['wordpress', fixturePath(fixture), ...flags]);

/**
 * Imports `file` into a database that holds the one comment of wordpress-slashes.xml, which must
 * refuse it (exit code 1) and keep that comment and its page as they were.
 */
async function refusedOverOne(file: string) {
  const { config, comments: before } = await importWordPress('wordpress-slashes.xml');
  sandbox.output.length = 0;
  expect(await runCli(['import', 'wordpress', file], config)).toBe(1);
  expect(readComments(config)).toEqual(before);
  expect(countPages(config)).toBe(1);
  return { config, before, said: sandbox.said() };
}

/** The kitchen blog's whole export: 8 items with comments, 34 comments, 4 of them pings. */
const SITE = 'wordpress-site.xml';
/** A password-protected post, a private one and a public one whose comment holds entities. */
const PROTECTED = 'wordpress-protected.xml';

describe('import wordpress', () => {
  it('imports a whole site: 30 comments on 8 pages, pings skipped', async () => {
    const { config, comments } = await importWordPress(SITE);
    expect(comments).toHaveLength(30);
    // Each with a token of its own.
    expect(new Set(comments.map((comment) => comment.token_hash)).size).toBe(30);
    // The password-protected post's approved comment comes in held: 26 approved, 4 held.
    expect(countByStatus(comments)).toEqual({ approved: 26, pending: 4 });
    // The attachment and the menu entry have no comments, so no page.
    expect(countPages(config)).toBe(8);
    expect(sandbox.said()).toContain(
      'Imported 30 comments (26 approved, 4 pending) on 8 new pages',
    );
    expect(sandbox.said()).toContain(
      '1 comment of password-protected or private posts was imported as held.',
    );
    expect(comments.find((comment) => comment.name === 'Noor')?.status).toBe('pending');
    expect(sandbox.said()).toContain('Skipped: 2 pingbacks, 2 trackbacks.');
  });

  it('keeps pingbacks and trackbacks when asked: all 34, 30 approved and 4 pending', async () => {
    const { comments } = await importWordPress(SITE, '--with-pingbacks');
    expect(comments).toHaveLength(34);
    expect(countByStatus(comments)).toEqual({ approved: 30, pending: 4 });
    // The pings' author names hold entities that WordPress escaped; readers see the characters.
    expect(comments.map((comment) => comment.name)).toEqual(
      expect.arrayContaining([
        'Crumb Notes » Why rye’s worth it',
        'Baker’s Log',
        'Crumb Notes » Rye, again',
        'Flour & Water',
      ]),
    );
    expect(comments.find((comment) => comment.name === 'Baker’s Log')?.website).toBe(
      'https://bakerslog.example.com/2021/06/03/',
    );
  });

  it('threads the ten-deep chain under its top-level comment, depth capped at 5', async () => {
    const { comments } = await importWordPress(SITE);
    // A held reply to an approved comment keeps its place in the thread.
    expectDeepChain(comments, 'Reply level', 'Mine never came back, honestly.');
  });

  it('keeps non-ASCII names and text, and dates in UTC', async () => {
    const { comments } = await importWordPress(SITE);
    const greek = comments
      .map((comment) => comment.name)
      .filter((name) => /[\u0370-\u03ff]/.test(name));
    expect(greek).toEqual(['Ελένη Παπαδοπούλου', 'Γιώργος Νικολάου', 'Στέλιος']);
    const body = comments.find((comment) => comment.body.includes('σίκαλης'));
    expect(body?.html).toContain('Το ψωμί σίκαλης θέλει περισσότερο νερό.');
    expect(comments.find((comment) => comment.name === '山田 花子')?.body).toBe(
      'ライ麦パンは難しいですが、おいしいです。',
    );
    expect(comments.find((comment) => comment.name === 'Zoë Ångström 🍞')?.body).toBe(
      'A crust like this 🔥🔥 — tack så mycket! 面包很好吃。',
    );
    expect(comments.find((comment) => comment.name === '王芳')?.body).toBe(
      '我用了斯佩尔特小麦，效果很好。',
    );
    // The title's entity was escaped for XML and again by WordPress: decoded both times.
    expect(body?.title).toBe('Rye, spelt & other flours');
    const dates = comments.map((comment) => comment.created_at).sort();
    for (const date of dates) expect(date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(dates[0]).toBe('2009-03-01T08:15:00.000Z');
    expect(dates.at(-1)).toBe('2024-11-30T23:59:59.000Z');
  });

  it('decodes entities escaped twice, and keeps CDATA paragraphs, line breaks and links', async () => {
    const { comments } = await importWordPress(SITE);
    const bodyOf = (name: string) => comments.filter((c) => c.name === name).map((c) => c.body);
    expect(bodyOf('Marta Quist')).toEqual([
      'I left mine in the fridge for three weeks & it came back after two feeds. “Patience” is the word.',
      'Cold, straight from the fridge.\nThen warm water for the second feed.\n\nIt doubled by the evening.',
      'Thanks for the links, everyone.',
    ]);
    expect(bodyOf('The Cook')[0]).toBe(
      'That matches what I saw.\n\nDid you *feed* it cold or warm?',
    );
    expect(bodyOf('Lou')).toEqual([
      'There is [a good rye guide](https://flour.example.org/rye?grind=fine&bag=5kg) for this.',
    ]);
    // Whitespace around a name, an email or a text is not part of it; a missing name is.
    expect(comments.find((c) => c.body.startsWith('Spaces and tabs'))).toMatchObject({
      name: 'Sam Whitespace',
      email: 'sam@example.com',
      body: 'Spaces and tabs around this one should not matter.',
    });
    expect(comments.find((c) => c.body === 'Which oven do you use?')).toMatchObject({
      name: 'Anonymous',
      status: 'pending',
    });
    expect(comments.find((c) => c.name === 'Noor')?.title).toBe('Members’ recipe');
  });

  it('holds the approved comments of password-protected and private posts, and says so', async () => {
    const { config, comments } = await importWordPress(PROTECTED);
    expect(comments.map((row) => [row.name, row.title, row.status, row.depth])).toEqual([
      ['Ada', 'Members’ starter schedule', 'pending', 1],
      ['Bo', 'Members’ starter schedule', 'pending', 2],
      ['Cy', 'Members’ starter schedule', 'pending', 1],
      ['Cheap Flour', 'Members’ starter schedule', 'spam', 1],
      ['Dee', 'Notes to self', 'pending', 1],
      ['René Légér & Co', 'Open bake day', 'approved', 1],
    ]);
    expect(sandbox.said()).toContain(
      'Imported 6 comments (1 approved, 4 pending, 1 spam) on 3 new pages',
    );
    // Cy's comment was held in WordPress already; Ada's, Bo's and Dee's are held because of their post.
    expect(sandbox.said()).toContain(
      '3 comments of password-protected or private posts were imported as held.',
    );
    // Held, not lost: a second run finds them all and holds nothing more.
    sandbox.output.length = 0;
    expect(await runCli(['import', 'wordpress', fixturePath(PROTECTED)], config)).toBe(0);
    expect(sandbox.said()).toContain('6 comments were already imported.');
    expect(sandbox.said()).not.toContain('imported as held');
  });

  it('holds them when the built command imports the file too', async () => {
    const config = sandbox.configFor();
    const run = await runCommand(['import', 'wordpress', fixturePath(PROTECTED)], {
      env: { DATABASE_PATH: config.databasePath },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '3 comments of password-protected or private posts were imported as held.',
    );
    const comments = readComments(config);
    expect(countByStatus(comments)).toEqual({ approved: 1, pending: 4, spam: 1 });
    const html = comments.find((row) => row.status === 'approved')?.html.replace(/\n/g, '');
    expect(html).toContain('<ul><li>flour<ul><li>rye</li>');
  });

  it('decodes entities in names and keeps nested lists, numbers and an address', async () => {
    const { comments } = await importWordPress(PROTECTED);
    const comment = comments.find((row) => row.status === 'approved');
    expect(comment?.name).toBe('René Légér & Co');
    expect(comment?.body).toBe(
      'Café au lait, crème & a crêpe. What to bring:\n\n- flour\n  - rye\n  - spelt\n- water\n\n3. mix\n4. wait\n\n1 Mill Lane\nRyeford',
    );
    expect(comment?.html.replace(/\n/g, '')).toBe(
      '<p>Café au lait, crème &amp; a crêpe. What to bring:</p><ul><li>flour<ul><li>rye</li><li>spelt</li></ul></li><li>water</li></ul><ol start="3"><li>mix</li><li>wait</li></ol><p>1 Mill Lane<br />Ryeford</p>',
    );
  });

  it('turns the markup test comment into markdown without losing its words', async () => {
    const { comments } = await importWordPress(SITE);
    const markup = comments.find((comment) => comment.body.startsWith('**Headings**'));
    expect(markup?.body).not.toMatch(/<\/?(h1|h2|table|dl|abbr|strong)\b/);
    expect(markup?.html).not.toMatch(/<(h1|h2|table|img|script)\b/);
    expect(markup?.html).toContain('<strong>Headings</strong>');
    expect(markup?.body).toContain('Smallest heading');
    expect(markup?.body).toContain('The part of the starter that goes into the dough.');
    // Tags that were escaped in WordPress are text, and stay text.
    expect(markup?.html).toContain('&lt;script&gt;alert("no")&lt;/script&gt;');
    const photo = comments.find((comment) => comment.name === 'Photo Person');
    expect(photo?.body).toMatch(/^Here is the crumb: +not bad\.$/);
    expect(photo?.html).not.toContain('<img');
  });

  it('imports the first comment of WXR 1.0 and 1.1 files, decoding its entity', async () => {
    const files = { 'wordpress-1.0.xml': 'New Site', 'wordpress-1.1.xml': 'Fresh Install' };
    for (const [name, author] of Object.entries(files)) {
      const { config, comments } = await sandbox.imported(['wordpress', fixturePath(name)], name);
      expect(comments).toHaveLength(1);
      expect(comments[0]).toMatchObject({
        name: author,
        status: 'approved',
        depth: 1,
        email: '',
        website: 'http://example.org/',
        key: 'http://localhost/?p=1',
        title: 'First loaf',
      });
      expectBreaksAsText(comments[0], "This is where readers' comments will go.");
      expect(countPages(config)).toBe(1);
    }
  });

  it('keeps WordPress slashes and non-ASCII text exactly', async () => {
    const { comments } = await importWordPress('wordpress-slashes.xml');
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe(
      'C:\\dough\\rye.txt \\o/ ┐(´～｀)┌ \\"as is\\" \\\\server\\share',
    );
    expect(comments[0]?.name).toBe("D\\'Arcy \\\\ Ó Súilleabháin");
    expect(comments[0]?.title).toBe('Back\\slash \\\\ path');
    expect(comments[0]?.created_at).toBe('2011-02-03T03:05:06.000Z');
  });

  it('turns a link into markdown and keeps the comment in CDATA fields, not its meta', async () => {
    const [comment, ...others] = (await importWordPress('wordpress-serialized-meta.xml')).comments;
    expect(others).toEqual([]);
    expect(comment).toMatchObject({ status: 'approved', email: 'helper@meta.example.org' });
    expect(comment?.body).toContain("[the bakery's map](https://maps.example.org/bakery)");
    expect(comment?.html).toContain(
      `<a href="https://maps.example.org/bakery" rel="nofollow ugc noopener">the bakery's map</a>`,
    );
    expect(comment?.body).not.toMatch(/ζεστό|a:2:/);
  });

  it('leaves out block-editor notes, which are not public comments', async () => {
    const { comments } = await importWordPress('wordpress-notes.xml');
    expect(comments.map((comment) => [comment.status, comment.body])).toEqual([
      ['approved', 'Seven is perfect for me.'],
    ]);
    expect(sandbox.said()).toContain('Skipped: 2 editorial notes');
  });

  it('maps the old origin to the new one for page keys', async () => {
    const { comments } = await importWordPress(
      SITE,
      '--map-origin',
      'https://old-kitchen.example.org=https://kitchen.example.com',
    );
    expect(
      new Set(comments.map((comment) => comment.key.split('/').slice(0, 3).join('/'))),
    ).toEqual(new Set(['https://kitchen.example.com']));
    const comment = comments.find((row) => row.name === 'Noor');
    expect(comment?.key).toBe('https://kitchen.example.com/?p=105');
    expect(comment?.created_at).toBe('2022-03-04T05:07:08.000Z');
  });

  it('threads a hand-trimmed file three deep, and tells apart a comment id repeated on two posts', async () => {
    const { config, comments, before, after } = await importWordPress('wordpress-hand-trimmed.xml');
    expect(comments).toHaveLength(8);
    expect(Math.max(...comments.map((comment) => comment.depth))).toBe(3);
    expect(comments.every((comment) => comment.email === comment.email.trim())).toBe(true);
    const jo = comments.find((comment) => comment.body.startsWith('Größe matters'));
    const sasha = comments.find((comment) => comment.name === 'Sasha');
    expect(jo?.key).toBe('https://trimmed.example.org/2014/01/hello-again');
    expect(sasha?.key).toBe('https://trimmed.example.org/?p=4');
    expect(countPages(config)).toBe(2);
    // Whitespace before a CDATA section is not part of the text.
    expect(comments.find((comment) => comment.body === 'Welcome back!')?.parent_id).toBe(jo?.id);
    // A comment without dates is dated when it is imported.
    const undated = comments.find((comment) => comment.body.startsWith('Thanks, Kim.'));
    expect(datedBetween(undated?.created_at, before, after)).toBe(true);
  });

  it('holds a comment whose file gives no status, and dates it when imported', async () => {
    const { comments, before, after } = await importWordPress('wordpress-sparse.xml');
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({
      status: 'pending',
      depth: 1,
      parent_id: null,
      name: 'Minimal Max',
      email: '',
      website: null,
      body: 'Only what is needed.',
    });
    expect(datedBetween(comments[0]?.created_at, before, after)).toBe(true);
    expect(sandbox.said()).toContain('Imported 1 comment (1 pending) on 1 new page');
  });

  it('keeps spam and trash, skips unknown statuses, and threads a reply listed before its parent', async () => {
    const { comments } = await importWordPress('wordpress-statuses.xml');
    expect(comments.map((row) => [row.body, row.status, row.trashed_from, row.depth])).toEqual([
      ['Comment 1', 'approved', null, 1],
      ['Comment 2', 'approved', null, 2],
      ['Comment 3', 'spam', null, 1],
      ['Comment 4', 'trash', 'approved', 1],
    ]);
    expect(comments[1]?.parent_id).toBe(comments[0]?.id);
    // The GMT date is WordPress's zero date, so the local one stands in.
    expect(comments[0]?.created_at).toBe('2020-02-03T05:05:06.000Z');
    expect(comments[1]?.created_at).toBe('2020-02-03T04:05:06.000Z');
    expect(comments.every((row) => row.website === null && row.title === 'A & B')).toBe(true);
    expect(comments[0]?.key).toBe('https://old.example.com/a');
    expect(sandbox.said()).toContain('Skipped: 1 with unknown status "post-trashed".');
  });

  it('adds nothing when the same file is imported again', async () => {
    const args = ['wordpress', fixturePath(SITE), '--with-pingbacks'];
    const { config, first, said } = await sandbox.reimported(args);
    expect(said).toContain('Imported 0 comments on 0 new pages');
    expect(said).toContain('34 comments were already imported.');
    expect(readComments(config)).toEqual(first);
    expect(countPages(config)).toBe(8);
  });

  it('rejects a file cut short, naming its last line, and leaves the database as it was', async () => {
    const file = fixturePath('wordpress-cut-short.xml');
    const lines = readFileSync(file, 'utf8').split('\n').length;
    // Its first item is whole, and still nothing of it is written.
    expect((await refusedOverOne(file)).said).toMatch(
      new RegExp(
        `Nothing was imported from .*wordpress-cut-short\\.xml\\. .* at line ${lines}, column \\d+`,
      ),
    );
  });

  it('rejects the site cut in half, naming the line, and leaves the database as it was', async () => {
    const text = readFileSync(fixturePath(SITE), 'utf8');
    const truncated = join(sandbox.dir, 'truncated.xml');
    writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
    expect((await refusedOverOne(truncated)).said).toMatch(
      /Nothing was imported from .*truncated\.xml\. .* at line \d+, column \d+/,
    );
  });

  it('streams a 5 MB export in, and a copy cut in the middle leaves the database as it was', async () => {
    const file = join(sandbox.dir, 'generated.xml');
    const made = await generateWxr(file, 5 * 1024 * 1024);
    const bytes = readFileSync(file);
    const truncated = join(sandbox.dir, 'generated-truncated.xml');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const { config, before, said } = await refusedOverOne(truncated);
    expect(said).toMatch(/Nothing was imported from .* at line \d+, column \d+/);
    sandbox.output.length = 0;
    expect(await runCli(['import', 'wordpress', file], config)).toBe(0);
    expect(sandbox.said()).toContain(`Imported ${made.comments} comments`);
    expect(readComments(config)).toHaveLength(before.length + made.comments);
    expect(countPages(config)).toBe(1 + made.items);
  }, 120_000);

  it('rejects a file that is not XML', async () => {
    expect(await sandbox.refused(['wordpress', fixturePath('isso.json')])).toMatch(
      /not well-formed XML .* at line \d+, column \d+: text data outside of root node/,
    );
  });

  it('explains the usage when the file is missing or the origin map is malformed', async () => {
    const config = sandbox.configFor();
    expect(await runCli(['import', 'wordpress'], config)).toBe(2);
    const args = ['import', 'wordpress', fixturePath(SITE), '--map-origin', 'old.example'];
    expect(await runCli(args, config)).toBe(2);
    expect(sandbox.said()).toContain('--map-origin must look like');
  });
});

describe('convertCommentHtml', () => {
  it('turns WordPress markup into the stored markdown subset', () => {
    expect(
      convertCommentHtml(
        '<p>Hello <em>there</em> &amp; <strong>welcome</strong><br />to <a href="https://example.com/a">my <i>site</i></a>.</p><blockquote>Quoted\nline</blockquote><p><code>x = 1</code> <span>kept</span> &lt;b&gt;</p>',
      ),
    ).toBe(
      'Hello *there* & **welcome**\nto [my *site*](https://example.com/a).\n\n> Quoted\n> line\n\n`x = 1` kept <b>',
    );
  });

  it('keeps the words of a link it cannot follow', () => {
    expect(convertCommentHtml('<a href="javascript:alert(1)">click</a>')).toBe('click');
  });
});
