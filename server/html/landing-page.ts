/**
 * What / shows when the demo is off (DEMO=false, or SITE_ORIGINS set): a short page that says
 * which server this is and where its owner moderates. Nothing inline, so that it runs under the
 * server's CSP like the dashboard's page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_DIR } from '../package-paths.ts';
import { headedMain, page } from './page.ts';
import { html } from './template.ts';

/** The version in package.json, which sits beside both the sources and the build. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** The page's HTML, made once at start. */
export function landingPage(): string {
  return page({
    title: 'Leave a Reply',
    referrer: 'same-origin',
    body: headedMain(
      'Leave a Reply',
      html`<p>This is a Leave a Reply comments server, version ${packageVersion()}. Its comments appear on the sites that embed it.</p>
<p>Site owner? Moderate comments in the <a href="/admin">dashboard</a>.</p>`,
    ),
  });
}
