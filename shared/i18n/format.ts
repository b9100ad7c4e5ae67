/** Fills in a text of any catalogue: its plural form for `{n}`, then each `{placeholder}`. */
import type { Entry } from './reader-text.ts';

export type Values = Record<string, string | number>;

/**
 * `entry` in `locale`, with `values` put in: numbers are written as the locale writes them, and
 * a plural entry takes the form `Intl.PluralRules` chooses for `values.n`.
 */
export function format(locale: string, entry: Entry, values?: Values): string {
  const text =
    typeof entry === 'string'
      ? entry
      : (entry[new Intl.PluralRules(locale).select(values?.n as number)] ?? entry.other);
  // toLocaleString writes a number as the locale does, and gives a string back as it is.
  return values
    ? text.replace(/\{(\w+)\}/g, (_, name: string) =>
        (values[name] as string | number).toLocaleString(locale),
      )
    : text;
}
