/** Builds the web application without listening, so tests can drive it with `inject`. */
import type { FastifyInstance } from 'fastify';
import { createClosing } from './comments/closing.ts';
import { createDefenceTally } from './comments/defence-tally.ts';
import { createCommentPolicy } from './comments/policy.ts';
import { createPresenter } from './comments/present.ts';
import type { Config } from './config.ts';
import { keepPassword } from './http/admin-session.ts';
import { answersIdOf } from './http/answers-id.ts';
import { errorHandling } from './http/error-handler.ts';
import { requestHooks } from './http/hooks.ts';
import { createOncePerWindow, type LogSink } from './http/logging.ts';
import { adminRoutes } from './http/routes/admin.ts';
import { commentRoutes } from './http/routes/comments.ts';
import { countRoutes } from './http/routes/counts.ts';
import { feedRoutes } from './http/routes/feed.ts';
import { healthRoutes } from './http/routes/health.ts';
import { mailRoutes } from './http/routes/mail.ts';
import { verificationRoutes } from './http/routes/verifications.ts';
import { createServer } from './http/server.ts';
import { createSitePolicy, followOwnOrigin } from './http/site-policy.ts';
import { staticFiles } from './http/static-files.ts';
import { transport } from './http/transport.ts';
import type { MailWorker } from './mail/queue.ts';
import { type Notifier, SILENT_NOTIFIER } from './moderation/notifier.ts';
import { createModeration } from './moderation/service.ts';
import { WIDGET_DIST_DIR } from './package-paths.ts';
import type { Storage } from './storage/storage.ts';
import { createVerifications } from './verification/verifications.ts';

export interface AppOptions {
  config: Config;
  /** Every store, made once (server/storage/storage.ts). */
  storage: Storage;
  /** Where the built widget (embed.js, its stylesheet, count.js) is served from. */
  widgetDir?: string;
  /** Told about new and approved comments, to send mail; silent by default. */
  notifier?: Notifier;
  /** The mail queue and the clock its links expire by (see server/mail/mailer.ts setUpMail). */
  mail?: { store: Storage['mail']; now: () => Date; worker?: MailWorker | null };
  /** Where log lines go; standard output by default. */
  logSink?: LogSink;
  /**
   * The one clock: edit windows, form tokens, the flood guard, sessions, the lockout, the
   * overview's days, moderation and link expiry follow it. By default the mail's clock, else
   * the system's.
   */
  clock?: () => Date;
}

/** How long a warning about one unlisted origin stays quiet after it is logged. */
const ORIGIN_WARNING_WINDOW_MS = 60 * 60_000;

export async function buildApp({
  config,
  storage,
  widgetDir = WIDGET_DIST_DIR,
  notifier = SILENT_NOTIFIER,
  mail,
  logSink,
  clock = mail?.now ?? (() => new Date()),
}: AppOptions): Promise<FastifyInstance> {
  const { store, secrets } = storage;
  const mailStore = mail?.store ?? storage.mail;
  const httpsOnly = config.publicUrl.startsWith('https:');
  const app = createServer(config, logSink);

  // First the answers to errors and the hooks, so that every route registered after has them.
  await app.register(errorHandling);
  await app.register(requestHooks, { httpsOnly });
  // Without METRICS_TOKEN nothing is counted: not even a hook is added to a reader's request,
  // and prom-client is not loaded (it would hold some megabytes of memory for nothing).
  const metrics = config.metricsToken
    ? (await import('./http/metrics.ts')).setUpMetrics(app, {
        mailStore,
        worker: mail?.worker ?? null,
        jobStore: storage.jobs,
      })
    : null;
  // Clients are counted by a keyed hash of their address, the same on every instance.
  const ipHashKey = await secrets.ipHashKey();
  await app.register(transport, { throttles: storage.throttles, ipHashKey, now: clock });
  await app.register(staticFiles, { widgetDir, demo: config.demo });

  await app.register(healthRoutes, { checkStorage: storage.health });
  if (metrics && config.metricsToken) {
    const { metricsRoutes } = await import('./http/routes/metrics.ts');
    await app.register(metricsRoutes, { metrics, token: config.metricsToken });
  }
  const ownOrigin = followOwnOrigin(app, config.publicUrl);
  const sitePolicy = createSitePolicy(config.siteOrigins, ownOrigin);
  // Counted here for the posting routes, read by the dashboard's overview.
  const defences = createDefenceTally(storage.defenceCounts, clock);
  // Before the onClose hooks, the last of which (main.ts's) closes the database.
  app.addHook('preClose', async () => defences.close());
  // One decision of whether a page takes comments, for readers and the dashboard alike.
  const closing = createClosing({ sitePolicy, closeAfterDays: config.closeAfterDays, now: clock });
  // Verified commenters: the browser's secret, confirmed from the mail it asked for.
  const verifications = createVerifications({
    config,
    storage,
    onQueued: () => mail?.worker?.wake(),
  });
  const answersId = answersIdOf(config, storage.lifeId);
  await app.register(commentRoutes, {
    answersId,
    verifications,
    config,
    storage,
    sitePolicy,
    closing,
    policy: createCommentPolicy(config, await secrets.formKey(), ipHashKey),
    present: createPresenter(config.avatars, await secrets.avatarKey()),
    ipHashKey,
    notifier,
    metrics,
    warnAboutOrigin: createOncePerWindow(ORIGIN_WARNING_WINDOW_MS, clock),
    defences,
    now: clock,
    ownOrigin,
  });
  await app.register(countRoutes, { store, config, ownOrigin });
  await app.register(feedRoutes, { config, storage, ownOrigin, answersId });
  // One moderation for the dashboard and the links in mail, so that both act alike.
  const moderation = createModeration({ storage, notifier, now: clock });
  // The links in mail keep working while SMTP_URL is unset: an unsubscribe link above all.
  await app.register(mailRoutes, { store, mailStore, moderation, now: clock });
  await app.register(verificationRoutes, { config, verifications, sitePolicy, now: clock });
  if (config.adminPassword) await keepPassword(secrets, config.adminPassword);
  await app.register(adminRoutes, {
    prefix: '/api/admin',
    storage,
    moderation,
    closing,
    now: clock,
    adminTokenHash: (await secrets.adminToken(config.adminToken)).hash,
    ipHashKey,
    passwordHash: secrets.passwordHash,
    ownerName: config.ownerName,
    httpsOnly,
    notifier,
    defences,
  });
  return app;
}
