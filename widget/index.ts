/**
 * The embed script. Runs as a classic script (not a module) so that `document.currentScript`
 * names the tag that loaded it, from which it reads the server's origin and its options.
 */
import { type MountOptions, mountsByItself, optionsFromScript } from './config.ts';
import { mount, unmount } from './mount.tsx';

interface LeaveAReplyApi {
  mount: (element: Element, options: MountOptions) => void;
  unmount: (element: Element) => void;
}

declare global {
  interface Window {
    LeaveAReply?: LeaveAReplyApi;
  }
}

/** Marks the element a tag rendered into, with what the tag asked for. */
const TAG_ATTRIBUTE = 'data-leave-a-reply';

const script = document.currentScript as HTMLScriptElement | null;

// A page with two tags runs this file twice; the first copy serves both threads.
const api: LeaveAReplyApi = window.LeaveAReply ?? { mount, unmount };
window.LeaveAReply = api;

/** Identical tags (a theme and a plugin both adding one) describe the same thread. */
function describeTag(tag: HTMLScriptElement): string {
  const {
    target = '',
    pageId = '',
    pageUrl = '',
    pageTitle = '',
    theme = '',
    lang = '',
  } = tag.dataset;
  return JSON.stringify([tag.src, target, pageId, pageUrl, pageTitle, theme, lang]);
}

function alreadyRendered(description: string): boolean {
  for (const element of document.querySelectorAll(`[${TAG_ATTRIBUTE}]`)) {
    if (element.getAttribute(TAG_ATTRIBUTE) === description) return true;
  }
  return false;
}

/** Finds where this tag's thread goes: data-target, or a new element right after the tag. */
function findTarget(tag: HTMLScriptElement): Element | null {
  const selector = tag.dataset.target;
  if (selector) return document.querySelector(selector);
  const container = document.createElement('div');
  container.className = 'leave-a-reply-thread';
  if (tag.parentNode && tag.parentNode !== document.head) tag.after(container);
  else document.body.append(container);
  return container;
}

function start(tag: HTMLScriptElement): void {
  const description = describeTag(tag);
  if (alreadyRendered(description)) return;
  const target = findTarget(tag);
  if (!target) {
    console.error(`Leave a Reply: no element matches data-target="${tag.dataset.target}".`);
    return;
  }
  target.setAttribute(TAG_ATTRIBUTE, description);
  api.mount(target, optionsFromScript(tag));
}

if (script?.src && mountsByItself(script)) {
  // An async tag may run before the parser reaches its data-target or the body.
  const needsWholePage = Boolean(script.dataset.target) || script.parentNode === document.head;
  if (needsWholePage && document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => start(script), { once: true });
  } else {
    start(script);
  }
}
