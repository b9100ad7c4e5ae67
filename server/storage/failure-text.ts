/** What a queue keeps of why a delivery failed. */

/** At most this many UTF-16 units: enough for any driver's or server's message. */
const KEPT_UNITS = 1000;

/**
 * `error` cut to what is kept, between whole characters: half of an emoji would be stored as a
 * replacement character, and not the same one by each engine.
 */
export function failureText(error: string): string {
  if (error.length <= KEPT_UNITS) return error;
  const last = error.charCodeAt(KEPT_UNITS - 1);
  const cutsPair = last >= 0xd800 && last <= 0xdbff;
  return error.slice(0, cutsPair ? KEPT_UNITS - 1 : KEPT_UNITS);
}
