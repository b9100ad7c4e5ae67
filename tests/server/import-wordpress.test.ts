import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateWxr } from '../../bench/generate-wxr.ts';
import { runCli } from '../../server/cli.ts';
import type { Config } from '../../server/config.ts';
import { openDatabase } from '../../server/db/open.ts';
import { convertCommentHtml } from '../../server/import/wordpress-html.ts';
import {
  fixturePath,
  readComments,
  type StoredComment,
  useCliSandbox,
} from '../helpers/cli-sandbox.ts';

const sandbox = useCliSandbox('wordpress');
const { output } = sandbox;

function countPages(config: Config): number {
  const db = openDatabase(config.databasePath);
  try {
    return db.prepare('SELECT COUNT(*) FROM pages').pluck().get() as number;
  } finally {
    db.close();
  }
}

function byStatus(comments: StoredComment[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const comment of comments) counts[comment.status] = (counts[comment.status] ?? 0) + 1;
  return counts;
}

const UNIT_TEST_DATA = 'wptt-themeunittestdata.wordpress.xml';

describe('import wordpress', () => {
  it('imports the theme unit test data: 29 comments on 7 pages, pings skipped', async () => {
    const config = sandbox.configFor();
    expect(await runCli(['import', 'wordpress', fixturePath(UNIT_TEST_DATA)], config)).toBe(0);
    const comments = readComments(config);
    expect(comments).toHaveLength(29);
    expect(byStatus(comments)).toEqual({ approved: 26, pending: 3 });
    expect(countPages(config)).toBe(7);
    expect(output.join('\n')).toContain(
      'Imported 29 comments (26 approved, 3 pending) on 7 new pages',
    );
    expect(output.join('\n')).toContain('Skipped: 2 trackbacks, 2 pingbacks.');
    expect(new Set(comments.map((comment) => comment.token_hash)).size).toBe(29);
  });

  it('keeps pingbacks and trackbacks when asked: all 33, 30 approved and 3 pending', async () => {
    const config = sandbox.configFor();
    const args = ['import', 'wordpress', fixturePath(UNIT_TEST_DATA), '--with-pingbacks'];
    expect(await runCli(args, config)).toBe(0);
    const comments = readComments(config);
    expect(comments).toHaveLength(33);
    expect(byStatus(comments)).toEqual({ approved: 30, pending: 3 });
    // The ping's author name holds entities that WordPress escaped; readers see the characters.
    expect(comments.map((comment) => comment.name)).toContain('Ping 1 « What’s a tellyworth?');
  });

  it('threads the ten-deep chain under its top-level comment, depth capped at 5', async () => {
    const config = sandbox.configFor();
    await runCli(['import', 'wordpress', fixturePath(UNIT_TEST_DATA)], config);
    const comments = readComments(config);
    const chain = comments.filter((comment) => comment.body.startsWith('Comment Depth'));
    expect(chain).toHaveLength(10);
    const [top, ...replies] = chain as [StoredComment, ...StoredComment[]];
    expect(top).toMatchObject({ parent_id: null, root_id: null, depth: 1 });
    let parent = top;
    for (const reply of replies) {
      expect(reply.parent_id).toBe(parent.id);
      expect(reply.root_id).toBe(top.id);
      parent = reply;
    }
    expect(chain.map((comment) => comment.depth)).toEqual([1, 2, 3, 4, 5, 5, 5, 5, 5, 5]);
    // A held reply to an approved comment keeps its place in the thread.
    const held = comments.find((comment) => comment.body === 'nothing useful to say');
    expect(held).toMatchObject({ status: 'pending', depth: 2 });
    expect(comments.find((comment) => comment.id === held?.parent_id)?.status).toBe('approved');
  });

  it('keeps non-ASCII names and text, and dates in UTC', async () => {
    const config = sandbox.configFor();
    await runCli(['import', 'wordpress', fixturePath(UNIT_TEST_DATA)], config);
    const comments = readComments(config);
    const greek = comments.filter((comment) => /[\u0370-\u03ff]/.test(comment.name));
    expect(greek).toHaveLength(4);
    expect(greek.map((comment) => comment.name)).toContain('John Γιάννης Doe Κάποιος');
    const body = comments.find((comment) => comment.body.includes('Σίγουρα'));
    expect(body?.html).toContain('Σίγουρα θα σχολιάσουμε τα τεστς!');
    const dates = comments.map((comment) => comment.created_at).sort();
    for (const date of dates) expect(date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(dates[0]?.slice(0, 10)).toBe('2007-09-04');
    expect(dates.at(-1)?.slice(0, 10)).toBe('2023-01-16');
  });

  it('turns the markup test comment into markdown without losing its words', async () => {
    const config = sandbox.configFor();
    await runCli(['import', 'wordpress', fixturePath(UNIT_TEST_DATA)], config);
    const markup = readComments(config).find((comment) => comment.body.startsWith('**Headings**'));
    expect(markup?.body).not.toMatch(/<\/?(h1|table|dl|abbr|strong)\b/);
    expect(markup?.html).not.toMatch(/<(h1|table|img|script)\b/);
    expect(markup?.html).toContain('<strong>Headings</strong>');
    expect(markup?.body).toContain('Header six');
  });

  it('imports the stock comment of WXR 1.0 and 1.1 files, decoding its entity', async () => {
    for (const name of ['wpimporter-valid-wxr-1.0.xml', 'wpimporter-valid-wxr-1.1.xml']) {
      const config = sandbox.configFor(name);
      expect(await runCli(['import', 'wordpress', fixturePath(name)], config)).toBe(0);
      const comments = readComments(config);
      expect(comments).toHaveLength(1);
      expect(comments[0]).toMatchObject({
        status: 'approved',
        depth: 1,
        name: 'Mr WordPress',
        email: '',
        website: 'http://wordpress.org/',
        key: 'http://localhost/?p=1',
      });
      expect(comments[0]?.body).toContain("view the post's comments");
      expect(comments[0]?.body).not.toMatch(/<br|&#039;/);
      expect(comments[0]?.html).toContain('<br />');
    }
  });

  it('keeps WordPress slashes and non-ASCII text exactly', async () => {
    const config = sandbox.configFor();
    await runCli(['import', 'wordpress', fixturePath('wpimporter-slashes.xml')], config);
    const comments = readComments(config);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe('\\o/ ¯\\_(ツ)_/¯');
    expect(comments[0]?.created_at).toBe('2011-01-18T20:53:18.000Z');
  });

  it('turns a link into markdown and keeps the comment in CDATA fields', async () => {
    const config = sandbox.configFor();
    await runCli(
      ['import', 'wordpress', fixturePath('wpimporter-test-serialized-comment-meta.xml')],
      config,
    );
    const [comment] = readComments(config);
    expect(comment).toMatchObject({ status: 'approved', email: 'wapuu@wordpress.example' });
    expect(comment?.body).toContain('[Gravatar](https://gravatar.com)');
    expect(comment?.html).toContain(
      '<a href="https://gravatar.com" rel="nofollow ugc noopener">Gravatar</a>',
    );
  });

  it('leaves out block-editor notes, which are not public comments', async () => {
    const config = sandbox.configFor();
    await runCli(
      ['import', 'wordpress', fixturePath('wpimporter-wxr-with-note-comments.xml')],
      config,
    );
    expect(readComments(config).map((comment) => comment.status)).toEqual(['approved']);
    expect(output.join('\n')).toContain('Skipped: 2 editorial notes');
  });

  it('maps the old origin to the new one for page keys', async () => {
    const config = sandbox.configFor();
    const args = [
      'import',
      'wordpress',
      fixturePath('wpimporter-e2e-wxr-comprehensive.xml'),
      '--map-origin',
      'https://playground.internal=https://blog.example.com',
    ];
    expect(await runCli(args, config)).toBe(0);
    const [comment] = readComments(config);
    expect(comment?.key).toBe('https://blog.example.com/site?p=1000');
    expect(comment).toMatchObject({ name: 'Commenter', created_at: '2024-06-06T10:00:00.000Z' });
  });

  it('threads the isso sample three deep, and tells apart a comment id repeated on two posts', async () => {
    const config = sandbox.configFor();
    await runCli(['import', 'wordpress', fixturePath('isso-wordpress.xml')], config);
    const comments = readComments(config);
    expect(comments).toHaveLength(8);
    expect(Math.max(...comments.map((comment) => comment.depth))).toBe(3);
    expect(comments.every((comment) => comment.email === comment.email.trim())).toBe(true);
  });

  it('keeps spam and trash, skips unknown statuses, and threads a reply listed before its parent', async () => {
    const config = sandbox.configFor();
    const file = join(sandbox.dir, 'statuses.xml');
    const comment = (id: number, approved: string, parent = 0, gmt = '2020-02-03 04:05:06') =>
      `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>Ann</wp:comment_author>
        <wp:comment_author_url>javascript:alert(1)</wp:comment_author_url>
        <wp:comment_date>2020-02-03 05:05:06</wp:comment_date><wp:comment_date_gmt>${gmt}</wp:comment_date_gmt>
        <wp:comment_content>Comment ${id}</wp:comment_content><wp:comment_approved>${approved}</wp:comment_approved>
        <wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`;
    writeFileSync(
      file,
      `<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>
        <link>https://old.example.com</link><item><title>A &amp; B</title>
        <link>https://old.example.com/a/</link>
        ${comment(2, '1', 1)}${comment(1, '1', 0, '0000-00-00 00:00:00')}${comment(3, 'spam')}
        ${comment(4, 'trash')}${comment(5, 'post-trashed')}</item></channel></rss>`,
    );
    expect(await runCli(['import', 'wordpress', file], config)).toBe(0);
    const comments = readComments(config);
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
    expect(output.join('\n')).toContain('Skipped: 1 with unknown status "post-trashed".');
  });

  it('adds nothing when the same file is imported again', async () => {
    const config = sandbox.configFor();
    await runCli(['import', 'wordpress', fixturePath(UNIT_TEST_DATA), '--with-pingbacks'], config);
    const before = readComments(config);
    output.length = 0;
    expect(
      await runCli(
        ['import', 'wordpress', fixturePath(UNIT_TEST_DATA), '--with-pingbacks'],
        config,
      ),
    ).toBe(0);
    expect(output.join('\n')).toContain('Imported 0 comments on 0 new pages');
    expect(output.join('\n')).toContain('33 comments were already imported.');
    expect(readComments(config)).toEqual(before);
    expect(countPages(config)).toBe(7);
  });

  it('rejects a cut-short file, naming the line, and leaves the database as it was', async () => {
    const config = sandbox.configFor();
    await runCli(['import', 'wordpress', fixturePath('wpimporter-slashes.xml')], config);
    const before = readComments(config);
    const text = readFileSync(fixturePath(UNIT_TEST_DATA), 'utf8');
    const truncated = join(sandbox.dir, 'truncated.xml');
    writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
    output.length = 0;
    expect(await runCli(['import', 'wordpress', truncated], config)).toBe(1);
    expect(output.join('\n')).toMatch(
      /Nothing was imported from .*truncated\.xml\. .* at line \d+, column \d+/,
    );
    expect(readComments(config)).toEqual(before);
    expect(countPages(config)).toBe(1);
  });

  it('streams a 5 MB export in, and a copy cut in the middle leaves the database as it was', async () => {
    const config = sandbox.configFor();
    await runCli(['import', 'wordpress', fixturePath('wpimporter-slashes.xml')], config);
    const before = readComments(config);
    const file = join(sandbox.dir, 'generated.xml');
    const made = await generateWxr(file, 5 * 1024 * 1024);
    const bytes = readFileSync(file);
    const truncated = join(sandbox.dir, 'generated-truncated.xml');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    output.length = 0;
    expect(await runCli(['import', 'wordpress', truncated], config)).toBe(1);
    expect(output.join('\n')).toMatch(/Nothing was imported from .* at line \d+, column \d+/);
    expect(readComments(config)).toEqual(before);
    expect(countPages(config)).toBe(1);
    output.length = 0;
    expect(await runCli(['import', 'wordpress', file], config)).toBe(0);
    expect(output.join('\n')).toContain(`Imported ${made.comments} comments`);
    expect(readComments(config)).toHaveLength(before.length + made.comments);
    expect(countPages(config)).toBe(1 + made.items);
  }, 120_000);

  it('rejects a file that is not XML', async () => {
    const config = sandbox.configFor();
    expect(await runCli(['import', 'wordpress', fixturePath('isso-generic.json')], config)).toBe(1);
    expect(output.join('\n')).toMatch(/not well-formed XML .* at line 1, column \d+/);
  });

  it('explains the usage when the file is missing or the origin map is malformed', async () => {
    const config = sandbox.configFor();
    expect(await runCli(['import', 'wordpress'], config)).toBe(2);
    const args = [
      'import',
      'wordpress',
      fixturePath(UNIT_TEST_DATA),
      '--map-origin',
      'old.example',
    ];
    expect(await runCli(args, config)).toBe(2);
    expect(output.join('\n')).toContain('--map-origin must look like');
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
