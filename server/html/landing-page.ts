/**
 * What / shows when the demo is off (DEMO=false, or SITE_ORIGINS set): a short page that says
 * which server this is and where its owner moderates. Nothing inline, so that it runs under the
 * server's CSP like the dashboard's page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_DIR } from '../package-paths.ts';

/** The version in package.json, which sits beside both the sources and the build. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version.replace(/[^\w.+-]/g, '');
}

/** The page's HTML, made once at start. */
export function landingPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>Leave a Reply</title>
<link rel="icon" href="data:,">
</head>
<body>
<main>
<h1>Leave a Reply</h1>
<p>This is a Leave a Reply comments server, version ${packageVersion()}. Its comments appear on the sites that embed it.</p>
<p>Site owner? Moderate comments in the <a href="/admin">dashboard</a>.</p>
</main>
</body>
</html>
`;
}
