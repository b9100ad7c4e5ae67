/**
 * What a module loaded on demand uses of preact, as bindings that the embed script fills in
 * (`bind`) before anything of the module renders. A copy of preact of its own would render, but
 * its hooks would not be the embed script's, and a reader would download preact twice. The
 * build points such a module's imports of preact here.
 */

import type * as Hooks from 'preact/hooks';
import type * as JsxRuntime from 'preact/jsx-runtime';

export interface PreactParts {
  jsx: typeof JsxRuntime.jsx;
  jsxs: typeof JsxRuntime.jsxs;
  Fragment: typeof JsxRuntime.Fragment;
  useState: typeof Hooks.useState;
  useRef: typeof Hooks.useRef;
  useEffect: typeof Hooks.useEffect;
}

export let jsx: PreactParts['jsx'];
export let jsxs: PreactParts['jsxs'];
export let Fragment: PreactParts['Fragment'];
export let useState: PreactParts['useState'];
export let useRef: PreactParts['useRef'];
export let useEffect: PreactParts['useEffect'];

export function bind(parts: PreactParts): void {
  ({ jsx, jsxs, Fragment, useState, useRef, useEffect } = parts);
}
