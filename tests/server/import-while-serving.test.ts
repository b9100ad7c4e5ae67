/**
 * An import on a live site: while its file is still being read, the server's posts are stored
 * and answered, and the import still writes all of its file or nothing of it. The import has a
 * storage of its own, as the command line's process would: on SQLite a connection of its own.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { disqusImporter } from '../../server/import/disqus.ts';
import { exportSite } from '../../server/import/export-json.ts';
import { type Importer, type ImportProgress, runImport } from '../../server/import/importer.ts';
import { issoImporter } from '../../server/import/isso.ts';
import { wordPressImporter } from '../../server/import/wordpress.ts';
import { openStorage, type Storage } from '../../server/storage/storage.ts';
import { createTestApp, newComment, type TestApp } from '../helpers/app.ts';
import { fixturePath } from '../helpers/cli-sandbox.ts';

/** The streaming importers, each with a file of its format and the comments that file holds. */
const FORMATS: [string, () => Importer<unknown, unknown>, string, number][] = [
  ['a WordPress', () => wordPressImporter(), 'wordpress-site.xml', 30],
  ['a Disqus', () => disqusImporter(), 'disqus.xml', 8],
  ['an Isso', () => issoImporter({ origin: 'https://kitchen.example.com' }), 'isso.json', 7],
];

/**
 * An import of `file` whose input this test feeds: its first half at once, the rest when the
 * test says. `halfRead` settles once the importer has read the first half and waits for more.
 */
function startImport(
  storage: Storage,
  importer: Importer<unknown, unknown>,
  file: string,
): { halfRead: Promise<void>; finish: (whole: boolean) => Promise<unknown> } {
  const bytes = readFileSync(fixturePath(file));
  const half = Math.floor(bytes.length / 2);
  const input = new PassThrough();
  let reached: () => void = () => {};
  const read = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const onProgress = ({ bytesRead }: ImportProgress) => {
    if (bytesRead >= half) reached();
  };
  const done = runImport(storage, importer, input, { onProgress });
  input.write(bytes.subarray(0, half));
  return {
    halfRead: Promise.race([
      read,
      done.then(() => {
        throw new Error('The import ended before the rest of its file came.');
      }),
    ]),
    finish: (whole) => {
      input.end(whole ? bytes.subarray(half) : undefined);
      return done;
    },
  };
}

/** Posts a reader's comment through the API; returns the answer's status and the comment's id. */
async function post(test: TestApp): Promise<{ status: number; id: number | undefined }> {
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/comments',
    payload: newComment({ body: 'Posted while the import reads its file.' }),
  });
  return {
    status: response.statusCode,
    id: (response.json() as { comment?: { id: number } }).comment?.id,
  };
}

/** The ids of every comment stored, in order, as the import's own storage reads them. */
async function storedIds(storage: Storage): Promise<unknown[]> {
  return (await exportSite(storage)).comments.map((comment) => comment.id);
}

describe('an import while the server takes comments', () => {
  let test: TestApp;
  let storage: Storage;
  afterEach(async () => {
    await storage.close();
    await test.close();
  });

  for (const [format, importer, file, comments] of FORMATS) {
    it(`stores and answers a comment posted while ${format} import waits for the rest of its file`, async () => {
      test = await createTestApp();
      storage = await openStorage(test.config);
      const running = startImport(storage, importer(), file);
      await running.halfRead;

      const posted = await post(test);
      expect(posted.status).toBe(201);
      expect(await storedIds(storage)).toEqual([posted.id]);

      await running.finish(true);
      const stored = await storedIds(storage);
      expect(stored).toHaveLength(1 + comments);
      expect(stored.filter((id) => id === posted.id)).toHaveLength(1);
    });
  }

  it('writes nothing of a file cut short half-way, and keeps the comment posted meanwhile', async () => {
    test = await createTestApp();
    storage = await openStorage(test.config);
    const running = startImport(storage, wordPressImporter(), 'wordpress-site.xml');
    await running.halfRead;
    const posted = await post(test);
    expect(posted.status).toBe(201);

    await expect(running.finish(false)).rejects.toThrow(/not well-formed XML .* at line \d+/);
    expect(await storedIds(storage)).toEqual([posted.id]);
  });
});
