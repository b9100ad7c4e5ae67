/** Code blocks in comment HTML, as the thread and the dashboard show them. */

/**
 * Lets the keyboard reach each code block in `content`: a long line makes a block scroll
 * sideways, and a region that scrolls must take focus to be scrolled without a mouse (WCAG
 * 2.1.1; axe's scrollable-region-focusable). Done here, where the HTML is shown, rather than
 * in the server's sanitiser: the sanitiser lets no attribute a reader could set through, and
 * comments rendered before this change get it too. Every block, not only those that overflow:
 * the thread is hidden until its stylesheet arrives and widths change later, so whether a
 * block overflows is not known when it is rendered.
 */
export function makeCodeFocusable(content: Element | null): void {
  for (const block of content?.querySelectorAll('pre') ?? []) block.tabIndex = 0;
}
