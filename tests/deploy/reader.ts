/**
 * Requests as one reader makes them: from one loopback address of its own (127.0.0.2,
 * 127.0.0.3, … all reach 127.0.0.1 on Linux), so that nginx sees two readers as two clients.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface Sent {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON, with its content type. */
  json?: unknown;
  body?: string;
}

export type Reader = (url: string, sent?: Sent) => Promise<Answer>;

/** A reader at `address` that trusts `certificate` (PEM) alone for https. */
export function readerAt(address: string, certificate: string): Reader {
  return (url, { method = 'GET', headers = {}, json, body } = {}) => {
    const payload = json === undefined ? body : JSON.stringify(json);
    const allHeaders =
      json === undefined ? headers : { 'content-type': 'application/json', ...headers };
    const request = url.startsWith('https:') ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        // No agent: each request opens its own connection from this reader's address.
        { method, headers: allHeaders, localAddress: address, ca: certificate, agent: false },
        (incoming) => {
          let text = '';
          incoming.setEncoding('utf8');
          incoming.on('data', (chunk: string) => {
            text += chunk;
          });
          incoming.on('end', () =>
            resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text }),
          );
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  };
}

/** The `error.code` of a JSON error answer, or null for any other answer. */
export function errorCode(answer: Answer): string | null {
  try {
    return (JSON.parse(answer.text) as { error?: { code?: string } }).error?.code ?? null;
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}
