/** Starting and stopping the server: the only place that listens or handles signals. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, resolveAdminToken } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/open.ts';
import { createStore } from './db/store.ts';
import { setUpMail } from './mail/mailer.ts';
import { WIDGET_DIST_DIR } from './package-paths.ts';

const SHUTDOWN_GRACE_MS = 5_000;

/** Opens the database and listens; resolves once the server accepts requests. */
export async function startServer(config: Config): Promise<FastifyInstance> {
  if (!existsSync(join(WIDGET_DIST_DIR, 'embed.js')))
    throw new Error(`The widget is not built (${WIDGET_DIST_DIR} is empty): run "npm run build".`);
  const db = openDatabase(config.databasePath);
  const store = createStore(db);
  const admin = resolveAdminToken(config, store);
  const mail = setUpMail(config, store, db);
  const app = await buildApp({ config, db, store, notifier: mail.notifier, mail });
  app.addHook('onClose', async () => {
    // The worker finishes the mail it is sending before the database it records it in closes.
    await mail.worker?.stop();
    db.close();
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
  console.log(`Leave a Reply is running at ${address} (database: ${config.databasePath})`);
  console.log(`Embed it with: <script src="${address}/embed.js" async></script>`);
  if (mail.worker) {
    mail.worker.start();
    const smtp = new URL(config.smtpUrl as string);
    console.log(
      `Mail goes out through ${smtp.host}, from ${config.mailFrom}; links in it lead to ${config.publicUrl}.` +
        (config.notifyEmail ? '' : ' NOTIFY_EMAIL is unset: the site owner gets no mail.'),
    );
  } else {
    console.log('Mail is off: set SMTP_URL to send notifications (see "Email" in README.md).');
  }
  if (admin.generated) {
    console.log(`Admin token (shown once; set ADMIN_TOKEN to choose your own): ${admin.token}`);
  }

  return app;
}
