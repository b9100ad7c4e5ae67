/**
 * Modules that only some readers need, imported from the comments server the first time one
 * does (built from widget/on-demand/): posting once a reader starts on the form, the
 * author's tools for a reader with comments of their own, "Load more comments" for a thread
 * longer than its first part, sending likes with the first click on Like, and the Gravatar
 * picture on a site with AVATARS=gravatar. Each is named by content hash and cached for a year, so the
 * embed script stays small for every reader and a thread still renders with three requests.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Fragment, jsx, jsxs } from 'preact/jsx-runtime';
import type { PreactParts } from './on-demand/preact-parts.ts';

export type AuthorTools = typeof import('./on-demand/author-tools.ts');
export type MoreComments = typeof import('./on-demand/more-comments.ts');
export type Posting = typeof import('./on-demand/posting.ts');
export type Liking = typeof import('./on-demand/likes.ts');
export type Gravatars = typeof import('./on-demand/gravatar.ts');

const loading = new Map<string, Promise<unknown>>();

/** The module `file` of `server`, imported once per page however many threads ask. */
function importOnce<T>(server: string, file: string): Promise<T> {
  const url = `${server}/${file}`;
  let module = loading.get(url) as Promise<T> | undefined;
  if (!module) {
    module = import(url) as Promise<T>;
    loading.set(url, module);
    // A failed import may be tried again, by the next reader's act that needs it.
    module.catch(() => loading.delete(url));
  }
  return module;
}

const PARTS: PreactParts = { jsx, jsxs, Fragment, useState, useRef, useEffect };

/** A module that renders, given the embed script's own preact before anything of it renders. */
function importRendering<T extends { bind: (parts: PreactParts) => void }>(
  server: string,
  file: string,
): Promise<T> {
  return importOnce<T>(server, file).then((module) => {
    module.bind(PARTS);
    return module;
  });
}

/** Posting the form; null when it cannot load (the server cannot be reached). */
export function loadPosting(server: string): Promise<Posting | null> {
  return importOnce<Posting>(server, __POSTING__).catch(() => null);
}

export const loadAuthorTools = (server: string) =>
  importRendering<AuthorTools>(server, __AUTHOR_TOOLS__);

export const loadMoreComments = (server: string) =>
  importRendering<MoreComments>(server, __MORE_COMMENTS__);

export const loadGravatar = (server: string) => importRendering<Gravatars>(server, __GRAVATAR__);

/** Sending likes: loaded with a reader's first click on Like. */
export const loadLiking = (server: string) => importOnce<Liking>(server, __LIKES__);

/**
 * What `load` gives, once `wanted` is true and it has loaded; null before. Without it the
 * reader still has the thread, only without what the module adds.
 */
export function useOnDemand<T>(
  load: (server: string) => Promise<T>,
  server: string,
  wanted: boolean,
): T | null {
  const [module, setModule] = useState<T | null>(null);
  useEffect(() => {
    if (wanted && !module) load(server).then(setModule, () => undefined);
  }, [load, server, wanted, module]);
  return module;
}
