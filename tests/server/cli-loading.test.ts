import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/storage/open.ts';
import { runCommand } from '../helpers/cli-process.ts';

// Each command imports its handler when it runs, so that a quick one does not wait for the
// server's or the mail's packages. A preloaded probe names, as the process exits, every
// package that was loaded (all of ours that matter here are CommonJS, so in require.cache).
const PROBE = `
process.on('exit', () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const at = file.lastIndexOf('/node_modules/');
    if (at < 0) continue;
    const [scope, name] = file.slice(at + '/node_modules/'.length).split('/');
    names.add(scope.startsWith('@') ? scope + '/' + name : scope);
  }
  process.stderr.write('Packages loaded: ' + [...names].sort().join(' ') + '\\n');
});
`;

let dir: string;
let env: Record<string, string>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-cli-loading-'));
  const probe = join(dir, 'probe.cjs');
  writeFileSync(probe, PROBE);
  env = { DATABASE_PATH: join(dir, 'comments.db'), NODE_OPTIONS: `--require ${probe}` };
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The packages that `leave-a-reply ARGS` loaded, run as a process. */
async function packagesLoadedBy(args: string[]): Promise<string[]> {
  const { code, stderr } = await runCommand(args, { env, cwd: dir });
  expect({ args, code }).toEqual({ args, code: 0 });
  const line = /^Packages loaded: (.*)$/m.exec(stderr)?.[1];
  expect(line).toBeDefined();
  return (line as string).split(' ').filter(Boolean);
}

describe('the leave-a-reply command loads only what the command it runs needs', () => {
  it('prints --version without loading any package: no database, server or mail', async () => {
    expect(await packagesLoadedBy(['--version'])).toEqual([]);
  }, 30_000);

  it('lists comments with SQLite loaded, but neither Fastify nor nodemailer', async () => {
    openDatabase(env.DATABASE_PATH as string).close();
    const loaded = await packagesLoadedBy(['comments', 'list']);
    expect(loaded).toContain('better-sqlite3');
    expect(loaded).not.toContain('fastify');
    expect(loaded).not.toContain('nodemailer');
  }, 30_000);
});
