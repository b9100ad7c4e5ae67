/** Which sites may hold comments on this server (SITE_ORIGINS). */

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export type SitePolicy = (origin: string, serverOrigin: string) => boolean;

/**
 * With SITE_ORIGINS set, exactly the listed origins: the server's own origin is one like any
 * other, so a public server's demo or a page forged under its name cannot take comments unless
 * the owner lists it. Without it, the server's own origin and local development hosts on any
 * port, so a fresh install works on a laptop and refuses the rest of the world.
 */
export function createSitePolicy(siteOrigins: readonly string[]): SitePolicy {
  const listed = new Set(siteOrigins);
  if (listed.size > 0) return (origin) => listed.has(origin);
  return (origin, serverOrigin) => {
    if (origin === serverOrigin) return true;
    try {
      return LOCAL_HOSTS.has(new URL(origin).hostname);
    } catch {
      return false;
    }
  };
}
