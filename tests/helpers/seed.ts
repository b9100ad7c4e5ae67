/** Comments posted through the public API before a browser test opens the page they are on. */
import { seedComment } from './app.ts';
import type { RunningServer } from './server.ts';

/** One comment of a thread to seed. */
export interface Seed {
  name: string;
  body: string;
  /** Index, among the seeds, of the comment this one replies to. */
  parent?: number;
  website?: string;
}

/** Posts `comments` in order, each newComment(comment) (see app.ts); returns their ids. */
export async function seedComments<const T extends readonly object[]>(
  server: Pick<RunningServer, 'app'>,
  comments: T,
): Promise<{ [K in keyof T]: number }> {
  const ids: number[] = [];
  for (const comment of comments) ids.push(await seedComment(server, comment));
  return ids as { [K in keyof T]: number };
}

/**
 * Posts `seeds` in order as `base` (e.g. `{ url, title }`) with the seed's fields, seed n from
 * readerN@example.com and a reply to the seed its `parent` names; returns their ids. Nothing else
 * is sent: no title or website unless `base` or the seed has one. `posted` is called with each
 * id before the next seed is posted: to approve a held comment, so that the next may reply to it.
 */
export async function seedThread(
  server: Pick<RunningServer, 'app'>,
  base: object,
  seeds: readonly Seed[],
  posted: (id: number) => Promise<void> = async () => {},
): Promise<number[]> {
  const ids: number[] = [];
  for (const [n, { parent, ...fields }] of seeds.entries()) {
    const id = await seedComment(server, {
      // Not newComment's own: a field left undefined is not sent at all.
      title: undefined,
      website: undefined,
      ...base,
      email: `reader${n}@example.com`,
      ...fields,
      parent: parent === undefined ? null : ids[parent],
    });
    await posted(id);
    ids.push(id);
  }
  return ids;
}

/** 120 top-level comments posted as `base`, the first with a reply: three pages of 50. */
export function seedLongThread(
  server: Pick<RunningServer, 'app'>,
  base: object,
): Promise<number[]> {
  const seeds: Seed[] = [];
  for (let i = 0; i < 120; i++) {
    seeds.push({ name: `Reader ${i}`, body: `Comment number ${i}` });
    if (i === 0) seeds.push({ name: 'Replier', body: 'A reply on the first page', parent: 0 });
  }
  return seedThread(server, base, seeds);
}
