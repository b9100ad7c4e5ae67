/**
 * A tiny static "host site" for browser tests: HTML pages given as strings, keyed by path, on an
 * origin of their own. It listens on 127.0.0.1 and is browsed as http://localhost:PORT, so that
 * its pages are cross-origin to a comments server started with startServer() (127.0.0.1:PORT).
 */
import { createServer, type Server } from 'node:http';
import { RECORDER_SCRIPT } from './engines.ts';

/**
 * Where every host site serves the problem recorder of engines.ts: a page that loads it first
 * (htmlPage's `recorder`) has its console errors and uncaught errors seen in WebKit too.
 */
export const RECORDER_PATH = '/record-problems.js';

export interface HostPage {
  html: string;
  /** Extra response headers, e.g. { 'Content-Security-Policy': "default-src 'none'" }. */
  headers?: Record<string, string>;
}

export interface HostServer {
  /** e.g. http://localhost:43122 */
  origin: string;
  port: number;
  /** The address of `path` on this host, e.g. url('/post') → http://localhost:43122/post. */
  url: (path: string) => string;
  /** Adds or replaces the page served at `path`. */
  setPage: (path: string, page: string | HostPage) => void;
  close: () => Promise<void>;
}

/**
 * A whole HTML document around `body`. It always carries a `data:` favicon so that Chromium
 * does not ask for /favicon.ico, whose 404 would be logged as a console error.
 */
export function htmlPage({
  title = 'A host page',
  head = '',
  body = '',
  recorder = false,
}: {
  title?: string;
  head?: string;
  body?: string;
  /** Loads the problem recorder before anything else (a CSP must then allow 'self' scripts). */
  recorder?: boolean;
}): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
${recorder ? `<script src="${RECORDER_PATH}"></script>\n` : ''}<title>${title}</title>
<link rel="icon" href="data:,">
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

/** Serves `pages` (path → HTML or page with headers); any other path answers 404. */
export async function startHostServer(
  pages: Record<string, string | HostPage> = {},
): Promise<HostServer> {
  const served = new Map<string, HostPage>();
  const setPage = (path: string, page: string | HostPage) => {
    served.set(path, typeof page === 'string' ? { html: page } : page);
  };
  for (const [path, page] of Object.entries(pages)) setPage(path, page);

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://host.invalid').pathname;
    if (path === RECORDER_PATH) {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      response.end(RECORDER_SCRIPT);
      return;
    }
    const page = served.get(path);
    if (!page || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`Nothing is at ${request.method} ${path}.`);
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      ...page.headers,
    });
    response.end(request.method === 'HEAD' ? undefined : page.html);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as { port: number };
  const origin = `http://localhost:${port}`;
  return {
    origin,
    port,
    url: (path) => `${origin}${path}`,
    setPage,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
