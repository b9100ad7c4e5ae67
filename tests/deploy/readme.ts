/**
 * The deployment files README.md gives, read out of its fenced blocks: the tests run the very
 * text a site owner copies, so that the documentation cannot drift from what works.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const FENCED_BLOCK = /^```[^\n]*\n([\s\S]*?)^```$/gm;

/**
 * The fenced block of README.md whose first line is `# PATH`, the file it is meant to become,
 * e.g. `# /etc/nginx/sites-available/leave-a-reply.conf`; it must be there exactly once.
 */
export function readmeFile(path: string): string {
  const text = readFileSync(README, 'utf8');
  const blocks = [...text.matchAll(FENCED_BLOCK)]
    .map((match) => match[1] as string)
    .filter((block) => block.startsWith(`# ${path}\n`));
  if (blocks.length !== 1)
    throw new Error(`README.md has ${blocks.length} blocks starting "# ${path}", not one.`);
  return blocks[0] as string;
}

/**
 * Replaces `from` with `to` in `text`, where `from` must occur exactly `times` times: a
 * substitution that finds nothing means the documented file changed shape, and the test must
 * say so rather than run something else.
 */
export function substitute(text: string, from: string, to: string, times = 1): string {
  const found = text.split(from).length - 1;
  if (found !== times)
    throw new Error(`Expected "${from}" ${times} time(s) in the README's file, found ${found}.`);
  return text.split(from).join(to);
}

/** Every `KEY=value` of a systemd unit's `[section]`, each key with all its values in order. */
export function unitSection(unit: string, section: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  let current = '';
  for (const raw of unit.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = header[1] as string;
      continue;
    }
    if (current !== section) continue;
    const equals = line.indexOf('=');
    // A line without "=" is no setting; systemd-analyze verify reports it.
    if (equals < 0) continue;
    const key = line.slice(0, equals).trim();
    settings.set(key, [...(settings.get(key) ?? []), line.slice(equals + 1).trim()]);
  }
  return settings;
}

/** The one value of `key` in a unit's `[section]`; fails when it is missing or repeated. */
export function unitValue(unit: string, section: string, key: string): string {
  const values = unitSection(unit, section).get(key) ?? [];
  if (values.length !== 1)
    throw new Error(`Expected one ${key}= in [${section}], found ${values.length}.`);
  return values[0] as string;
}

/** The variables a service's `Environment=NAME=value` lines set (values without quotes). */
export function unitEnvironment(unit: string): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const assignment of unitSection(unit, 'Service').get('Environment') ?? []) {
    const equals = assignment.indexOf('=');
    environment[assignment.slice(0, equals)] = assignment.slice(equals + 1);
  }
  return environment;
}
