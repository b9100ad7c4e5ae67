/**
 * What / shows when the demo is off (DEMO=false, or SITE_ORIGINS set): a short page that says
 * which server this is and where its owner moderates. Nothing inline, so that it runs under the
 * server's CSP like the dashboard's page.
 */
import { version } from '../../package.json';
import { headedMain, page } from './page.ts';
import { html } from './template.ts';

/** The page's HTML, made once at start. */
export function landingPage(): string {
  return page({
    title: 'Leave a Reply',
    referrer: 'same-origin',
    body: headedMain(
      'Leave a Reply',
      html`<p>This is a Leave a Reply comments server, version ${version}. Its comments appear on the sites that embed it.</p>
<p>Site owner? Moderate comments in the <a href="/admin">dashboard</a>.</p>`,
    ),
  });
}
