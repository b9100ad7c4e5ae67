/** Mounting a thread into an element of the host page, inside a Shadow DOM of its own. */
import { render } from 'preact';
import { isRightToLeft, type Locale } from '../shared/i18n/locales.ts';
import { Thread } from './components/Thread.tsx';
import { type MountOptions, parseConfig, type WidgetConfig } from './config.ts';
import { onLocationChange } from './location-change.ts';

const mounted = new WeakMap<Element, () => void>();

/** The post's own title: its og:title or first heading name it without the site's name. */
function postTitle(): string {
  const og = document.querySelector<HTMLMetaElement>('meta[property="og:title"]');
  return og?.content.trim() || document.querySelector('h1')?.textContent?.trim() || document.title;
}

function readConfig(options: MountOptions): WidgetConfig {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]');
  return parseConfig(options, {
    location: location.href,
    canonical: canonical?.href || null,
    title: postTitle(),
    lang: document.documentElement.lang,
  });
}

/**
 * Renders the comments of a page into `element`. The thread lives in an open shadow root, so
 * the host page's CSS cannot break it and its CSS cannot leak out; open so that assistive
 * technology and automation reach it.
 */
export function mount(element: Element, options: MountOptions): void {
  unmount(element);
  let config: WidgetConfig;
  try {
    config = readConfig(options);
  } catch (error) {
    console.error(`Leave a Reply: ${(error as Error).message}`);
    return;
  }
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  (element as HTMLElement).dataset.theme = config.theme;

  const stylesheet = document.createElement('link');
  stylesheet.rel = 'stylesheet';
  stylesheet.href = `${config.server}/${__STYLESHEET__}`;
  const root = document.createElement('div');
  root.className = 'leave-a-reply';
  // A server-rendered copy of the thread in the element (GET /api/comments.html) stays in
  // sight through a slot until the live thread has its first answer as well; then, in one task
  // and so in one frame, the copy goes and the live thread shows in its place, as tall as it
  // was: nothing below moves, and no comment is missing or shown twice at any moment.
  const served = element.querySelector('.leave-a-reply[data-server-rendered]');
  const slot = document.createElement('slot');
  let waiting = served ? 2 : 1;
  // Shown once the stylesheet arrives, so the reader never sees the unstyled form flash by.
  root.hidden = true;
  const reveal = () => {
    if (--waiting) return;
    if (served) {
      // All of the element's own children: without the slot, none of them would show anyway.
      element.textContent = '';
      slot.remove();
    }
    root.hidden = false;
  };
  stylesheet.onload = stylesheet.onerror = reveal;
  shadow.replaceChildren(stylesheet, root);
  if (served) shadow.append(slot);
  // The thread speaks the language its server chose, which the thread's answer names.
  const speak = (locale: Locale) => {
    root.lang = locale;
    root.dir = isRightToLeft(locale) ? 'rtl' : 'ltr';
    // Told just before the answer renders, in this task's microtasks: a timer runs after it.
    if (served) setTimeout(reveal);
  };
  // Keyed by page, so another page's thread starts afresh instead of reusing this one's state.
  const show = () =>
    render(<Thread config={config} onLocale={speak} key={config.page.key} />, root);
  show();

  const stopFollowing = config.followsLocation
    ? onLocationChange(() => {
        const next = readConfig(options);
        if (next.page.key === config.page.key) return;
        config = next;
        show();
      })
    : () => {};

  mounted.set(element, () => {
    stopFollowing();
    render(null, root);
    shadow.replaceChildren();
    delete (element as HTMLElement).dataset.theme;
  });
}

/** Removes a thread mounted with `mount`, with everything it rendered and listened to. */
export function unmount(element: Element): void {
  mounted.get(element)?.();
  mounted.delete(element);
}
