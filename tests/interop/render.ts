/**
 * The renderer over PayloadsAllTheThings' xss_alert_identifiable list (see SOURCES.md beside
 * it): every payload, as a comment's text, must come out as the allowlist's tags only, with no
 * address that runs script, and every link an absolute web or mail address.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCommentHtml } from '../../server/comments/render.ts';
import { linksWithoutAddress, problemsOf } from '../helpers/rendered-html.ts';
import type { SharedFixtures } from './shared-fixtures.ts';

/** The list's file: one payload a line. */
export const PAYLOAD_LIST = 'patt-xss_alert_identifiable.txt';

/** The list's payloads; lines are not trimmed (some end in significant spaces). */
export function readPayloads(shared: SharedFixtures): string[] {
  return readFileSync(shared.path(PAYLOAD_LIST), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

/** Registers the renderer's tests over the third-party payload list in `shared`. */
export function describeRenderedPayloads(shared: SharedFixtures): void {
  describe('renderCommentHtml and XSS payloads', () => {
    it('keeps every payload of the list to the allowlist, with no address that runs script', () => {
      const payloads = readPayloads(shared);
      expect(payloads).toHaveLength(667);
      const failures = payloads.flatMap((payload, index) =>
        problemsOf(renderCommentHtml(payload)).map(
          (problem) => `#${index} ${JSON.stringify(payload)}: ${problem}`,
        ),
      );
      expect(failures).toEqual([]);
    });

    it('makes every link of the list an absolute http(s) or mailto one', () => {
      const found = readPayloads(shared).flatMap((body) =>
        linksWithoutAddress(renderCommentHtml(body)).map(
          (link) => `${JSON.stringify(body)}: ${link}`,
        ),
      );
      expect(found).toEqual([]);
    });
  });
}
