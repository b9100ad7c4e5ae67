/**
 * The WordPress importer over real exports from other projects: WordPress's Theme Unit Test
 * data and the WordPress importer's and Isso's test files (see SOURCES.md beside them): what
 * tests/server/import-wordpress.test.ts proves on our own fixtures, proved again on files
 * written by WordPress and by the people who test it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.ts';
import {
  countByStatus,
  countRows,
  expectBreaksAsText,
  expectDeepChain,
  readComments,
  useCliSandbox,
} from '../helpers/cli-sandbox.ts';
import type { SharedFixtures } from './shared-fixtures.ts';

const UNIT_TEST_DATA = 'wptt-themeunittestdata.wordpress.xml';

/** Registers the WordPress tests over the third-party exports in `shared`. */
export function describeWordPressExports(shared: SharedFixtures): void {
  describe('import wordpress', () => {
    const sandbox = useCliSandbox('interop-wordpress');
    /** Imports one of the shared exports, with `flags`, into a database of its own. */
    const importWordPress = (file: string, ...flags: string[]) =>
      sandbox.imported(['wordpress', shared.path(file), ...flags]);

    it('imports the theme unit test data: 29 comments on 7 pages, pings skipped', async () => {
      const { config, comments } = await importWordPress(UNIT_TEST_DATA);
      expect(comments).toHaveLength(29);
      // Each with a token of its own.
      expect(new Set(comments.map((comment) => comment.token_hash)).size).toBe(29);
      // The password-protected post's approved comment comes in held: 25 approved, 4 held.
      expect(countByStatus(comments)).toEqual({ approved: 25, pending: 4 });
      expect(countRows(config).pages).toBe(7);
      expect(sandbox.said()).toContain(
        'Imported 29 comments (25 approved, 4 pending) on 7 new pages',
      );
      expect(sandbox.said()).toContain(
        '1 comment of password-protected or private posts was imported as held.',
      );
      expect(
        comments.find((comment) => comment.body.startsWith('This comment should not be visible'))
          ?.status,
      ).toBe('pending');
      expect(sandbox.said()).toContain('Skipped: 2 trackbacks, 2 pingbacks.');
    });

    it('keeps pingbacks and trackbacks when asked: all 33, 29 approved and 4 pending', async () => {
      const { comments } = await importWordPress(UNIT_TEST_DATA, '--with-pingbacks');
      expect(comments).toHaveLength(33);
      expect(countByStatus(comments)).toEqual({ approved: 29, pending: 4 });
      // The ping's author name holds entities that WordPress escaped; readers see the characters.
      expect(comments.map((comment) => comment.name)).toContain('Ping 1 « What’s a tellyworth?');
    });

    it('threads the ten-deep chain under its top-level comment, depth capped at 5', async () => {
      const { comments } = await importWordPress(UNIT_TEST_DATA);
      // A held reply to an approved comment keeps its place in the thread.
      expectDeepChain(comments, 'Comment Depth', 'nothing useful to say');
    });

    it('keeps non-ASCII names and text, and dates in UTC', async () => {
      const { comments } = await importWordPress(UNIT_TEST_DATA);
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
      const { comments } = await importWordPress(UNIT_TEST_DATA);
      const markup = comments.find((comment) => comment.body.startsWith('**Headings**'));
      expect(markup?.body).not.toMatch(/<\/?(h1|table|dl|abbr|strong)\b/);
      expect(markup?.html).not.toMatch(/<(h1|table|img|script)\b/);
      expect(markup?.html).toContain('<strong>Headings</strong>');
      expect(markup?.body).toContain('Header six');
    });

    it('imports the stock comment of WXR 1.0 and 1.1 files, decoding its entity', async () => {
      for (const name of ['wpimporter-valid-wxr-1.0.xml', 'wpimporter-valid-wxr-1.1.xml']) {
        const { comments } = await sandbox.imported(['wordpress', shared.path(name)], name);
        expect(comments).toHaveLength(1);
        expect(comments[0]).toMatchObject({
          status: 'approved',
          depth: 1,
          name: 'Mr WordPress',
          email: '',
          website: 'http://wordpress.org/',
          key: 'http://localhost/?p=1',
        });
        expectBreaksAsText(comments[0], "view the post's comments");
      }
    });

    it('keeps WordPress slashes and non-ASCII text exactly', async () => {
      const { comments } = await importWordPress('wpimporter-slashes.xml');
      expect(comments).toHaveLength(1);
      expect(comments[0]?.body).toBe('\\o/ ¯\\_(ツ)_/¯');
      expect(comments[0]?.created_at).toBe('2011-01-18T20:53:18.000Z');
    });

    it('turns a link into markdown and keeps the comment in CDATA fields', async () => {
      const [comment] = (await importWordPress('wpimporter-test-serialized-comment-meta.xml'))
        .comments;
      expect(comment).toMatchObject({ status: 'approved', email: 'wapuu@wordpress.example' });
      expect(comment?.body).toContain('[Gravatar](https://gravatar.com)');
      expect(comment?.html).toContain(
        '<a href="https://gravatar.com" rel="nofollow ugc noopener">Gravatar</a>',
      );
    });

    it('leaves out block-editor notes, which are not public comments', async () => {
      const { comments } = await importWordPress('wpimporter-wxr-with-note-comments.xml');
      expect(comments.map((comment) => comment.status)).toEqual(['approved']);
      expect(sandbox.said()).toContain('Skipped: 2 editorial notes');
    });

    it('maps the old origin to the new one for page keys', async () => {
      const [comment] = (
        await importWordPress(
          'wpimporter-e2e-wxr-comprehensive.xml',
          '--map-origin',
          'https://playground.internal=https://blog.example.com',
        )
      ).comments;
      expect(comment?.key).toBe('https://blog.example.com/site?p=1000');
      expect(comment).toMatchObject({ name: 'Commenter', created_at: '2024-06-06T10:00:00.000Z' });
    });

    it('threads the isso sample three deep, and tells apart a comment id repeated on two posts', async () => {
      const { comments } = await importWordPress('isso-wordpress.xml');
      expect(comments).toHaveLength(8);
      expect(Math.max(...comments.map((comment) => comment.depth))).toBe(3);
      expect(comments.every((comment) => comment.email === comment.email.trim())).toBe(true);
    });

    it('adds nothing when the same file is imported again', async () => {
      const args = ['wordpress', shared.path(UNIT_TEST_DATA), '--with-pingbacks'];
      const { config, first, said } = await sandbox.reimported(args);
      expect(said).toContain('Imported 0 comments on 0 new pages');
      expect(said).toContain('33 comments were already imported.');
      expect(readComments(config)).toEqual(first);
      expect(countRows(config).pages).toBe(7);
    });

    it('rejects a cut-short file, naming the line, and leaves the database as it was', async () => {
      const config = sandbox.configFor();
      await runCli(['import', 'wordpress', shared.path('wpimporter-slashes.xml')], config);
      const before = readComments(config);
      const text = readFileSync(shared.path(UNIT_TEST_DATA), 'utf8');
      const truncated = join(sandbox.dir, 'truncated.xml');
      writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
      sandbox.output.length = 0;
      expect(await runCli(['import', 'wordpress', truncated], config)).toBe(1);
      expect(sandbox.said()).toMatch(
        /Nothing was imported from .*truncated\.xml\. .* at line \d+, column \d+/,
      );
      expect(readComments(config)).toEqual(before);
      expect(countRows(config).pages).toBe(1);
    });

    it('rejects a file that is not XML', async () => {
      expect(await sandbox.refused(['wordpress', shared.path('isso-generic.json')])).toMatch(
        /not well-formed XML .* at line 1, column \d+/,
      );
    });
  });
}
