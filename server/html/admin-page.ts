/**
 * The /admin page: an HTML shell that loads the dashboard's own script and stylesheet. Nothing
 * inline, so that it runs under the server's CSP (script-src 'self', style-src 'self').
 */
import { readdirSync } from 'node:fs';

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

/** The names come from our own build, but are escaped anyway: this is HTML. */
function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The dashboard's HTML page; the script renders into `#admin`. */
export function adminPage(build: { admin: AdminAssets }): string {
  const script = escapeAttribute(build.admin.script);
  const stylesheet = escapeAttribute(build.admin.stylesheet);
  // The data: favicon keeps browsers from asking for /favicon.ico, which does not exist.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<title>Comments — Leave a Reply</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/${stylesheet}">
<script src="/${script}" defer></script>
</head>
<body>
<div id="admin"><noscript>The comments dashboard needs JavaScript.</noscript></div>
</body>
</html>
`;
}
