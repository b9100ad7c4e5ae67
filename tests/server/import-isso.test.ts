import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.ts';
import {
  countRows,
  datedBetween,
  fixturePath,
  readComments,
  type StoredComment,
  useCliSandbox,
} from '../helpers/cli-sandbox.ts';

const sandbox = useCliSandbox('isso');

/** Isso's generic JSON: 3 threads (two ids are paths), 8 comments, replies by `parent`. */
const FIXTURE = fixturePath('isso.json');
const ORIGIN = 'https://kitchen.example.com';

describe('import isso', () => {
  it('imports the threads: 7 comments on 3 pages, the empty one skipped', async () => {
    const { comments, before, after } = await sandbox.imported([
      'isso',
      FIXTURE,
      '--origin',
      ORIGIN,
    ]);
    expect(sandbox.said()).toBe(
      `Imported 7 comments (7 approved) on 3 new pages from ${FIXTURE}.\nSkipped: 1 with an empty text.`,
    );
    expect(comments.map((c) => [c.key, c.title])).toEqual([
      ['https://kitchen.example.com/posts/rye', 'Rye & Spelt'],
      ['https://kitchen.example.com/posts/rye', 'Rye & Spelt'],
      ['https://kitchen.example.com/posts/rye', 'Rye & Spelt'],
      ['https://kitchen.example.com/posts/rye', 'Rye & Spelt'],
      ['https://kitchen.example.com/posts/starter', 'Keeping a starter alive'],
      ['https://kitchen.example.com/posts/starter', 'Keeping a starter alive'],
      ['https://kitchen.example.com/about', 'About'],
    ]);
    const [ann, , , eleni, hanako, ben, anonymous] = comments as StoredComment[];
    expect(ann).toMatchObject({
      status: 'approved',
      name: 'Ann Baker',
      email: '',
      website: 'https://ann.example.net',
      body: 'Rye needs *more* water than you think.',
      created_at: '2014-03-05T07:08:09.000Z',
      depth: 1,
      parent_id: null,
      root_id: null,
    });
    expect(ann?.html).toContain('<em>more</em>');
    expect(eleni).toMatchObject({
      name: 'Ελένη 🍞',
      email: '4815162342@1123581321.com',
      website: null,
      body: 'Ευχαριστώ για τη συνταγή!',
      created_at: '2014-03-06T11:00:00.123Z',
    });
    // Both threads start with comment id 0: two comments, each of its own thread.
    expect(hanako).toMatchObject({
      name: '山田 花子',
      body: '冷蔵庫で二週間、大丈夫でした。',
      website: null,
      created_at: '2015-06-07T08:09:10.000Z',
    });
    expect(hanako?.token_hash).not.toBe(ann?.token_hash);
    expect(ben).toMatchObject({
      name: 'Ben',
      email: 'ben@example.com',
      website: 'https://ben.example.com/',
      body: 'Good to know.',
      created_at: '2015-06-07T08:09:10.000Z',
      parent_id: hanako?.id,
    });
    expect(anonymous).toMatchObject({ name: 'Anonymous', body: 'Who are you?' });
    expect(datedBetween(anonymous?.created_at, before, after)).toBe(true);
  });

  it('threads replies via parent, three deep', async () => {
    const { comments } = await sandbox.imported(['isso', FIXTURE, '--origin', ORIGIN]);
    const [ann, ben, answer] = comments as StoredComment[];
    expect(ben).toMatchObject({ parent_id: ann?.id, root_id: ann?.id, depth: 2 });
    expect(answer).toMatchObject({ parent_id: ben?.id, root_id: ann?.id, depth: 3 });
  });

  it('adds nothing when the same file is imported again', async () => {
    const { config, said } = await sandbox.reimported(['isso', FIXTURE, '--origin', ORIGIN]);
    expect(said).toBe(
      `Imported 0 comments on 0 new pages from ${FIXTURE}.\n7 comments were already imported.\nSkipped: 1 with an empty text.`,
    );
    expect(countRows(config)).toEqual({ pages: 3, comments: 7 });
  });

  it('requires --origin when thread ids are paths, and writes nothing', async () => {
    expect(await sandbox.refused(['isso', FIXTURE])).toMatch(
      /"\/posts\/rye\/" are paths.*--origin https:\/\/blog\.example\.com/,
    );
  });

  it('threads replies via parent, root_id the top-level ancestor, depth capped at 5', async () => {
    const config = sandbox.configFor();
    const chain = Array.from({ length: 7 }, (_, i) => ({
      id: i + 1,
      parent: i === 0 ? null : i,
      author: `Author ${i + 1}`,
      email: '',
      website: 'javascript:alert(1)',
      created: `2020-01-01T00:00:0${i}Z`,
      text: `Comment *${i + 1}*`,
    }));
    // Replies before their parents in the file.
    const file = join(sandbox.dir, 'threaded.json');
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'https://Example.com/post/?utm_source=x', title: 'T', comments: chain.reverse() },
      ]),
    );
    expect(await runCli(['import', 'isso', file], config)).toBe(0);
    const comments = readComments(config);
    expect(comments).toHaveLength(7);
    const byName = new Map(comments.map((c) => [c.name, c]));
    const root = byName.get('Author 1');
    expect(root).toMatchObject({ depth: 1, parent_id: null, key: 'https://example.com/post' });
    for (let i = 2; i <= 7; i++) {
      const c = byName.get(`Author ${i}`);
      expect(c?.parent_id).toBe(byName.get(`Author ${i - 1}`)?.id);
      expect(c?.root_id).toBe(root?.id);
      expect(c?.depth).toBe(Math.min(i, 5));
      expect(c?.website).toBeNull();
    }
    expect(root?.html).toContain('<em>1</em>');
  });

  it('refuses a file cut short with its line and column, and writes nothing', async () => {
    const file = fixturePath('isso-cut-short.json.part');
    // It breaks off inside the text of line 58.
    expect(await sandbox.refused(['isso', file, '--origin', ORIGIN])).toMatch(
      /^Nothing was imported from .*isso-cut-short\.json\.part\. The file is not valid JSON .*at line 58, column \d+\.$/,
    );
  });
});
