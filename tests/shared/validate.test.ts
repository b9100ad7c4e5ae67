import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en.ts';
import { sayer } from '../../shared/i18n/say.ts';
import { LIMITS } from '../../shared/limits.ts';
import {
  characterCount,
  validateComment as check,
  isEmail,
  isWebUrl,
} from '../../shared/validate.ts';

const english = sayer('en', en);
const validateComment = (input: Parameters<typeof check>[0]) => check(input, english);

const VALID = { name: 'Ann', email: 'ann@example.com', website: '', body: 'Hello' };

describe('validateComment', () => {
  it('accepts a complete comment and trims it', () => {
    const { value, errors } = validateComment({ ...VALID, name: '  Ann  ', body: '\n Hello \n' });
    expect(errors).toEqual({});
    expect(value).toEqual({ ...VALID, name: 'Ann', body: 'Hello' });
  });

  it('names every missing required field', () => {
    const { errors } = validateComment({});
    expect(Object.keys(errors).sort()).toEqual(['body', 'email', 'name']);
    expect(errors.name).toBe('Please enter your name.');
    expect(errors.email).toBe('Please enter your email address.');
    expect(errors.body).toBe('Please type your comment.');
  });

  it('treats a comment of only whitespace as empty', () => {
    expect(validateComment({ ...VALID, body: ' \n\t ' }).errors.body).toBe(
      'Please type your comment.',
    );
  });

  it('refuses an email address without a domain', () => {
    expect(validateComment({ ...VALID, email: 'ann@' }).errors.email).toBe(
      'Please enter a valid email address.',
    );
  });

  it('refuses a website that is not http(s)', () => {
    for (const website of [
      'javascript:alert(1)',
      'ftp://example.com',
      'example.com',
      'data:text/html,x',
    ]) {
      expect(validateComment({ ...VALID, website }).errors.website).toMatch(
        /http:\/\/ or https:\/\//,
      );
    }
  });

  it('enforces each length limit at its edge', () => {
    const at = (n: number) => 'a'.repeat(n);
    expect(validateComment({ ...VALID, name: at(LIMITS.nameMax) }).errors).toEqual({});
    expect(validateComment({ ...VALID, name: at(LIMITS.nameMax + 1) }).errors.name).toBe(
      'Name must be at most 100 characters.',
    );
    expect(validateComment({ ...VALID, body: at(LIMITS.bodyMax) }).errors).toEqual({});
    expect(validateComment({ ...VALID, body: at(LIMITS.bodyMax + 1) }).errors.body).toBe(
      'Your comment must be at most 10,000 characters.',
    );
    const longEmail = `${at(LIMITS.emailMax - '@example.com'.length + 1)}@example.com`;
    expect(validateComment({ ...VALID, email: longEmail }).errors.email).toMatch(/at most 254/);
    const longSite = `https://example.com/${at(LIMITS.websiteMax)}`;
    expect(validateComment({ ...VALID, website: longSite }).errors.website).toMatch(
      /at most 2,000/,
    );
  });

  it('counts an emoji as one character', () => {
    expect(characterCount('👋🏽'.slice(0, 2))).toBe(1);
    expect(validateComment({ ...VALID, name: '😀'.repeat(LIMITS.nameMax) }).errors).toEqual({});
  });

  it('judges input that is not text as missing', () => {
    expect(validateComment({ ...VALID, name: 42, body: null }).errors).toMatchObject({
      name: 'Please enter your name.',
      body: 'Please type your comment.',
    });
  });
});

describe('isEmail and isWebUrl', () => {
  const CHECKS = { isEmail, isWebUrl };

  it.each<[keyof typeof CHECKS, string, boolean]>([
    ['isEmail', 'ann@example.com', true],
    ['isEmail', 'ann.o+tag@mail.example.co.uk', true],
    ['isEmail', 'ann@localhost', false],
    ['isEmail', 'ann example@example.com', false],
    ['isEmail', '<ann@example.com>', false],
    ['isWebUrl', 'https://example.com', true],
    ['isWebUrl', 'http://example.com/path?q=1', true],
    ['isWebUrl', 'HTTPS://EXAMPLE.COM', true],
    ['isWebUrl', 'javascript:alert(1)', false],
    ['isWebUrl', '//example.com', false],
    ['isWebUrl', 'https://', false],
  ])('%s(%s) is %s', (check, input, expected) => {
    expect(CHECKS[check](input)).toBe(expected);
  });
});
