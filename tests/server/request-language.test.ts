/**
 * The language of a request (its body's `lang`, else its query's, else its Accept-Language,
 * else English) is the language of every message the API answers it with, and of the comment it
 * posts.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { readerSays } from '../../server/i18n/words.ts';
import { newComment, type TestApp } from '../helpers/app.ts';
import { asAdmin, PAGE, postComment, readThread, sendComment } from '../helpers/requests.ts';
import { refuseWrites } from '../helpers/scene.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none' });

/** A comment every check refuses: no name, an address that is none, a website that is not one. */
const INVALID = { name: '', email: 'not an address', website: 'ftp://x', url: 'mailto:a@b' };

const GERMAN_INVALID = {
  message: 'Bitte korrigiere die markierten Felder.',
  fields: {
    name: 'Bitte gib deinen Namen ein.',
    email: 'Bitte gib eine gültige E-Mail-Adresse ein.',
    website: 'Bitte gib eine Webadresse ein, die mit http:// oder https:// beginnt.',
    url: 'Die Adresse der Seite muss eine http(s)-URL sein.',
  },
};

const ENGLISH_INVALID = {
  code: 'invalid_input',
  message: 'Please correct the marked fields.',
  fields: {
    name: 'Please enter your name.',
    email: 'Please enter a valid email address.',
    website: 'Please enter a web address starting with http:// or https://.',
    url: 'The page address must be an http(s) URL.',
  },
};

function errorOf(response: LightMyRequestResponse) {
  return (response.json() as { error: { code: string; message: string; fields?: object } }).error;
}

function postTo(test: TestApp, query: string, changes: object, headers: Record<string, string>) {
  return test.app.inject({
    method: 'POST',
    url: `/api/comments${query}`,
    payload: newComment(changes),
    headers,
  });
}

describe('the language of a request', () => {
  it.each([
    ['its body says lang "de"', '', { lang: 'de' }, {}],
    ['its query says lang=de', '?lang=de', {}, {}],
    ['its Accept-Language is de-DE', '', {}, { 'accept-language': 'de-DE' }],
    [
      'its Accept-Language puts German first by q, after a language no locale is near',
      '',
      {},
      { 'accept-language': 'tlh;q=1, fr;q=0.3, de-AT;q=0.9' },
    ],
    [
      'its body says de-CH, against a query and a browser in French',
      '?lang=fr',
      { lang: 'de-CH' },
      {
        'accept-language': 'fr',
      },
    ],
  ])('answers an invalid comment in German when %s', async (_when, query, changes, headers) => {
    const test = await setUp();
    const response = await postTo(test, query, { ...INVALID, ...changes }, headers);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toEqual({ code: 'invalid_input', ...GERMAN_INVALID });
  });

  it('passes over a value no locale is near to, down to the next clue', async () => {
    const test = await setUp();
    const unknownBody = await postTo(test, '?lang=de', { ...INVALID, lang: 'xx-unknown' }, {});
    expect(errorOf(unknownBody)).toEqual({ code: 'invalid_input', ...GERMAN_INVALID });
    const unknownEverywhere = await postTo(
      test,
      '?lang=zz',
      { ...INVALID, lang: 'qq' },
      {
        'accept-language': 'tlh, *',
      },
    );
    expect(errorOf(unknownEverywhere)).toEqual(ENGLISH_INVALID);
  });

  it('takes Brazilian Portuguese for Portuguese', async () => {
    const test = await setUp();
    const response = await postTo(test, '', INVALID, { 'accept-language': 'pt-BR,pt;q=0.9' });
    const error = errorOf(response);
    expect(error.message).toBe(readerSays('pt', 'invalidInput'));
    expect(error.message).not.toBe(ENGLISH_INVALID.message);
    expect(error.fields).toMatchObject({ url: readerSays('pt', 'pageUrlInvalid') });
  });

  it('answers in English, word for word as before, when nothing names a language', async () => {
    const test = await setUp();
    expect(errorOf(await postComment(test, INVALID))).toEqual(ENGLISH_INVALID);
    const missing = await sendComment(test, { url: PAGE, email: 'ann@example.com', body: 'Hi' });
    expect(errorOf(missing).fields).toEqual({
      name: 'Please enter your name.',
    });
    const thread = await readThread(test, PAGE, { limit: '0' });
    expect(errorOf(thread).fields).toEqual({ limit: 'Must be >= 1.' });
  });

  it('refuses a lang longer than any language tag, naming the field', async () => {
    const test = await setUp();
    const response = await postComment(test, { lang: 'de'.repeat(20) });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).fields).toEqual({ lang: 'Must be at most 35 characters.' });
  });
});

describe('messages in the language of the request', () => {
  it('says what the schema found wrong in German, with numbers as German writes them', async () => {
    const test = await setUp();
    const thread = await readThread(test, PAGE, { limit: '0', lang: 'de' });
    expect(errorOf(thread).fields).toEqual({ limit: 'Muss mindestens 1 sein.' });
    const missing = await test.app.inject({
      method: 'GET',
      url: '/api/comments?lang=de',
    });
    expect(errorOf(missing).fields).toEqual({ url: 'Dieses Feld ist erforderlich.' });
    const long = await readThread(test, `${PAGE}?${'a'.repeat(2001)}`, { lang: 'de' });
    expect(errorOf(long).fields).toEqual({ url: 'Darf höchstens 2.000 Zeichen lang sein.' });
  });

  it('tells a German reader to wait in German after a flood, with Retry-After', async () => {
    const test = await setUp({ FLOOD_SECONDS: '15' });
    expect((await postComment(test, { lang: 'de' })).statusCode).toBe(201);
    const second = await postComment(test, { lang: 'de', body: 'Noch einer' });
    expect(second.statusCode).toBe(429);
    expect(errorOf(second)).toEqual({
      code: 'flood',
      message: `Du schreibst zu schnell hintereinander Kommentare. Bitte warte ${second.headers['retry-after']} Sekunden, bevor du den nächsten abschickst.`,
    });
  });

  it('refuses a duplicate in German', async () => {
    const test = await setUp();
    expect((await postComment(test, { lang: 'de' })).statusCode).toBe(201);
    const again = await postComment(test, { lang: 'de' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toEqual({
      code: 'duplicate',
      message: 'Doppelter Kommentar erkannt: Das hast du anscheinend schon einmal geschrieben!',
    });
  });

  it('says comments are closed in German, to a comment and to a like', async () => {
    const test = await setUp();
    const first = await postComment(test);
    const id = (first.json() as { comment: { id: number } }).comment.id;
    const closing = await asAdmin(test, 'PATCH', '/pages', { key: PAGE, open: false });
    expect(closing.statusCode, closing.body).toBe(200);
    const closed = {
      code: 'comments_closed',
      message: 'Die Kommentarfunktion für diese Seite ist geschlossen.',
    };

    const comment = await postComment(test, { lang: 'de', body: 'Zu spät?' });
    expect(comment.statusCode).toBe(403);
    expect(errorOf(comment)).toEqual(closed);
    const like = await test.app.inject({
      method: 'POST',
      url: `/api/comments/${id}/like`,
      payload: { voter: 'v'.repeat(32), lang: 'de' },
    });
    expect(like.statusCode).toBe(403);
    expect(errorOf(like)).toEqual(closed);
    const english = await postComment(test, { body: 'Too late?' });
    expect(errorOf(english).message).toBe('Comments are closed on this page.');
  });

  it('tells a German author in German that their edit window has closed', async () => {
    let now = Date.parse('2026-11-26T06:00:00Z');
    const test = await setUp({}, { clock: () => new Date(now) });
    const posted = (await postComment(test, { lang: 'de' })).json() as {
      comment: { id: number };
      token: string;
    };
    now += 16 * 60_000;
    const edit = await test.app.inject({
      method: 'PATCH',
      url: `/api/comments/${posted.comment.id}`,
      payload: { token: posted.token, body: 'Geändert', lang: 'de' },
    });
    expect(edit.statusCode).toBe(403);
    expect(errorOf(edit).message).toBe(
      'Kommentare können nur innerhalb von 15 Minuten nach dem Abschicken bearbeitet oder gelöscht werden. Frag den Betreiber der Website, wenn etwas geändert werden muss.',
    );
    const wrongToken = await test.app.inject({
      method: 'DELETE',
      url: `/api/comments/${posted.comment.id}`,
      payload: { token: 'not-the-token', lang: 'de' },
    });
    expect(errorOf(wrongToken).message).toBe(
      'Dieser Kommentar kann nur in dem Browser geändert werden, in dem er geschrieben wurde.',
    );
  });

  it('gives the rate limiter’s refusal in the browser’s language: it answers before the body is read', async () => {
    const test = await setUp({ RATE_LIMIT_PER_MINUTE: '1' });
    const german = { headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' } };
    expect((await postComment(test, { lang: 'de' }, german)).statusCode).toBe(201);
    const limited = await postComment(test, { lang: 'de', body: 'Zweiter Versuch' }, german);
    expect(limited.statusCode).toBe(429);
    const wait = limited.headers['retry-after'];
    expect(errorOf(limited)).toEqual({
      code: 'rate_limited',
      message: `Zu viele Anfragen von deiner Verbindung. Bitte versuche es in ${wait} Sekunden noch einmal.`,
    });
    const english = await postComment(test, { body: 'A third try' });
    expect(errorOf(english).message).toMatch(
      /^Too many requests from your connection\. Please try again in \d+ seconds?\.$/,
    );
  });

  it('answers an address no route knows, and likes turned off, in German', async () => {
    const test = await setUp({ LIKES: 'false' });
    const nowhere = await test.app.inject({
      method: 'GET',
      url: '/api/nowhere',
      headers: { 'accept-language': 'de' },
    });
    expect(errorOf(nowhere)).toEqual({
      code: 'not_found',
      message: 'Unter GET /api/nowhere gibt es nichts.',
    });
    const like = await test.app.inject({
      method: 'DELETE',
      url: '/api/comments/1/like',
      payload: { voter: 'v'.repeat(32), lang: 'de' },
    });
    expect(errorOf(like)).toEqual({
      code: 'likes_off',
      message: '„Gefällt mir“ ist auf dieser Website ausgeschaltet.',
    });
  });

  it('says why it refused a body it never read in the browser’s language, or the query’s', async () => {
    const test = await setUp();
    const tooLarge = await test.app.inject({
      method: 'POST',
      url: '/api/comments',
      headers: { 'content-type': 'application/json', 'accept-language': 'de' },
      payload: JSON.stringify(newComment({ body: 'x'.repeat(70_000), lang: 'de' })),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(errorOf(tooLarge)).toEqual({
      code: 'body_too_large',
      message: 'Die Anfrage ist größer als 64 KB.',
    });
    const notJson = await test.app.inject({
      method: 'POST',
      url: '/api/comments?lang=de',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(errorOf(notJson)).toEqual({
      code: 'invalid_json',
      message: 'Der Inhalt der Anfrage ist kein gültiges JSON.',
    });
  });

  it('says in German that comments cannot be saved while the database is read-only', async () => {
    const test = await setUp();
    const allowWrites = await refuseWrites(test);
    const logged = vi.spyOn(test.app.log, 'error').mockImplementation(() => {});
    const refused = await postComment(test, { lang: 'de' });
    logged.mockRestore();
    await allowWrites();
    expect(refused.statusCode).toBe(503);
    expect(errorOf(refused)).toEqual({
      code: 'storage_unavailable',
      message:
        'Kommentare können gerade nicht gespeichert werden: Der Speicher des Servers ist nicht verfügbar. Bitte versuche es in ein paar Minuten noch einmal.',
    });
  });

  it('keeps the dashboard’s answers in the site owner’s English, whatever the browser says', async () => {
    const test = await setUp();
    const unsigned = await test.app.inject({
      method: 'GET',
      url: '/api/admin/comments',
      headers: { 'accept-language': 'de' },
    });
    expect(errorOf(unsigned)).toEqual({
      code: 'unauthorized',
      message: 'This needs the admin token, sent as "Authorization: Bearer ADMIN_TOKEN".',
    });
    const limit = await test.app.inject({
      method: 'GET',
      url: '/api/admin/pages?limit=0&lang=de',
      headers: { authorization: `Bearer ${test.config.adminToken}`, 'accept-language': 'de' },
    });
    expect(errorOf(limit).fields).toEqual({ limit: 'Must be >= 1.' });
  });
});

describe('the language a comment keeps', () => {
  it.each([
    ['its body names', { lang: 'de' }, {}, 'de'],
    ['the browser asks for first', {}, { 'accept-language': 'pt-BR, en;q=0.5' }, 'pt'],
    ['nothing names: English', {}, {}, 'en'],
  ])('stores the locale %s', async (_what, changes, headers, stored) => {
    const test = await setUp();
    const response = await postTo(test, '', changes, headers);
    expect(response.statusCode, response.body).toBe(201);
    const id = (response.json() as { comment: { id: number } }).comment.id;
    expect((await test.store.findComment(id))?.lang).toBe(stored);
  });
});
