/** What one embedded thread needs to know, read once from its script tag or mount() options. */
import { identifyPage, type PageIdentity } from '../shared/page-key.ts';
import type { ThreadSort } from '../shared/types.ts';

export type Theme = 'light' | 'dark' | 'auto';

export interface MountOptions {
  /** Origin of the comments server; defaults to the origin the script was loaded from. */
  server?: string;
  pageId?: string;
  pageUrl?: string;
  pageTitle?: string;
  theme?: Theme;
  /** The order the page shows its comments in until the reader picks another. */
  sort?: ThreadSort;
  /** The language to show: a language tag such as "de" or "pt-BR". */
  lang?: string;
}

export interface WidgetConfig {
  server: string;
  page: PageIdentity;
  title: string;
  theme: Theme;
  sort: ThreadSort;
  /**
   * The language the page is in, as a language tag (data-lang, the mount option, else the host
   * page's `<html lang>`); empty when neither says. The server chooses the nearest of its
   * locales, or goes by the browser's languages when this is empty.
   */
  lang: string;
  /**
   * True when the page is known by its canonical link or location, which change as a
   * single-page app navigates; false for an explicit page id or URL.
   */
  followsLocation: boolean;
}

/**
 * False for a tag with data-mount="manual", which only defines window.LeaveAReply: the page's
 * own code mounts threads where and when it wants them, so the tag renders and fetches nothing.
 */
export function mountsByItself(script: HTMLScriptElement): boolean {
  return script.dataset.mount !== 'manual';
}

/**
 * Reads a script tag's data-* attributes as mount() options: data-page-id is `pageId`, and so
 * on; parseConfig reads the options it knows and checks their values.
 */
export function optionsFromScript(script: HTMLScriptElement): MountOptions {
  return { ...script.dataset, server: new URL(script.src, document.baseURI).origin };
}

/** The facts of the host page and the browser that a thread's config is made from. */
export interface HostFacts {
  location: string;
  canonical: string | null;
  title: string;
  /** The host page's `<html lang>`, if it has one. */
  lang: string;
}

/** Turns mount() options and the page's own facts into a config; throws a readable error. */
export function parseConfig(options: MountOptions, page: HostFacts): WidgetConfig {
  if (!options.server) throw new Error('no comments server given (the "server" option).');
  const server = new URL(options.server).origin;
  const identity = identifyPage({
    pageId: options.pageId,
    pageUrl: options.pageUrl,
    canonical: page.canonical,
    location: page.location,
  });
  if (!identity) throw new Error(`cannot tell which page this is (${page.location}).`);
  const theme = options.theme === 'light' || options.theme === 'dark' ? options.theme : 'auto';
  return {
    server,
    page: identity,
    title: options.pageTitle?.trim() || page.title,
    theme,
    sort: options.sort === 'newest' || options.sort === 'best' ? options.sort : 'oldest',
    lang: options.lang || page.lang,
    followsLocation: !options.pageId && !options.pageUrl,
  };
}
