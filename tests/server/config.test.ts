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
