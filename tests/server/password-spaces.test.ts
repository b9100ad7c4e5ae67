import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const SPACED = '  two spaces either side  ';

let current: TestApp | null = null;

afterEach(async () => {
  await current?.close();
  current = null;
});

async function setUp(env: Record<string, string> = {}): Promise<TestApp> {
  current = await createTestApp(env);
  return current;
}

function signIn(test: TestApp, password: string) {
  return test.app.inject({ method: 'POST', url: '/api/admin/session', payload: { password } });
}

describe('a dashboard password with spaces around it', () => {
  it('signs in with ADMIN_PASSWORD exactly as typed, spaces included, and not without them', async () => {
    const test = await setUp({ ADMIN_PASSWORD: SPACED });
    const trimmed = await signIn(test, SPACED.trim());
    expect(trimmed.statusCode).toBe(401);
    expect(trimmed.json().error.code).toBe('wrong_password');
    const exact = await signIn(test, SPACED);
    expect(exact.statusCode, exact.body).toBe(200);
    expect(exact.json().csrfToken).toEqual(expect.any(String));
  });

  it('signs in with a password piped to `admin set-password` exactly as typed, and not without its spaces', async () => {
    const test = await setUp();
    const code = await runCli(
      ['admin', 'set-password'],
      test.config,
      Readable.from([`${SPACED}\n`]),
    );
    expect(code).toBe(0);
    const trimmed = await signIn(test, SPACED.trim());
    expect(trimmed.statusCode).toBe(401);
    expect(trimmed.json().error.code).toBe('wrong_password');
    const exact = await signIn(test, SPACED);
    expect(exact.statusCode, exact.body).toBe(200);
  });

  it('keeps a password of spaces inside and out as typed at `admin set-password`, ended by Enter', async () => {
    const test = await setUp();
    const typed = ' a tab\tand spaces ';
    const code = await runCli(
      ['admin', 'set-password'],
      test.config,
      Readable.from([`${typed}\r`]),
    );
    expect(code).toBe(0);
    expect((await signIn(test, typed.trim())).statusCode).toBe(401);
    expect((await signIn(test, typed)).statusCode).toBe(200);
  });
});
