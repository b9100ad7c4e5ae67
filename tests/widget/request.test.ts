import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureMessage, RequestFailed, requestJson } from '../../widget/request.ts';

const WORDS = {
  unreachable: 'No answer.',
  failed: (status: number) => `Failed with ${status}.`,
};

/** What the server last received. */
let received: { method?: string; headers: IncomingMessage['headers']; body: string } | null = null;
let server: Server;
let origin = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received = { method: request.method, headers: request.headers, body };
      const send = (status: number, text?: string) => {
        response.writeHead(status, text ? { 'Content-Type': 'application/json' } : {});
        response.end(text);
      };
      if (request.url === '/ok') send(200, JSON.stringify({ answer: 42 }));
      else if (request.url === '/empty') send(204);
      else if (request.url === '/refused') {
        send(
          400,
          JSON.stringify({
            error: { code: 'form_expired', message: 'Too old.', fields: { body: 'Too long.' } },
          }),
        );
      } else send(502, 'not json');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failureOf(promise: Promise<unknown>): Promise<RequestFailed> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RequestFailed);
  return error as RequestFailed;
}

describe('requestJson', () => {
  it('sends a body as JSON with its content type, and the headers it is given', async () => {
    const answer = await requestJson(`${origin}/ok`, WORDS, {
      method: 'POST',
      body: { text: 'hello' },
      headers: { 'X-CSRF-Token': 'secret' },
    });
    expect(answer).toEqual({ answer: 42 });
    expect(received?.method).toBe('POST');
    expect(received?.headers['content-type']).toBe('application/json');
    expect(received?.headers['x-csrf-token']).toBe('secret');
    expect(JSON.parse(received?.body ?? '')).toEqual({ text: 'hello' });
  });

  it('sends no JSON content type with a request that has no body', async () => {
    await requestJson(`${origin}/ok`, WORDS, { method: 'POST' });
    expect(received?.headers['content-type']).toBeUndefined();
    expect(received?.body).toBe('');
  });

  it('answers nothing for 204', async () => {
    expect(await requestJson(`${origin}/empty`, WORDS, { method: 'DELETE' })).toBeUndefined();
  });

  it("fails with the server's message, code and field errors when it sends them", async () => {
    const failure = await failureOf(requestJson(`${origin}/refused`, WORDS));
    expect(failure.message).toBe('Too old.');
    expect(failure.status).toBe(400);
    expect(failure.code).toBe('form_expired');
    expect(failure.fields).toEqual({ body: 'Too long.' });
  });

  it("fails in the caller's words when the server's answer says nothing", async () => {
    const failure = await failureOf(requestJson(`${origin}/broken`, WORDS));
    expect(failure.message).toBe('Failed with 502.');
    expect(failure.status).toBe(502);
    expect(failure.code).toBe('');
    expect(failure.fields).toEqual({});
  });

  it("fails in the caller's words, with status 0, when no answer comes", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = await failureOf(requestJson(`http://127.0.0.1:${port}/`, WORDS));
    expect(failure.message).toBe('No answer.');
    expect(failure.status).toBe(0);
  });
});

describe('failureMessage', () => {
  it("shows a failed call's own words, and the fallback for anything else", () => {
    expect(failureMessage(new RequestFailed('Server said no.', 400), 'Fallback.')).toBe(
      'Server said no.',
    );
    expect(failureMessage(new Error('internal detail'), 'Fallback.')).toBe('Fallback.');
  });
});
