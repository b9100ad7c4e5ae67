/** `admin set-password`: the dashboard's password, typed at a hidden prompt or piped in. */
import { hashPassword } from '../http/admin-session.ts';
import type { Handler } from './command.ts';
import { withStorage } from './storage.ts';

/** What a terminal in raw mode sends for Ctrl+C. */
const CTRL_C = String.fromCharCode(3);

/** Reads the password: typed at a hidden prompt, or the first line piped in; null if cancelled. */
async function readPassword(input: NodeJS.ReadableStream): Promise<string | null> {
  const terminal = input as NodeJS.ReadStream;
  if (terminal.isTTY) process.stdout.write('New dashboard password (not shown): ');
  terminal.setRawMode?.(true);
  let typed = '';
  try {
    for await (const chunk of input) {
      typed += chunk.toString();
      if (/[\r\n]/.test(typed) || typed.includes(CTRL_C)) break;
    }
  } finally {
    terminal.setRawMode?.(false);
    if (terminal.isTTY) process.stdout.write('\n');
  }
  if (typed.includes(CTRL_C)) return null;
  return typed.split(/\r?\n|\r/)[0] ?? '';
}

export const setPassword: Handler = {
  run: async ({ config, input }) => {
    const password = await readPassword(input);
    if (password === null) {
      console.error('Cancelled: the password is unchanged.');
      return 1;
    }
    if (password.length < 8) {
      console.error('The password must be at least 8 characters long.');
      return 1;
    }
    const hash = await hashPassword(password);
    await withStorage(config, ({ secrets }) => secrets.replacePassword(hash));
    console.log(
      'The dashboard password is set, and every dashboard session has ended. Sign in at /admin.',
    );
    return 0;
  },
};
