/** `backup PATH [--force]`: an online copy with SQLite's backup API. */
import { BackupRefused } from '../errors.ts';
import { backupDatabase, formatBytes } from '../storage/backup.ts';
import type { Handler } from './command.ts';

export const backup: Handler = {
  run: async ({ config, values, positionals }) => {
    if (config.databaseUrl) {
      // PostgreSQL's own tools copy a live database consistently; this one copies SQLite files.
      console.error(
        'DATABASE_URL names a PostgreSQL database: back it up with pg_dump (pg_dump -Fc DB > comments.dump), or copy it into a SQLite file with "leave-a-reply copy --from URL --to FILE.db".',
      );
      return 1;
    }
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
