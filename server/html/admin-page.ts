/**
 * The /admin page: an HTML shell that loads the dashboard's own script and stylesheet. Nothing
 * inline, so that it runs under the server's CSP (script-src 'self', style-src 'self').
 */
import { readdirSync } from 'node:fs';
import { page } from './page.ts';
import { html } from './template.ts';

/** The dashboard's content-hashed files, as buildWidget names them. */
export interface AdminAssets {
  script: string;
  stylesheet: string;
}

const ADMIN_SCRIPT = /^admin\.[0-9a-f]{10}\.js$/;
const ADMIN_STYLESHEET = /^admin\.[0-9a-f]{10}\.css$/;

/**
 * Finds the dashboard's files in a built widget folder, for a server that did not build it
 * itself; null when the folder holds no dashboard (built by an older version).
 */
export function findAdminAssets(widgetDir: string): AdminAssets | null {
  let names: string[];
  try {
    names = readdirSync(widgetDir);
  } catch {
    // A missing folder: the widget was never built, so there is no dashboard to serve either.
    return null;
  }
  const script = names.find((name) => ADMIN_SCRIPT.test(name));
  const stylesheet = names.find((name) => ADMIN_STYLESHEET.test(name));
  return script && stylesheet ? { script, stylesheet } : null;
}

/** The dashboard's HTML page; the script renders into `#admin`. */
export function adminPage(build: { admin: AdminAssets }): string {
  // The names come from our own build, but are escaped anyway (by the template): this is HTML.
  return page({
    title: 'Comments — Leave a Reply',
    robots: 'noindex, nofollow',
    referrer: 'same-origin',
    stylesheet: `/${build.admin.stylesheet}`,
    script: `/${build.admin.script}`,
    body: html`<div id="admin"><noscript>The comments dashboard needs JavaScript.</noscript></div>`,
  });
}
