/**
 * Where the server's log lines go and how they look: pino's JSON lines for files and log
 * collectors, or one plain line per event for a person watching a terminal (LOG_FORMAT).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { LogFormat } from '../config.ts';

/** What pino writes its lines to: standard output, or a test's collector. */
export interface LogSink {
  write(line: string): unknown;
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** Fields every pino line has, or that a terminal's reader does not need. */
const LEFT_OUT = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'v']);

/**
 * The stream for Fastify's logger, or undefined for pino's own writer to standard output (JSON
 * with no `out` given: the fastest way, which LOG_REQUESTS's cost per request was measured with).
 * Pretty lines are reformatted here rather than by pino-pretty, whose colours, themes and
 * worker thread are more than a few lines on a terminal need.
 */
export function logDestination(format: LogFormat, out?: LogSink): LogSink | undefined {
  if (format === 'json') return out;
  const sink = out ?? process.stdout;
  return {
    write: (chunk: string) => {
      // pino writes whole lines, one per call; the split keeps a batched write readable too.
      for (const line of chunk.split('\n')) if (line) sink.write(`${formatLogLine(line)}\n`);
    },
  };
}

/**
 * One pino JSON line as a person reads it:
 * `2026-11-26 06:42:00 INFO  Comment held for moderation  comment=12 reason="first-time commenter"`,
 * then an error's stack, indented. A line that is not pino's JSON is passed on as it is.
 */
export function formatLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return line;
    entry = parsed as Record<string, unknown>;
  } catch {
    // Not one of pino's lines: shown as it came rather than lost.
    return line;
  }
  const level = LEVELS[entry.level as number] ?? String(entry.level ?? '');
  const time = typeof entry.time === 'number' ? localTime(new Date(entry.time)) : '';
  const fields: string[] = [];
  let stack = '';
  for (const [key, value] of Object.entries(entry)) {
    if (LEFT_OUT.has(key)) continue;
    if (key === 'err' && value && typeof value === 'object') {
      const error = value as { stack?: unknown };
      if (typeof error.stack === 'string') stack = error.stack;
    }
    flatten(key, value, fields);
  }
  const message = typeof entry.msg === 'string' ? entry.msg : '';
  const head = [time, level.padEnd(5), message].filter(Boolean).join(' ');
  const body = fields.length ? `${head}  ${fields.join(' ')}` : head;
  return stack ? `${body}\n${indent(stack)}` : body;
}

/** `key=value` pairs, nested objects by dotted keys; stacks are shown below the line instead. */
function flatten(key: string, value: unknown, into: string[]): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [inner, innerValue] of Object.entries(value)) {
      if (key === 'err' && inner === 'stack') continue;
      flatten(`${key}.${inner}`, innerValue, into);
    }
    return;
  }
  into.push(`${key}=${showValue(value)}`);
}

/** A value bare when it is one plain word, quoted otherwise: a newline cannot forge a line. */
function showValue(value: unknown): string {
  if (typeof value === 'string')
    return /^[^\s"=\\\p{Cc}]+$/u.test(value) ? value : JSON.stringify(value);
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/** The local date and time to the second, as `2026-11-26 06:42:00`. */
function localTime(date: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  );
}

/**
 * Says yes to a key once per window, for warnings that would otherwise repeat on every request
 * (a thread asked for from an unlisted origin). At most `maxKeys` are remembered: past that,
 * keys whose window has ended are forgotten, and while none has, new keys are not warned about,
 * so that made-up Origin headers can neither fill memory nor flood the log.
 */
export function createOncePerWindow(windowMs: number, now: () => Date, maxKeys = 1000) {
  const warnedAt = new Map<string, number>();
  return (key: string): boolean => {
    const time = now().getTime();
    const last = warnedAt.get(key);
    if (last !== undefined && time - last < windowMs) return false;
    if (last === undefined && warnedAt.size >= maxKeys) {
      for (const [known, at] of warnedAt) if (time - at >= windowMs) warnedAt.delete(known);
      if (warnedAt.size >= maxKeys) return false;
    }
    warnedAt.set(key, time);
    return true;
  };
}

/**
 * One line for the site owner when a comment waits for them: which, on which page, and why.
 * Nothing its author typed or sent (name, email, address) is logged: the dashboard shows that.
 */
export function logHeld(
  log: FastifyBaseLogger,
  comment: number,
  page: string,
  reason: string,
): void {
  log.info({ comment, page, reason }, 'Comment held for moderation');
}
