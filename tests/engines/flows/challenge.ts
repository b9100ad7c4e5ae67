/**
 * The proof-of-work challenge in every engine: a comment the server finds suspicious (a
 * first-time commenter's link) is answered 428; the widget loads its solver, finds the number
 * with the engine's Web Crypto, and posts the comment again, which then shows in the thread.
 */
import { expect, it } from 'vitest';
import type { EngineSuite } from '../../helpers/engine-suite.ts';
import { openThread, postComment, servePost } from './reader.ts';

/** A cheap challenge, as tests use: a few batches of hashes in the browser. */
const SETTINGS = { MODERATION: 'none', CHALLENGE: 'suspicious', CHALLENGE_COST: '20000' };

/** The names of the files the page loaded, as Resource Timing lists them. */
function loadedFiles(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname.split('/').pop() ?? '');
}

export function challengeFlows(suite: EngineSuite): void {
  it('solves the challenge a suspicious comment is asked, with Web Crypto, and posts it', async () => {
    const { url } = await servePost(suite, 'Starter notes', SETTINGS);
    const page = await openThread(suite, url);
    // Engines that log a failed request log the 428 that asks for the challenge.
    page.expectProblems(/\b428\b/);
    expect((await page.evaluate(loadedFiles)).some((name) => name.startsWith('challenge.'))).toBe(
      false,
    );

    const body = 'My starter notes are at https://notes.example.com/starter, for anyone curious.';
    await postComment(page, { body, name: 'Ann Reader', email: 'ann@example.com' });
    await page.visible({ css: 'li.comment p', text: body });
    expect(await page.value('#comment')).toBe('');
    expect(
      (await page.evaluate(loadedFiles)).filter((name) => name.startsWith('challenge.')),
    ).toHaveLength(1);
  });
}
