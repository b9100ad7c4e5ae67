import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.ts';
import {
  countRows,
  datedBetween,
  fixturePath,
  readComments,
  useCliSandbox,
} from '../helpers/cli-sandbox.ts';

const sandbox = useCliSandbox('disqus');

/** The kitchen blog's Disqus export: 4 threads, 13 posts, each case labelled in the file. */
const EXPORT = 'disqus.xml';

describe('import disqus', () => {
  it('imports the export: 8 comments on 3 pages, saying what it skipped and why', async () => {
    const { comments, before, after } = await sandbox.imported(['disqus', fixturePath(EXPORT)]);
    const summary = sandbox.said();
    expect(summary).toContain('Imported 8 comments (7 approved, 1 spam) on 3 new pages');
    expect(summary).toContain(
      'Disqus exports no email addresses: 8 comments imported without one.',
    );
    expect(summary).toContain(
      'Skipped: 1 deleted on Disqus, 1 on a thread missing from the file, 1 on a thread with no web address, 1 without a post id, 1 with an empty message.',
    );

    expect(comments).toHaveLength(8);
    expect(comments.filter((comment) => comment.status === 'spam').map((c) => c.name)).toEqual([
      'Flour Deals',
    ]);
    expect(comments.every((comment) => comment.email === '')).toBe(true);
    expect(new Set(comments.map((comment) => comment.key))).toEqual(
      new Set([
        'https://kitchen.example.com/2019/07/starter-on-holiday',
        'http://localhost:4000/drafts/rye',
        'https://kitchen.example.com/ru/rye',
      ]),
    );
    const byName = (name: string) => comments.filter((comment) => comment.name === name);
    expect(byName('Noor')[0]).toMatchObject({
      body: 'Fed mine on Sunday; still bubbly on Friday.',
      title: 'Keeping a starter alive on holiday',
      created_at: '2015-04-02T09:30:00.000Z',
    });
    expect(byName('Oskar')[0]?.body).toBe('Same here.\nMine smelled of **nail varnish** though.');
    // A thread with an empty title gives the page none.
    expect(byName('Early')[0]?.title).toBeNull();
    // An author with no name is shown by username.
    expect(byName('thecook')[0]?.body).toBe(
      'That is acetone: [it is hungry](https://kitchen.example.com/hungry-starter/).',
    );
    expect(byName('Алексей')[0]).toMatchObject({
      body: 'Спасибо! Попробую с закваской на ржаной муке.',
      title: 'Ржаной хлеб: вопросы и ответы',
      created_at: '2017-03-02T07:00:00.000Z',
    });
    // A date that is not one: dated when imported.
    const undated = byName('Ελένη')[0];
    expect(undated?.body).toBe('Ευχαριστώ πολύ 🍞');
    expect(datedBetween(undated?.created_at, before, after)).toBe(true);
  });

  it('threads replies under their parents and makes a reply to a deleted post top-level', async () => {
    const { comments } = await sandbox.imported(['disqus', fixturePath(EXPORT)]);
    const noor = comments.find((comment) => comment.name === 'Noor');
    const [reply, orphan] = comments.filter((comment) => comment.name === 'Oskar');
    const answer = comments.find((comment) => comment.name === 'thecook');
    expect(reply).toMatchObject({ parent_id: noor?.id, root_id: noor?.id, depth: 2 });
    expect(answer).toMatchObject({ parent_id: reply?.id, root_id: noor?.id, depth: 3 });
    // Post 104 answers post 103, which was deleted on Disqus.
    expect(orphan?.body).toBe('Answering a comment that is no longer there.');
    expect(orphan).toMatchObject({ parent_id: null, root_id: null, depth: 1 });
    expect(Math.max(...comments.map((comment) => comment.depth))).toBe(3);
  });

  it('caps the depth of a long chain of replies at 5, under the top-level ancestor', async () => {
    const config = sandbox.configFor();
    const posts = Array.from(
      { length: 8 },
      (_, i) => `<post dsq:id="p${i}"><message><![CDATA[<p>Reply ${i}</p>]]></message>
        <createdAt>2020-01-0${i + 1}T00:00:00Z</createdAt><isDeleted>false</isDeleted>
        <isSpam>${i === 7 ? 'true' : 'false'}</isSpam><author><name></name><username>u${i}</username></author>
        <thread dsq:id="t"/>${i > 0 ? `<parent dsq:id="p${i - 1}"/>` : ''}</post>`,
    );
    const file = join(sandbox.dir, 'chain.xml');
    writeFileSync(
      file,
      `<?xml version="1.0"?><disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
        <thread dsq:id="t"><forum>f</forum><link>https://example.com/post</link><title>Post</title></thread>
        ${posts.reverse().join('\n')}</disqus>`,
    );
    expect(await runCli(['import', 'disqus', file], config)).toBe(0);
    expect(sandbox.said()).toContain('Imported 8 comments (7 approved, 1 spam) on 1 new page');
    const comments = readComments(config);
    const top = comments.find((comment) => comment.name === 'u0');
    expect(top?.depth).toBe(1);
    for (let i = 1; i < 8; i++) {
      const comment = comments.find((c) => c.name === `u${i}`);
      expect(comment?.depth).toBe(Math.min(i + 1, 5));
      expect(comment?.root_id).toBe(top?.id);
    }
    expect(comments.find((comment) => comment.name === 'u7')?.status).toBe('spam');
  });

  it('adds nothing when the same export is imported again', async () => {
    const { config, first, said } = await sandbox.reimported(['disqus', fixturePath(EXPORT)]);
    expect(said).toContain('Imported 0 comments on 0 new pages');
    expect(said).toContain('8 comments were already imported.');
    expect(readComments(config)).toEqual(first);
  });

  it('refuses a damaged export with an error naming line 1, writing nothing', async () => {
    const config = sandbox.configFor();
    await runCli(['import', 'disqus', fixturePath(EXPORT)], config);
    const before = countRows(config);
    sandbox.output.length = 0;
    expect(await runCli(['import', 'disqus', fixturePath('disqus-broken.xml')], config)).toBe(1);
    expect(sandbox.said()).toMatch(
      /^Nothing was imported from .*disqus-broken\.xml\. The file is not well-formed XML .* at line 1, column \d+/,
    );
    expect(countRows(config)).toEqual(before);
  });

  it('refuses a file cut short with an error naming its last line, writing nothing', async () => {
    const file = fixturePath('disqus-cut-short.xml');
    const lines = readFileSync(file, 'utf8').split('\n').length;
    // Its first post is whole, and still nothing of it is written.
    expect(await sandbox.refused(['disqus', file])).toMatch(
      new RegExp(`^Nothing was imported from .*disqus-cut-short\\.xml\\. .* at line ${lines},`),
    );
  });

  it('refuses the export cut before its deleted post, naming the line, writing nothing', async () => {
    const text = readFileSync(fixturePath(EXPORT), 'utf8');
    const kept = text.slice(0, text.indexOf('<!-- deleted post -->'));
    const file = join(sandbox.dir, 'cut.xml');
    writeFileSync(file, kept);
    expect(await sandbox.refused(['disqus', file])).toContain(`at line ${kept.split('\n').length}`);
  });

  it('explains the command line when no file is given', async () => {
    expect(await runCli(['import', 'disqus'], sandbox.configFor())).toBe(2);
    expect(sandbox.said()).toContain('Use "import disqus FILE.xml".');
  });
});
