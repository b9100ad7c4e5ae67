/** `export`: every page, comment, setting and subscriber, as one JSON document. */
import { exportSite, formatExport } from '../import/export-json.ts';
import type { Handler } from './command.ts';
import { withStore } from './storage.ts';

export const exportAll: Handler = {
  run: ({ config }) =>
    withStore(config, (_store, db) => {
      console.log(formatExport(exportSite(db)));
      return 0;
    }),
};
