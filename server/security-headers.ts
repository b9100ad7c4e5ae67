/**
 * Security headers, worked out once at start: helmet's full set for pages and files, and the
 * part of it that still means something for a JSON answer. They are the same for every
 * response, and building them afresh per request (as helmet's middleware does) cost a tenth of
 * the server's time on a busy thread.
 */
import helmet, { type HelmetOptions } from 'helmet';

/** The server's own pages (the demo, the dashboard) load nothing from elsewhere. */
const OWN_PAGES_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
};

const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { directives: OWN_PAGES_CSP },
  // The widget's script, stylesheet and API are meant to be used by pages on other sites.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  crossOriginEmbedderPolicy: false,
};

/**
 * What a JSON answer needs: no sniffing it into something else, no framing it, HTTPS only, and
 * readable by pages of other sites. The rest of helmet's set (opener policy, agent cluster,
 * DNS prefetch, download options, Flash policies) only acts on documents; leaving it out of the
 * API saves writing and checking seven headers per read.
 */
const API_HEADERS = [
  'content-security-policy',
  'cross-origin-resource-policy',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options',
];

/** The security headers for pages and files, and for the API's JSON answers. */
export function securityHeaders(): { pages: Record<string, string>; api: Record<string, string> } {
  const pages = helmetHeaders();
  const api = Object.fromEntries(API_HEADERS.map((name) => [name, pages[name] as string]));
  // A JSON answer loads nothing and is never framed.
  api['content-security-policy'] = "default-src 'none'; frame-ancestors 'none'";
  api['x-frame-options'] = 'DENY';
  return { pages, api };
}

/** Header names (lower case) and values helmet sets on a response, given our options. */
function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader() {},
  };
  let failure: unknown;
  helmet(OPTIONS)({} as never, response as never, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return headers;
}
