import { describe, expect, it } from 'vitest';
import { runCliQuietly, signIn } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const SPACED = '  two spaces either side  ';

const setUp = useTestApps();

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
    const { code } = await runCliQuietly(['admin', 'set-password'], test.config, `${SPACED}\n`);
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
    const { code } = await runCliQuietly(['admin', 'set-password'], test.config, `${typed}\r`);
    expect(code).toBe(0);
    expect((await signIn(test, typed.trim())).statusCode).toBe(401);
    expect((await signIn(test, typed)).statusCode).toBe(200);
  });
});
