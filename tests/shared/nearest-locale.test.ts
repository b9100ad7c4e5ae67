import { describe, expect, it } from 'vitest';
import { nearestLocale } from '../../shared/i18n/locales.ts';

describe('nearestLocale', () => {
  it('finds the locale of a tag by its language, or by its language and script', () => {
    expect(nearestLocale('pt-BR')).toBe('pt');
    expect(nearestLocale('zh-CN')).toBe('zh-Hans');
    expect(nearestLocale('iw')).toBe('he');
    expect(nearestLocale('DE-at')).toBe('de');
  });

  it('finds none for a tag no locale is near, a tag that is not one, or no tag', () => {
    expect(nearestLocale('zh-TW')).toBeUndefined();
    expect(nearestLocale('sw')).toBeUndefined();
    expect(nearestLocale('not a tag!')).toBeUndefined();
    expect(nearestLocale('')).toBeUndefined();
    expect(nearestLocale(null)).toBeUndefined();
    expect(nearestLocale(undefined)).toBeUndefined();
  });
});
