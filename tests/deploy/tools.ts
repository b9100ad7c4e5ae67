/**
 * The programs a deployment test drives (nginx, openssl, systemd-analyze). On a developer's
 * machine without them the test says so in one line and is skipped; in CI, where
 * REQUIRE_DEPLOY_TOOLS=true, their absence fails it, so that a skip can never pass for a pass.
 */
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

// Where Debian puts system programs: not on a non-root user's PATH, yet runnable by anyone.
const SYSTEM_FOLDERS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

function findProgram(name: string): string | null {
  const folders = [...(process.env.PATH ?? '').split(delimiter), ...SYSTEM_FOLDERS];
  for (const folder of folders.filter(Boolean)) {
    const path = join(folder, name);
    if (existsSync(path) && statSync(path).isFile() && (statSync(path).mode & 0o111) !== 0)
      return path;
  }
  return null;
}

/**
 * The paths of `names`, or null when one is missing and REQUIRE_DEPLOY_TOOLS is not `true`
 * (after one line saying what is skipped); throws when one is missing and it is.
 */
export function deployTools<Name extends string>(
  suite: string,
  names: readonly Name[],
): Record<Name, string> | null {
  const found = Object.fromEntries(names.map((name) => [name, findProgram(name)]));
  const missing = names.filter((name) => !found[name]);
  if (missing.length === 0) return found as Record<Name, string>;
  const message = `${suite}: ${missing.join(', ')} not found`;
  const them = missing.length > 1 ? 'them' : 'it';
  if (process.env.REQUIRE_DEPLOY_TOOLS === 'true')
    throw new Error(`${message}, and REQUIRE_DEPLOY_TOOLS=true requires ${them}.`);
  console.warn(`${message}: skipped (install ${them}, or set REQUIRE_DEPLOY_TOOLS=true to fail).`);
  return null;
}
