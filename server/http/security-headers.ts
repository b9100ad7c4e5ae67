/**
 * Security headers, worked out once at start: helmet's full set for pages and files (one set
 * for https, one for plain http), and the part of it that still means something for a JSON
 * answer. They are the same for every response of a kind, and building them afresh per request
 * (as helmet's middleware does) cost a tenth of the server's time on a busy thread.
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

/**
 * helmet's options for pages reached over https or plain http. `upgrade-insecure-requests` is
 * for https pages only: on a page served over http from anywhere but localhost, it makes the
 * browser ask for the page's own scripts and styles over https, which a server without TLS
 * cannot answer, and the dashboard stays blank.
 */
function helmetOptions(https: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: { ...OWN_PAGES_CSP, upgradeInsecureRequests: https ? [] : null },
    },
    // The widget's script, stylesheet and API are meant to be used by pages on other sites.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
  };
}

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

export interface SecurityHeaders {
  /** For pages and files reached over https. */
  httpsPages: Record<string, string>;
  /** For pages and files reached over plain http. */
  httpPages: Record<string, string>;
  /** For the API's JSON answers, whatever the scheme. */
  api: Record<string, string>;
}

/** The security headers for pages and files, over https and over http, and for the API. */
export function securityHeaders(): SecurityHeaders {
  const httpsPages = helmetHeaders(true);
  const api = Object.fromEntries(API_HEADERS.map((name) => [name, httpsPages[name] as string]));
  // A JSON answer loads nothing and is never framed.
  api['content-security-policy'] = "default-src 'none'; frame-ancestors 'none'";
  api['x-frame-options'] = 'DENY';
  return { httpsPages, httpPages: helmetHeaders(false), api };
}

/** Header names (lower case) and values helmet sets on a response to a page over https or http. */
function helmetHeaders(https: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader() {},
  };
  let failure: unknown;
  helmet(helmetOptions(https))({} as never, response as never, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return headers;
}
