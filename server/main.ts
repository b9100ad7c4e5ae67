/** Starting and stopping the server: the only place that listens or handles signals. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { NO_PASSWORD_NOTE } from './errors.ts';
import { setUpJobs } from './jobs/setup.ts';
import { setUpMail } from './mail/mailer.ts';
import { combineNotifiers } from './moderation/notifier.ts';
import { WIDGET_DIST_DIR } from './package-paths.ts';
import { describeReadOnly } from './storage/database-file.ts';
import { databaseName } from './storage/database-name.ts';
import { openStorage } from './storage/storage.ts';

const SHUTDOWN_GRACE_MS = 5_000;

/** Opens the database and listens; resolves once the server accepts requests. */
export async function startServer(config: Config): Promise<FastifyInstance> {
  if (!existsSync(join(WIDGET_DIST_DIR, 'embed.js')))
    throw new Error(`The widget is not built (${WIDGET_DIST_DIR} is empty): run "npm run build".`);
  const storage = await openStorage(config);
  const admin = await storage.secrets.adminToken(config.adminToken);
  const mail = await setUpMail(config, storage);
  // A job that moves a comment (an Akismet re-check) tells mail too.
  const jobs = await setUpJobs(config, storage, undefined, { alsoTell: mail.notifier });
  const notifier = combineNotifiers(mail.notifier, jobs.notifier);
  const app = await buildApp({ config, storage, notifier, mail });
  app.addHook('onClose', async () => {
    // The workers finish the mail and the job in hand before the database they record in closes.
    await Promise.all([mail.worker?.stop(), jobs.worker?.stop()]);
    await storage.close();
  });

  // Handlers go in before the server says it is up, so a signal right after start is honoured.
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received: closing the server and the database.`);
    // Requests in flight get a moment to finish; a client that holds its connection open
    // must not keep the server from stopping.
    setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = `http://${config.host}:${(app.server.address() as { port: number }).port}`;
  console.log(`Leave a Reply is running at ${address} (database: ${databaseName(config)})`);
  // A database on a read-only medium is served for reading (see openDatabase); writes get 503.
  if (storage.readonly) console.log(describeReadOnly(config.databasePath));
  console.log(`Embed it with: <script src="${address}/embed.js" async></script>`);
  console.log(`Moderate comments in the dashboard: ${dashboardAddress(config, address)}`);
  // Read after buildApp, which keeps ADMIN_PASSWORD; a password set earlier from the CLI counts.
  if (!(await storage.secrets.passwordHash())) console.log(NO_PASSWORD_NOTE);
  if (mail.worker) {
    // Sending mail records it in the queue: nothing can be sent from a read-only database.
    if (!storage.readonly) mail.worker.start();
    const smtp = new URL(config.smtpUrl as string);
    console.log(
      `Mail goes out through ${smtp.host}, from ${config.mailFrom}; links in it lead to ${config.publicUrl}.` +
        (config.notifyEmail ? '' : ' NOTIFY_EMAIL is unset: the site owner gets no mail.'),
    );
  } else {
    console.log('Mail is off: set SMTP_URL to send notifications (see "Email" in README.md).');
  }
  // Like mail, jobs record their outcome in the database: none can run from a read-only one.
  if (jobs.worker && !storage.readonly) jobs.worker.start();
  if (config.webhooks.urls.length > 0) {
    const count = config.webhooks.urls.length;
    console.log(
      `Webhooks (${config.webhooks.format}) go to ${count} receiver${count === 1 ? '' : 's'}${config.webhooks.secret ? ', signed' : ''}.`,
    );
  }
  if (config.akismet)
    console.log(
      `Akismet checks new comments, as ${config.akismet.site}, at ${config.akismet.url}.`,
    );
  if (admin.generated) {
    console.log(`Admin token (shown once; set ADMIN_TOKEN to choose your own): ${admin.token}`);
  }

  return app;
}

/**
 * Where the owner opens the dashboard: PUBLIC_URL's /admin. PUBLIC_URL's default is made from
 * PORT, so with PORT=0 (a port the system picks) the address the server listens at is used.
 */
function dashboardAddress(config: Config, listening: string): string {
  const base = new URL(config.publicUrl);
  return `${base.port === '0' ? listening : config.publicUrl}/admin`;
}
