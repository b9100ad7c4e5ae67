/** `data export` and `data erase`: the reader's rights over their data, a copy or its erasure. */
import { erasePersonalData, exportPersonalData } from '../comments/personal-data.ts';
import { UsageError } from '../errors.ts';
import type { Handler } from './command.ts';
import { withStorage } from './storage.ts';

/** A reader's rights over what is stored for their address. */
export type Right = 'export' | 'erase';

/** The address a personal-data command names. */
function emailOf(right: Right, word: string | undefined): string {
  const email = word?.trim();
  if (!email) throw new UsageError(`"data ${right}" needs an email address.`);
  return email;
}

/** `data RIGHT EMAIL`. */
export function personalData(right: Right): Handler {
  return {
    check: ({ positionals }) => {
      emailOf(right, positionals[0]);
    },
    run: ({ config, positionals }) => {
      const email = emailOf(right, positionals[0]);
      return withStorage(config, async (storage) => {
        if (right === 'export') {
          console.log(JSON.stringify(await exportPersonalData(storage, email), null, 2));
          return 0;
        }
        const erased = await erasePersonalData(storage, email, new Date());
        console.log(`Erased ${erased} comment${erased === 1 ? '' : 's'} stored for ${email}.`);
        return 0;
      });
    },
  };
}
