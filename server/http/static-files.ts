/**
 * What the server sends as files and pages rather than JSON: the built widget's files, the
 * demo pages (while DEMO is on) or the landing page, and the dashboard's page at /admin.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { adminPage, findAdminAssets } from '../html/admin-page.ts';
import { landingPage } from '../html/landing-page.ts';
import { DEMO_DIR } from '../package-paths.ts';

export interface StaticFilesOptions {
  /** Where the built widget (embed.js, its stylesheet, count.js, the dashboard) is. */
  widgetDir: string;
  /** DEMO is on: the demo pages are served at the root instead of the landing page. */
  demo: boolean;
}

/** A page made at start, sent as it is and checked again on every visit. */
function sendPage(reply: FastifyReply, page: string) {
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
}

export const staticFiles: FastifyPluginAsync<StaticFilesOptions> = async (
  app,
  { widgetDir, demo },
) => {
  // The widget's files are few and known at start: one route each, sent precompressed. The demo
  // pages, while DEMO is on, are served as they are, by the wildcard.
  await app.register(fastifyStatic, {
    root: widgetDir,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (response, path) => {
      response.header('cache-control', assetCacheControl(path));
      // The modules the embed script imports on demand are fetched in CORS mode from the
      // host page: public files, readable from any site that embeds the thread.
      if (/\.[0-9a-f]{10}\.js$/.test(path)) response.header('access-control-allow-origin', '*');
    },
  });
  if (demo) {
    await app.register(fastifyStatic, {
      root: DEMO_DIR,
      prefix: '/',
      decorateReply: false,
      cacheControl: false,
      setHeaders: (response) => {
        response.header('cache-control', 'public, max-age=0, must-revalidate');
      },
    });
  } else {
    const page = landingPage();
    app.get('/', async (_request, reply) => sendPage(reply, page));
  }
  // The dashboard's page names its content-hashed files, found where the widget was built.
  const adminAssets = findAdminAssets(widgetDir);
  if (adminAssets) {
    const page = adminPage({ admin: adminAssets });
    app.get('/admin', async (_request, reply) => sendPage(reply, page));
  }
};

/**
 * Content-hashed files never change, so browsers and CDNs keep them for a year; the scripts a
 * page names by fixed URL (embed.js, count.js) and the demo pages are checked again after
 * a few minutes, so that a new version reaches readers soon.
 */
function assetCacheControl(path: string): string {
  return /\.[0-9a-f]{10}\.\w+$/.test(path)
    ? 'public, max-age=31536000, immutable'
    : 'public, max-age=300';
}
