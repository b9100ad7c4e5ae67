/**
 * Modules that only some readers need, imported from the comments server the first time one
 * does (built from widget/on-demand/): posting once a reader starts on the form, the
 * author's tools for a reader with comments of their own, "Load more comments" for a thread
 * longer than its first part, sending likes with the first click on Like, and the Gravatar
 * picture on a site with AVATARS=gravatar. Each is named by content hash and cached for a year, so the
 * embed script stays small for every reader and a thread still renders with three requests.
 * Those that speak load the words of what loads on demand with them (widget/words.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Fragment, jsx, jsxs } from 'preact/jsx-runtime';
import type { Client } from './client.ts';
import { importOnce } from './import-once.ts';
import type { PreactParts } from './on-demand/preact-parts.ts';
import { loadMoreWords } from './words.ts';

export type AuthorTools = typeof import('./on-demand/author-tools.ts');
export type MoreComments = typeof import('./on-demand/more-comments.ts');
export type Posting = typeof import('./on-demand/posting.ts');
export type Liking = typeof import('./on-demand/likes.ts');
export type Gravatars = typeof import('./on-demand/gravatar.ts');
/** The proof-of-work solver: imported by posting itself (widget/send-comment.ts) on a 428. */
export type Solver = typeof import('./on-demand/challenge.ts');

const PARTS: PreactParts = { jsx, jsxs, Fragment, useState, useRef, useEffect };

/** A module with the words it speaks: both must be there before it is used. */
function importSpeaking<T>(client: Client, file: string): Promise<T> {
  return Promise.all([importOnce<T>(client.server, file), loadMoreWords(client)]).then(
    ([module]) => module,
  );
}

/** A module that renders, given the embed script's own preact before anything of it renders. */
function bound<T extends { bind: (parts: PreactParts) => void }>(module: Promise<T>): Promise<T> {
  return module.then((loaded) => {
    loaded.bind(PARTS);
    return loaded;
  });
}

/** Posting the form; null when it cannot load (the server cannot be reached). */
export function loadPosting(client: Client): Promise<Posting | null> {
  return bound(importSpeaking<Posting>(client, __POSTING__)).catch(() => null);
}

export const loadAuthorTools = (client: Client) =>
  bound(importSpeaking<AuthorTools>(client, __AUTHOR_TOOLS__));

/**
 * The author's tools without their words: the thread's first part, whose answer names its
 * language, is still on its way. Their words come with `loadAuthorTools` before they show.
 */
export const importAuthorTools = (server: string) =>
  bound(importOnce<AuthorTools>(server, __AUTHOR_TOOLS__));

export const loadMoreComments = (client: Client) =>
  bound(importSpeaking<MoreComments>(client, __MORE_COMMENTS__));

export const loadGravatar = (client: Client) =>
  bound(importOnce<Gravatars>(client.server, __GRAVATAR__));

/** Sending likes: loaded with a reader's first click on Like. */
export const loadLiking = (client: Client) => importSpeaking<Liking>(client, __LIKES__);

/**
 * What `load` gives, once `wanted` is true and it has loaded; null before. Without it the
 * reader still has the thread, only without what the module adds.
 */
export function useOnDemand<T>(
  load: (client: Client) => Promise<T>,
  client: Client,
  wanted: boolean,
): T | null {
  const [module, setModule] = useState<T | null>(null);
  useEffect(() => {
    if (wanted && !module) load(client).then(setModule, () => undefined);
  }, [load, client, wanted, module]);
  return module;
}
