/** Mounting a thread into an element of the host page, inside a Shadow DOM of its own. */
import { h, render } from 'preact';
import { Thread } from './components/Thread.tsx';
import { type MountOptions, parseConfig, type WidgetConfig } from './config.ts';

interface Mounted {
  root: HTMLElement;
  unmount: () => void;
}

const mounted = new WeakMap<Element, Mounted>();

function pageFacts() {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]');
  return { location: location.href, canonical: canonical?.href || null, title: document.title };
}

function renderThread(root: HTMLElement, config: WidgetConfig): void {
  render(h(Thread, { config, key: config.page.key }), root);
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
    config = parseConfig(options, pageFacts());
  } catch (error) {
    console.error(`Leave a Reply: ${(error as Error).message}`);
    return;
  }
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  element.setAttribute('data-theme', config.theme);

  const stylesheet = document.createElement('link');
  stylesheet.rel = 'stylesheet';
  stylesheet.href = `${config.server}/embed.css`;
  const root = document.createElement('div');
  root.className = 'leave-a-reply';
  // Shown once the stylesheet arrives, so the reader never sees the unstyled form flash by.
  root.hidden = true;
  stylesheet.addEventListener('load', () => {
    root.hidden = false;
  });
  stylesheet.addEventListener('error', () => {
    root.hidden = false;
  });
  shadow.append(stylesheet, root);
  renderThread(root, config);

  mounted.set(element, {
    root,
    unmount: () => {
      render(null, root);
      shadow.replaceChildren();
    },
  });
}

/** Removes a thread mounted with `mount`, with everything it rendered. */
export function unmount(element: Element): void {
  mounted.get(element)?.unmount();
  mounted.delete(element);
}
