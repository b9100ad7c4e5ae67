/**
 * JSON files for the importers that read them whole (the site's own export, Isso's): the text
 * gathered from its chunks, a byte order mark dropped, and a syntax error refused with the line
 * and column where the file breaks.
 */
import { ImportRefused } from '../errors.ts';

/**
 * Parses the whole of `text`; a file that is not JSON is refused, saying what it might be
 * instead (`hint`, e.g. "cut short?") and where it breaks.
 */
export async function readJson(text: AsyncIterable<string>, hint: string): Promise<unknown> {
  let whole = '';
  for await (const chunk of text) whole += chunk;
  return parseJson(whole, hint);
}

/** Parses `text` as `readJson` does. */
export function parseJson(text: string, hint: string): unknown {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(source);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ImportRefused(
      `The file is not valid JSON (${hint}): ${describeJsonError(source, error)}.`,
    );
  }
}

/** What JSON.parse found wrong in `source`, and where: "REASON at line L, column C". */
function describeJsonError(source: string, error: SyntaxError): string {
  const { line, column } = locate(source, errorPosition(source, error.message));
  const reason = error.message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, .*is not valid JSON$/s, '');
  return `${reason} at line ${line}, column ${column}`;
}

/** Where in `text` JSON.parse failed, from the position its message gives. */
function errorPosition(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message);
  if (position) return Math.min(Number(position[1]), text.length);
  // "Unexpected end of JSON input" gives no position: the input ran out at its end.
  if (/end of JSON input/.test(message)) return text.length;
  // V8 names an unexpected token without its position; the longest prefix that is still
  // valid or merely unfinished ends right before it (O(n log n), once, for a failed import).
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (parsesSoFar(text.slice(0, middle))) good = middle;
    else bad = middle;
  }
  return good;
}

function parsesSoFar(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    // Unfinished input fails at its very end: no position given, or the prefix's length.
    const { message } = error as Error;
    const position = /at position (\d+)/.exec(message);
    return /end of JSON input/.test(message) || Number(position?.[1]) === prefix.length;
  }
}

/** The 1-based line and column of a position in `text`. */
function locate(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}
