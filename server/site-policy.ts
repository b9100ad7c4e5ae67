/** Which sites may hold comments on this server (SITE_ORIGINS). */

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export type SitePolicy = (origin: string, serverOrigin: string) => boolean;

/**
 * With SITE_ORIGINS set, the listed origins and the server's own; without it, the server's own
 * origin and local development hosts on any port, so a fresh install works on a laptop and
 * refuses the rest of the world.
 */
export function createSitePolicy(siteOrigins: readonly string[]): SitePolicy {
  const listed = new Set(siteOrigins);
  return (origin, serverOrigin) => {
    if (origin === serverOrigin || listed.has(origin)) return true;
    if (listed.size > 0) return false;
    try {
      return LOCAL_HOSTS.has(new URL(origin).hostname);
    } catch {
      return false;
    }
  };
}
