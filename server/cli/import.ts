/**
 * `import json|disqus|isso|wordpress FILE`: a file read into the database in one transaction,
 * all of it or nothing. Each command loads its own importer only.
 */

import { UsageError } from '../errors.ts';
import type { Handler, OptionValues } from './command.ts';

export const importJson: Handler = {
  run: async ({ config, positionals }) => {
    const { runJsonImport } = await import('../import/json-import.ts');
    return runJsonImport(config, positionals[0] as string);
  },
};

export const importDisqus: Handler = {
  run: async ({ config, positionals }) => {
    const { runDisqusImport } = await import('../import/disqus.ts');
    return runDisqusImport(config, positionals);
  },
};

export const importIsso: Handler = {
  run: async ({ config, values, positionals }) => {
    const { runIssoImport } = await import('../import/isso.ts');
    const origin = values.origin;
    return runIssoImport(config, [
      ...positionals,
      ...(typeof origin === 'string' ? ['--origin', origin] : []),
    ]);
  },
};

/** `--map-origin OLD=NEW` of `import wordpress`. */
function mapOriginOf(values: OptionValues): { from: string; to: string } | undefined {
  const given = values['map-origin'];
  if (typeof given !== 'string') return undefined;
  const [from, to, ...extra] = given.split('=');
  if (!from || !to || extra.length > 0 || !/^https?:\/\//.test(from) || !/^https?:\/\//.test(to))
    throw new UsageError(
      '--map-origin must look like https://old.example.com=https://new.example.com.',
    );
  return { from, to };
}

/** Streamed into one transaction, item by item, or nothing. */
export const importWordPress: Handler = {
  check: ({ values }) => {
    mapOriginOf(values);
  },
  run: async ({ config, values, positionals }) => {
    const file = positionals[0] as string;
    const mapOrigin = mapOriginOf(values);
    const [
      { describeWordPressImport, describeWordPressProgress, importWordPressFile },
      { runImportCommand },
    ] = await Promise.all([import('../import/wordpress.ts'), import('../import/importer.ts')]);
    return runImportCommand(file, async () => {
      // A large export takes a while; a terminal sees one line update (a log file would not want it).
      const started = Date.now();
      let shown = 0;
      const progress = process.stderr.isTTY
        ? (read: Parameters<typeof describeWordPressProgress>[0]) => {
            const now = Date.now();
            if (now - shown < 200 && read.bytesRead < read.totalBytes) return;
            shown = now;
            process.stderr.write(`\r\x1b[K${describeWordPressProgress(read, now - started)}`);
          }
        : undefined;
      const result = await importWordPressFile(
        config,
        file,
        { mapOrigin, withPingbacks: values['with-pingbacks'] === true },
        progress,
      ).finally(() => {
        if (progress) process.stderr.write('\n');
      });
      return describeWordPressImport(file, result);
    });
  },
};
