/** `export`: every page, comment, setting and subscriber, as one JSON document. */
import { exportSite, formatExport } from '../import/export-json.ts';
import type { Handler } from './command.ts';
import { withStorage } from './storage.ts';

export const exportAll: Handler = {
  run: ({ config }) =>
    withStorage(config, async (storage) => {
      console.log(formatExport(await exportSite(storage)));
      return 0;
    }),
};
