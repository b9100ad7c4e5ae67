import { defineConfig } from 'vitest/config';
import { findPostgresBinaries } from './tests/helpers/postgres-setup.ts';

/**
 * The suites that run a second time with PostgreSQL as the storage (TEST_ENGINE=postgres): each
 * goes through the app's API and its storage only, never SQLite's file itself.
 */
const ON_BOTH_ENGINES = [
  'tests/e2e/accessibility.test.ts',
  'tests/e2e/admin.test.ts',
  'tests/e2e/admin-akismet.test.ts',
  'tests/e2e/admin-closing.test.ts',
  'tests/e2e/admin-defences.test.ts',
  'tests/e2e/admin-hardening.test.ts',
  'tests/e2e/admin-unapprove.test.ts',
  'tests/e2e/author-tools.test.ts',
  'tests/e2e/bounded-answers.test.ts',
  'tests/e2e/challenge.test.ts',
  'tests/e2e/comment-flow.test.ts',
  'tests/e2e/count.test.ts',
  'tests/e2e/host-pages.test.ts',
  'tests/e2e/languages.test.ts',
  'tests/e2e/long-thread.test.ts',
  'tests/e2e/no-javascript.test.ts',
  'tests/e2e/plain-http.test.ts',
  'tests/e2e/reader-features.test.ts',
  'tests/e2e/right-to-left.test.ts',
  'tests/e2e/server-rendered-swap.test.ts',
  'tests/e2e/single-page-app.test.ts',
  'tests/e2e/structured-data.test.ts',
  'tests/e2e/thread-page-size.test.ts',
  'tests/e2e/thread-stylesheet.test.ts',
  'tests/e2e/verified-commenters.test.ts',
  'tests/server/admin-api.test.ts',
  'tests/server/admin-lockout.test.ts',
  'tests/server/admin-pages.test.ts',
  'tests/server/authors.test.ts',
  'tests/server/avatars.test.ts',
  'tests/server/broken-text.test.ts',
  'tests/server/challenge.test.ts',
  'tests/server/cheap-checks-first.test.ts',
  'tests/server/client-keys.test.ts',
  'tests/server/clock.test.ts',
  'tests/server/closing.test.ts',
  'tests/server/comments-api.test.ts',
  'tests/server/counts-and-assets.test.ts',
  'tests/server/dashboard-sign-in.test.ts',
  'tests/server/defence-counts-shutdown.test.ts',
  'tests/server/defence-counts.test.ts',
  'tests/server/defence-scenario.test.ts',
  'tests/server/defences.test.ts',
  'tests/server/demo.test.ts',
  'tests/server/duplicate-check.test.ts',
  'tests/server/feed.test.ts',
  'tests/server/first-time-moderation.test.ts',
  'tests/server/html-validity.test.ts',
  'tests/server/import-while-serving.test.ts',
  'tests/server/likes-cache.test.ts',
  'tests/server/likes.test.ts',
  'tests/server/list-unsubscribe.test.ts',
  'tests/server/logs.test.ts',
  'tests/server/mail-language.test.ts',
  'tests/server/metrics.test.ts',
  'tests/server/moderation-doors.test.ts',
  'tests/server/own-comments.test.ts',
  'tests/server/own-origin.test.ts',
  'tests/server/page-ids.test.ts',
  'tests/server/page-shell.test.ts',
  'tests/server/password-spaces.test.ts',
  'tests/server/poster-limits.test.ts',
  'tests/server/privacy.test.ts',
  'tests/server/reply-mail-offer.test.ts',
  'tests/server/request-language.test.ts',
  'tests/server/security-headers.test.ts',
  'tests/server/shared-throttles.test.ts',
  'tests/server/sign-in-event-loop.test.ts',
  'tests/server/slow-clients.test.ts',
  'tests/server/sort-paging.test.ts',
  'tests/server/sort.test.ts',
  'tests/server/thread-html.test.ts',
  'tests/server/thread-language.test.ts',
  'tests/server/thread-page-rules.test.ts',
  'tests/server/thread-pages.test.ts',
  'tests/server/thread-replies.test.ts',
  'tests/server/trimmed-text.test.ts',
  'tests/server/trust-proxy.test.ts',
  'tests/server/unapprove.test.ts',
  'tests/server/verified-commenters.test.ts',
  'tests/server/webhook-restart.test.ts',
  'tests/server/webhooks.test.ts',
];

const postgres = findPostgresBinaries() !== null;
if (!postgres) {
  if (process.env.REQUIRE_POSTGRES === 'true')
    throw new Error(
      'REQUIRE_POSTGRES=true, and PostgreSQL is not installed (apt-get install postgresql).',
    );
  console.log(
    'PostgreSQL is not installed: every suite runs on SQLite only, and the PostgreSQL ones are skipped.',
  );
}

export default defineConfig({
  test: {
    // Tests that start `leave-a-reply` as a process run the built server: build it first.
    // The PostgreSQL suites share one throw-away cluster, started once for the run.
    globalSetup: ['tests/helpers/build-once.ts', 'tests/helpers/postgres-setup.ts'],
    // Both engines' runs share two cores, and some tests check scrypt passwords a dozen times:
    // a test is given half a minute before it counts as hung (times are measured by the bench).
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'sqlite' } },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ON_BOTH_ENGINES,
                env: { TEST_ENGINE: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
