/** Which sites may hold comments on this server (SITE_ORIGINS), and which origin is its own. */
import type { FastifyInstance } from 'fastify';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether pages on `origin` may take comments. */
export type SitePolicy = (origin: string) => boolean;

/**
 * The server's own origin, from PUBLIC_URL (or, unset, the `http://HOST:PORT` the configuration
 * makes of where it listens). Never from a request: `Host`, `X-Forwarded-Host` and
 * `X-Forwarded-Proto` are written by whoever sends it, and would make any site "our own".
 * With PORT=0 the system picks the port, so `listeningPort` names it once the server listens.
 */
export function ownOriginOf(publicUrl: string, listeningPort?: number): string {
  const url = new URL(publicUrl);
  if (url.port === '0' && listeningPort) url.port = String(listeningPort);
  return url.origin;
}

/**
 * The server's own origin as it stands: PUBLIC_URL's, naming, with PORT=0, the port the system
 * chose once there is one.
 */
export function followOwnOrigin(app: FastifyInstance, publicUrl: string): () => string {
  let origin = ownOriginOf(publicUrl);
  app.addHook('onListen', (done) => {
    const address = app.server.address();
    if (address && typeof address === 'object') origin = ownOriginOf(publicUrl, address.port);
    done();
  });
  return () => origin;
}

/**
 * With SITE_ORIGINS set, exactly the listed origins: the server's own origin is one like any
 * other, so a public server's demo or a page forged under its name cannot take comments unless
 * the owner lists it. Without it, the server's own origin (`ownOrigin()`, from the settings) and
 * local development hosts on any port, so a fresh install works on a laptop and refuses the rest
 * of the world.
 */
export function createSitePolicy(
  siteOrigins: readonly string[],
  ownOrigin: () => string,
): SitePolicy {
  const listed = new Set(siteOrigins);
  if (listed.size > 0) return (origin) => listed.has(origin);
  return (origin) => {
    if (origin === ownOrigin()) return true;
    try {
      return LOCAL_HOSTS.has(new URL(origin).hostname);
    } catch {
      return false;
    }
  };
}
