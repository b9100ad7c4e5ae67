/** `serve`: the server itself. */
import { startServer } from '../main.ts';
import { describeOpenModes } from '../storage/database-file.ts';
import type { Handler } from './command.ts';

export const serve: Handler = {
  run: async ({ config }) => {
    await startServer(config);
    // Said once the server runs, so that a start that fails says one thing only: why.
    const warning = describeOpenModes(config.databasePath);
    if (warning) console.error(warning);
    return 0;
  },
};
