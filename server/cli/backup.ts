/** `backup PATH [--force]`: an online copy with SQLite's backup API. */
import { BackupRefused } from '../errors.ts';
import { backupDatabase, formatBytes } from '../storage/backup.ts';
import type { Handler } from './command.ts';

export const backup: Handler = {
  run: async ({ config, values, positionals }) => {
    try {
      const result = await backupDatabase(config.databasePath, positionals[0] as string, {
        force: values.force === true,
      });
      console.log(
        `Backed up ${result.comments} comment${result.comments === 1 ? '' : 's'} to ${result.path} (${formatBytes(result.bytes)}).`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof BackupRefused)) throw error;
      console.error(error.message);
      return 1;
    }
  },
};
