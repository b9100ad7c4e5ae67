import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.ts';
import {
  countRows,
  readComments,
  type StoredComment,
  useCliSandbox,
} from '../helpers/cli-sandbox.ts';

const sandbox = useCliSandbox('isso');
const { output } = sandbox;

const FIXTURE = fileURLToPath(
  new URL('../../../shared/fixtures/isso-generic.json', import.meta.url),
);
const ORIGIN = 'https://blog.example.com';

describe('import isso', () => {
  it("imports isso's generic.json: 2 threads with 1 comment each, both ids 0", async () => {
    const config = sandbox.configFor();
    expect(await runCli(['import', 'isso', FIXTURE, '--origin', ORIGIN], config)).toBe(0);
    expect(output.join('\n')).toBe(
      `Imported 2 comments (2 approved) on 2 new pages from ${FIXTURE}.`,
    );
    const comments = readComments(config);
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
    const config = sandbox.configFor();
    expect(await runCli(['import', 'isso', FIXTURE, '--origin', ORIGIN], config)).toBe(0);
    output.length = 0;
    expect(await runCli(['import', 'isso', FIXTURE, '--origin', ORIGIN], config)).toBe(0);
    expect(output.join('\n')).toBe(
      `Imported 0 comments on 0 new pages from ${FIXTURE}.\n2 comments were already imported.`,
    );
    expect(countRows(config)).toEqual({ pages: 2, comments: 2 });
  });

  it('requires --origin when thread ids are paths, and writes nothing', async () => {
    const config = sandbox.configFor();
    expect(await runCli(['import', 'isso', FIXTURE], config)).toBe(1);
    expect(output.join('\n')).toMatch(
      /"\/posts\/0001\/" are paths.*--origin https:\/\/blog\.example\.com/,
    );
    expect(countRows(config)).toEqual({ pages: 0, comments: 0 });
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

  it('refuses a truncated file with its line and column, and writes nothing', async () => {
    const config = sandbox.configFor();
    const text = readFileSync(FIXTURE, 'utf8');
    const file = join(sandbox.dir, 'cut.json');
    writeFileSync(file, `${text.slice(0, 200)}`);
    expect(await runCli(['import', 'isso', file, '--origin', ORIGIN], config)).toBe(1);
    expect(output.join('\n')).toMatch(
      /^Nothing was imported from .*cut\.json\. The file is not valid JSON .*at line 1, column \d+\.$/,
    );
    expect(countRows(config)).toEqual({ pages: 0, comments: 0 });
  });
});
