import { describe, expect, it } from 'vitest';
import { NO_PASSWORD_NOTE } from '../../server/errors.ts';
import type { TestApp } from '../helpers/app.ts';
import { runCliQuietly, signIn } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps();

function signInNote(test: TestApp) {
  return test.app.inject({ method: 'GET', url: '/api/admin/sign-in' });
}

describe('GET /api/admin/sign-in', () => {
  it('tells the sign-in page, without credentials, how to set a password while none is set', async () => {
    const test = await setUp();
    const response = await signInNote(test);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({ passwordSet: false, note: NO_PASSWORD_NOTE });
    expect(NO_PASSWORD_NOTE).toMatch(/ADMIN_PASSWORD.*leave-a-reply admin set-password/);
  });

  it('says nothing more once ADMIN_PASSWORD is set', async () => {
    const test = await setUp({ ADMIN_PASSWORD: 'a long enough password' });
    expect((await signInNote(test)).json()).toEqual({ passwordSet: true, note: null });
  });

  it('follows a password set from the command line while the server runs', async () => {
    const test = await setUp();
    const { code } = await runCliQuietly(
      ['admin', 'set-password'],
      test.config,
      'a much longer secret\n',
    );
    expect(code).toBe(0);
    expect((await signInNote(test)).json()).toEqual({ passwordSet: true, note: null });
  });

  it('gives a sign-in attempt the same words while no password is set', async () => {
    const test = await setUp();
    const attempt = await signIn(test, 'anything at all');
    expect(attempt.statusCode).toBe(401);
    expect(attempt.json().error).toEqual({ code: 'no_password', message: NO_PASSWORD_NOTE });
  });
});
