/**
 * The dashboard's status message: what was just done ("Marked 1 comment as spam."), where the
 * keyboard selection went, and an Undo for a while. It goes after a few seconds, as a mail
 * client's does, but never while the pointer is on it or the focus in it: someone reading it or
 * about to press Undo must not see it vanish (WCAG 2.2.1, timing adjustable).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';

/** How long a message stays once nothing holds it. */
export const NOTICE_MS = 5000;

export interface Notice {
  /** What was done, shown and spoken; empty when only the selection moved. */
  outcome: string;
  /** Where the selection went, e.g. "Comment 3 of 12 selected: Ann Reader on Hello"; spoken. */
  where: string;
  /** Takes the action back, while the message offers to. */
  undo: (() => Promise<void>) | null;
  /**
   * Counts what was said and where the selection went. Each is shown in an element keyed by
   * its count, so saying the same words again inserts a new element, which a live region
   * speaks; the words themselves stay as they are.
   */
  said: number;
  pointed: number;
}

export interface Announcer {
  /** Says what was done; `where` tells where the selection went, `undo` offers to take it back. */
  say(outcome: string, extras?: { where?: string; undo?: () => Promise<void> }): void;
  /** Says where the selection went, keeping what was done and its Undo. */
  point(where: string): void;
  /** Takes the last action back, if the message still offers to. */
  undo(): void;
  /** Forgets the message, e.g. when its queue is left. */
  clear(): void;
}

const SILENT: Notice = { outcome: '', where: '', undo: null, said: 0, pointed: 0 };

/** The message, the functions that change it, and the handlers that hold it while in use. */
export function useNotice() {
  const [notice, setNotice] = useState<Notice>(SILENT);
  // The message is a paragraph of the dashboard (see Dashboard.tsx).
  const region = useRef<HTMLParagraphElement | null>(null);
  const hovered = useRef(false);
  const timer = useRef(0);
  const latest = useRef(notice);
  latest.current = notice;

  const announcer = useMemo<Announcer>(
    () => ({
      say: (outcome, extras = {}) =>
        setNotice((current) => ({
          outcome,
          where: extras.where ?? '',
          undo: extras.undo ?? null,
          said: current.said + 1,
          pointed: current.pointed + 1,
        })),
      point: (where) =>
        setNotice((current) => ({ ...current, where, pointed: current.pointed + 1 })),
      undo: () => {
        latest.current.undo?.();
      },
      clear: () =>
        setNotice((current) => ({ ...SILENT, said: current.said, pointed: current.pointed })),
    }),
    [],
  );

  // Looked at after each render: a button that held the focus and is gone holds nothing.
  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    const { outcome, where } = latest.current;
    const focused = region.current?.contains(document.activeElement) ?? false;
    if (hovered.current || focused || (!outcome && !where)) return;
    timer.current = window.setTimeout(announcer.clear, NOTICE_MS);
  }, [announcer]);
  useEffect(schedule, [notice]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const holders = {
    ref: region,
    onMouseEnter: () => {
      hovered.current = true;
      schedule();
    },
    onMouseLeave: () => {
      hovered.current = false;
      schedule();
    },
    onFocusIn: schedule,
    // The focus has left by the time the next task runs; until then it is still inside.
    onFocusOut: () => {
      window.setTimeout(schedule, 0);
    },
  };

  return { notice, announcer, holders };
}
