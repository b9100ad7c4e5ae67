/**
 * The Isso importer over Isso's own test file for its "generic" import format (see SOURCES.md
 * beside it): what tests/server/import-isso.test.ts proves on our own fixture, proved again on
 * a file that Isso's developers wrote.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { countRows, type StoredComment, useCliSandbox } from '../helpers/cli-sandbox.ts';
import type { SharedFixtures } from './shared-fixtures.ts';

const ORIGIN = 'https://blog.example.com';

/** Registers the Isso tests over the third-party file in `shared`. */
export function describeIssoExports(shared: SharedFixtures): void {
  describe('import isso', () => {
    const sandbox = useCliSandbox('interop-isso');
    // Read when a test runs: the folder may be missing when the suite is only collected.
    let fixture = '';
    beforeEach(() => {
      fixture = shared.path('isso-generic.json');
    });

    it("imports isso's generic.json: 2 threads with 1 comment each, both ids 0", async () => {
      const { comments } = await sandbox.imported(['isso', fixture, '--origin', ORIGIN]);
      expect(sandbox.said()).toBe(
        `Imported 2 comments (2 approved) on 2 new pages from ${fixture}.`,
      );
      expect(comments).toHaveLength(2);
      expect(comments.map((c) => c.key)).toEqual([
        'https://blog.example.com/posts/0001',
        'https://blog.example.com/posts/0007',
      ]);
      expect(comments.map((c) => c.title)).toEqual(['Test post', 'Nat & Miguel']);
      const [spam, richard] = comments as [StoredComment, StoredComment];
      expect(spam).toMatchObject({
        status: 'approved',
        name: 'texas holdem',
        email: '',
        website: 'http://www.tigerspice.com',
        body: "Great men can't be ruled. by free online poker",
        created_at: '2005-02-24T04:03:37.000Z',
        depth: 1,
        parent_id: null,
        root_id: null,
      });
      expect(richard).toMatchObject({
        name: 'Richard Crinshaw',
        email: '105421439@87750645.com',
        website: null,
        body: 'Ja-make-a me crazzy mon :)',
        created_at: '2005-05-08T06:50:26.000Z',
      });
      expect(richard.html).toContain('Ja-make-a me crazzy mon :)');
      expect(spam.token_hash).not.toBe(richard.token_hash);
    });

    it('adds nothing when the same file is imported again', async () => {
      const { config, said } = await sandbox.reimported(['isso', fixture, '--origin', ORIGIN]);
      expect(said).toBe(
        `Imported 0 comments on 0 new pages from ${fixture}.\n2 comments were already imported.`,
      );
      expect(countRows(config)).toEqual({ pages: 2, comments: 2 });
    });

    it('requires --origin when thread ids are paths, and writes nothing', async () => {
      expect(await sandbox.refused(['isso', fixture])).toMatch(
        /"\/posts\/0001\/" are paths.*--origin https:\/\/blog\.example\.com/,
      );
    });

    it('refuses a truncated file with its line and column, and writes nothing', async () => {
      const text = readFileSync(fixture, 'utf8');
      const file = join(sandbox.dir, 'cut.json');
      writeFileSync(file, `${text.slice(0, 200)}`);
      expect(await sandbox.refused(['isso', file, '--origin', ORIGIN])).toMatch(
        /^Nothing was imported from .*cut\.json\. The file is not valid JSON .*at line 1, column \d+\.$/,
      );
    });
  });
}
