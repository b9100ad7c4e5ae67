/**
 * Page versions for instances that share one PostgreSQL database: read from the database for
 * every request, since a comment posted through another instance must be in the very next read
 * through this one, and nothing an instance keeps in memory can hear of that write in time (a
 * notice on commit reaches the others some milliseconds after the writer has answered). What a
 * version saves is the rest: the thread answer kept for it is sent without reading the thread.
 *
 * Reads of one page that come together share one query. Each waits for a query sent after it
 * came, never one already on its way, which could have been answered before a write that
 * committed since: so a busy page costs one query at a time, however many readers it has.
 */
import type { PageVersion } from '../rows.ts';

type Read = (key: string) => Promise<PageVersion | null>;

/** A page's query on its way, and the one that the reads come since then wait for. */
interface InFlight {
  sent: Promise<PageVersion | null>;
  next: Promise<PageVersion | null> | null;
}

/** `read` for every version asked for, shared by the calls for one page that come together. */
export function createPageVersions(read: Read): Read {
  const inFlight = new Map<string, InFlight>();

  function send(key: string): Promise<PageVersion | null> {
    const flight: InFlight = { sent: read(key), next: null };
    inFlight.set(key, flight);
    const done = () => {
      if (inFlight.get(key) === flight && flight.next === null) inFlight.delete(key);
    };
    flight.sent.then(done, done);
    return flight.sent;
  }

  return (key) => {
    const flight = inFlight.get(key);
    if (!flight) return send(key);
    // Sent once the one on its way is answered, which this call came too late to trust.
    const after = () => send(key);
    flight.next ??= flight.sent.then(after, after);
    return flight.next;
  };
}
