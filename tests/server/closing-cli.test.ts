/**
 * `leave-a-reply pages close KEY`, `pages open KEY` and `pages list`, run as the site owner runs
 * them (the built command, a process of its own) on the database a running app serves from.
 */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/cli-process.ts';
import { postComment, readThread } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const PAGE = 'http://localhost:8080/posts/hello';
const start = useTestApps({ MODERATION: 'none' });

describe('leave-a-reply pages', () => {
  it('closes and opens a page for the running server, whatever CLOSE_AFTER_DAYS says', async () => {
    const test = await start({ CLOSE_AFTER_DAYS: '30' });
    expect((await postComment(test)).statusCode).toBe(201);
    const env = { DATABASE_PATH: test.config.databasePath, CLOSE_AFTER_DAYS: '30' };

    const closed = await runCommand(['pages', 'close', PAGE], { env });
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stdout).toContain(`Closed "Hello" (${PAGE}) to new comments.`);
    expect((await readThread(test)).json().open).toBe(false);
    const refused = await postComment(test, { body: 'Shut out.' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('comments_closed');

    const listed = await runCommand(['pages', 'list'], { env });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(`^${PAGE}  closed by hand  published \\d{4}-\\d{2}-\\d{2}  1 comment$`, 'm'),
    );

    // An address as the browser shows it finds the page its key normalises to.
    const opened = await runCommand(['pages', 'open', `${PAGE}/#comments`], { env });
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stdout).toContain('Opened "Hello"');
    expect((await readThread(test)).json().open).toBe(true);
    expect((await postComment(test, { body: 'Back in.' })).statusCode).toBe(201);
  });

  it('says so when no page has the key, changing nothing, and asks for a key when given none', async () => {
    const test = await start();
    expect((await postComment(test)).statusCode).toBe(201);
    const env = { DATABASE_PATH: test.config.databasePath };
    const unknown = await runCommand(['pages', 'close', 'https://nowhere.example.com/x'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'There is no page with the key https://nowhere.example.com/x.',
    );
    const bare = await runCommand(['pages', 'close'], { env });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Use "pages close KEY".');
    expect((await readThread(test)).json().open).toBe(true);
  });

  it('tells what each command does in its help', async () => {
    const help = await runCommand(['help', 'pages']);
    expect(help.code, help.stderr).toBe(0);
    for (const words of ['pages list', 'pages close KEY', 'pages open KEY'])
      expect(help.stdout).toContain(words);
  });
});
