/**
 * The Disqus importer over real exports from other projects: Isso's Disqus test file, and
 * Remark42's deliberately broken one (see SOURCES.md beside them): what
 * tests/server/import-disqus.test.ts proves on our own fixtures, proved again on theirs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.ts';
import { countRows, readComments, useCliSandbox } from '../helpers/cli-sandbox.ts';
import type { SharedFixtures } from './shared-fixtures.ts';

const ISSO = 'isso-disqus.xml';

/** Registers the Disqus tests over the third-party exports in `shared`. */
export function describeDisqusExports(shared: SharedFixtures): void {
  describe('import disqus', () => {
    const sandbox = useCliSandbox('interop-disqus');
    it("imports isso's Disqus export: 4 comments on 2 pages, skipping the deleted and the orphaned post", async () => {
      const { comments } = await sandbox.imported(['disqus', shared.path(ISSO)]);
      const summary = sandbox.said();
      expect(summary).toContain('Imported 4 comments (4 approved) on 2 new pages');
      expect(summary).toContain(
        'Disqus exports no email addresses: 4 comments imported without one.',
      );
      expect(summary).toContain('1 deleted on Disqus');
      expect(summary).toContain('1 on a thread missing from the file');

      expect(comments).toHaveLength(4);
      expect(comments.every((comment) => comment.status === 'approved')).toBe(true);
      expect(comments.every((comment) => comment.email === '')).toBe(true);
      expect(new Set(comments.map((comment) => comment.key)).size).toBe(2);
      const byName = (name: string) => comments.filter((comment) => comment.name === name);
      expect(byName('peter')[0]?.body).toBe('...');
      expect(byName('Empty')[0]?.body).toBe('Message from thread with empty title and id');
      expect(byName('Empty')[0]?.title).toBeNull();
      expect(byName('peter')[0]?.title).toBe('Hello, World!');
      expect(byName('peter')[0]?.created_at).toBe('2013-10-10T19:20:29.000Z');
    });

    it('threads a reply under its parent and makes a reply to a deleted post top-level', async () => {
      const { comments } = await sandbox.imported(['disqus', shared.path(ISSO)]);
      const peter = comments.find((comment) => comment.name === 'peter');
      const replies = comments.filter((comment) => comment.name === 'user');
      expect(replies).toHaveLength(2);
      const [reply, orphan] = replies;
      expect(reply?.parent_id).toBe(peter?.id);
      expect(reply?.root_id).toBe(peter?.id);
      expect(reply?.depth).toBe(2);
      // Post 11 answers post 9, which was deleted on Disqus.
      expect(orphan?.parent_id).toBeNull();
      expect(orphan?.depth).toBe(1);
      expect(Math.max(...comments.map((comment) => comment.depth))).toBe(2);
    });

    it('adds nothing when the same export is imported again', async () => {
      const { config, first, said } = await sandbox.reimported(['disqus', shared.path(ISSO)]);
      expect(said).toContain('Imported 0 comments on 0 new pages');
      expect(said).toContain('4 comments were already imported.');
      expect(readComments(config)).toEqual(first);
    });

    it("refuses remark42's broken export with an error naming line 1, writing nothing", async () => {
      const config = sandbox.configFor();
      await runCli(['import', 'disqus', shared.path(ISSO)], config);
      const before = countRows(config);
      sandbox.output.length = 0;
      expect(await runCli(['import', 'disqus', shared.path('remark42-disqus.xml')], config)).toBe(
        1,
      );
      expect(sandbox.said()).toMatch(
        /^Nothing was imported from .*remark42-disqus\.xml\. The file is not well-formed XML .* at line 1, column \d+/,
      );
      expect(countRows(config)).toEqual(before);
    });

    it('refuses a file cut short with an error naming the line, writing nothing', async () => {
      const text = readFileSync(shared.path(ISSO), 'utf8');
      const file = join(sandbox.dir, 'cut.xml');
      writeFileSync(file, text.slice(0, text.indexOf('<!-- deleted post -->')));
      const said = await sandbox.refused(['disqus', file]);
      const lines = text.slice(0, text.indexOf('<!-- deleted post -->')).split('\n').length;
      expect(said).toContain(`at line ${lines}`);
    });
  });
}
