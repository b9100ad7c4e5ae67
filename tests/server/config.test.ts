import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

describe('loadConfig', () => {
  it('has defaults that run a server on localhost:8080 with ./data/comments.db', () => {
    expect(loadConfig({})).toMatchObject({
      port: 8080,
      host: 'localhost',
      databasePath: './data/comments.db',
      siteOrigins: [],
      moderation: 'first-time',
      adminToken: null,
      logRequests: false,
    });
  });

  it('reads SITE_ORIGINS as a comma-separated list of origins', () => {
    expect(
      loadConfig({ SITE_ORIGINS: 'https://Blog.example.com/, http://localhost:4000' }).siteOrigins,
    ).toEqual(['https://blog.example.com', 'http://localhost:4000']);
  });

  it('reports every invalid setting at once', () => {
    expect(() =>
      loadConfig({
        PORT: 'eighty',
        MODERATION: 'sometimes',
        SITE_ORIGINS: 'blog',
        ADMIN_TOKEN: 'short',
      }),
    ).toThrow(/PORT[\s\S]*MODERATION[\s\S]*SITE_ORIGINS[\s\S]*ADMIN_TOKEN/);
  });
});

describe('DEMO', () => {
  it('is on while SITE_ORIGINS is unset and off once it is set, unless DEMO says otherwise', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ SITE_ORIGINS: 'https://blog.example.com' }).demo).toBe(false);
    expect(loadConfig({ DEMO: 'false' }).demo).toBe(false);
    expect(loadConfig({ DEMO: 'true', SITE_ORIGINS: 'https://blog.example.com' }).demo).toBe(true);
    expect(() => loadConfig({ DEMO: 'maybe' })).toThrow('DEMO must be true or false, not "maybe".');
  });
});

describe('LOG_FORMAT', () => {
  it('is pretty on a terminal and JSON otherwise, unless LOG_FORMAT says which', () => {
    expect(loadConfig({}, true).logFormat).toBe('pretty');
    expect(loadConfig({}, false).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'Pretty' }, false).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(
      'LOG_FORMAT must be one of json, pretty, not "xml".',
    );
  });
});
