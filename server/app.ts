/** Builds the web application without listening, so tests can drive it with `inject`. */
import { constants as zlibConstants } from 'node:zlib';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from 'better-sqlite3';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { LIMITS } from '../shared/limits.ts';
import type { FieldErrors } from '../shared/types.ts';
import { validateComment } from '../shared/validate.ts';
import { clientKey } from './comments/defences.ts';
import { createCommentPolicy } from './comments/policy.ts';
import type { Config } from './config.ts';
import { ApiProblem, problems } from './errors.ts';
import { adminPage, findAdminAssets } from './html/admin-page.ts';
import { landingPage } from './html/landing-page.ts';
import {
  createSessionStore,
  hashPassword,
  PASSWORD_SETTING,
  replacePassword,
  type SessionStore,
  verifyPassword,
} from './http/admin-session.ts';
import { answerClientError } from './http/client-errors.ts';
import { capConnectionsPerClient, trustsPeer } from './http/connection-cap.ts';
import { createOncePerWindow, type LogSink, logDestination } from './http/logging.ts';
import { adminRoutes } from './http/routes/admin.ts';
import { commentRoutes } from './http/routes/comments.ts';
import { countRoutes } from './http/routes/counts.ts';
import { healthRoutes } from './http/routes/health.ts';
import { mailRoutes } from './http/routes/mail.ts';
import { securityHeaders } from './http/security-headers.ts';
import { createSitePolicy, ownOriginOf } from './http/site-policy.ts';
import type { MailWorker } from './mail/queue.ts';
import { type Notifier, SILENT_NOTIFIER } from './moderation/notifier.ts';
import { DEMO_DIR, WIDGET_DIST_DIR } from './package-paths.ts';
import { createAdminStore } from './storage/admin-store.ts';
import { createMailStore, type MailStore } from './storage/mail-store.ts';
import { createToken, hashToken } from './storage/secrets.ts';
import { createStorageHealth } from './storage/storage-health.ts';
import type { Store } from './storage/store.ts';

export interface AppOptions {
  config: Config;
  db: Database;
  store: Store;
  /** Where the built widget (embed.js, its stylesheet, count.js) is served from. */
  widgetDir?: string;
  /** Told about new and approved comments, to send mail; silent by default. */
  notifier?: Notifier;
  /** The mail queue and the clock its links expire by (see server/mail/mailer.ts setUpMail). */
  mail?: { store: MailStore; now: () => Date; worker?: MailWorker | null };
  /** Where log lines go; standard output by default. */
  logSink?: LogSink;
  /** The clock that warnings repeated at most once an hour follow. */
  clock?: () => Date;
}

/** How long a warning about one unlisted origin stays quiet after it is logged. */
const ORIGIN_WARNING_WINDOW_MS = 60 * 60_000;

/** The generated admin token is kept as its SHA-256 only, like every other token. */
const ADMIN_TOKEN_HASH_SETTING = 'admin_token_hash';
/** Where earlier versions kept the generated token itself. */
const PLAIN_ADMIN_TOKEN_SETTING = 'admin_token';

/**
 * The admin token in force, as the hash a bearer token is checked against: ADMIN_TOKEN's, else
 * the generated one's. `token` is the token itself only on the start that generates it, which
 * shows it once: afterwards nothing in the database gives it away. A token an earlier version
 * kept as it is gets replaced by its hash, and keeps working.
 */
export function resolveAdminToken(
  config: Config,
  store: Store,
): { hash: string; token: string | null; generated: boolean } {
  if (config.adminToken)
    return { hash: hashToken(config.adminToken), token: config.adminToken, generated: false };
  const kept = store.getSetting(ADMIN_TOKEN_HASH_SETTING);
  if (kept) return { hash: kept, token: null, generated: false };
  const plain = store.getSetting(PLAIN_ADMIN_TOKEN_SETTING);
  if (plain) {
    const hash = hashToken(plain);
    store.inTransaction(() => {
      store.setSetting(ADMIN_TOKEN_HASH_SETTING, hash);
      store.deleteSetting(PLAIN_ADMIN_TOKEN_SETTING);
    });
    return { hash, token: null, generated: false };
  }
  const token = createToken(32);
  const hash = hashToken(token);
  store.setSetting(ADMIN_TOKEN_HASH_SETTING, hash);
  return { hash, token, generated: true };
}

/**
 * Keeps ADMIN_PASSWORD as a hash only, hashing again only when the password changed; a changed
 * password ends every dashboard session.
 */
async function keepPassword(store: Store, sessions: SessionStore, password: string): Promise<void> {
  const stored = store.getSetting(PASSWORD_SETTING);
  if (stored && (await verifyPassword(password, stored))) return;
  replacePassword(store, sessions, await hashPassword(password));
}

/** A secret made on first start and kept in the database, so that it survives restarts. */
function keptSecret(store: Store, name: string): string {
  const kept = store.getSetting(name);
  if (kept) return kept;
  const secret = createToken(32);
  store.setSetting(name, secret);
  return secret;
}

export async function buildApp({
  config,
  db,
  store,
  widgetDir = WIDGET_DIST_DIR,
  notifier = SILENT_NOTIFIER,
  mail,
  logSink,
  clock = () => new Date(),
}: AppOptions): Promise<FastifyInstance> {
  const logStream = logDestination(config.logFormat, logSink);
  const trustProxy = fastifyTrustProxy(config.trustProxy);
  const app = Fastify({
    // Errors are always logged; the request log only when asked for. Without it, requests share
    // the server's logger instead of getting one of their own, which costs a read a tenth of its time.
    logger: logStream ? { stream: logStream } : true,
    logController: new LogController({ disableRequestLogging: !config.logRequests }),
    ...(config.logRequests ? {} : { childLoggerFactory: (logger: FastifyBaseLogger) => logger }),
    bodyLimit: LIMITS.requestBytesMax,
    trustProxy,
    // A malformed URL is refused before routing; it gets the same error shape as the rest.
    frameworkErrors: (error, request, reply) => answerError(error, request, reply),
    ...connectionTimeouts(config),
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();
  capConnectionsPerClient(app.server, {
    maxPerClient: config.maxConnectionsPerClient,
    isProxy: trustsPeer(trustProxy),
  });

  // The API speaks JSON only: text/plain, which Fastify parses by default, gets 415 like the rest.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(answerError);
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({
      error: { code: 'not_found', message: `Nothing is at ${request.method} ${request.url}.` },
    });
  });
  // Hooks are callback-style, not async: they run on every request, and a promise each costs.
  app.addHook('onRequest', (request, _reply, done) => {
    const charset = /charset=([^;\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
    if (charset && charset.toLowerCase().replace(/"/g, '') !== 'utf-8')
      return done(problems.notUtf8(charset));
    done();
  });
  const security = securityHeaders();
  // A page is https when the request came over TLS (or from a proxy TRUST_PROXY names that says
  // so), or when PUBLIC_URL says readers reach the server over https only.
  const publicHttps = config.publicUrl.startsWith('https:');
  app.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith('/api/')) reply.headers(security.api);
    else
      reply.headers(
        publicHttps || request.protocol === 'https' ? security.httpsPages : security.httpPages,
      );
    done();
  });
  const mailStore = mail?.store ?? createMailStore(db);
  // Without METRICS_TOKEN nothing is counted: not even a hook is added to a reader's request,
  // and prom-client is not loaded (it would hold some megabytes of memory for nothing).
  const metrics = config.metricsToken
    ? (await import('./http/metrics.ts')).setUpMetrics(app, {
        mailStore,
        worker: mail?.worker ?? null,
      })
    : null;
  // Every body's text is repaired; only the routes that take a comment trim it too (see
  // trimCommentText): a password or a token is used exactly as sent.
  app.addHook('preValidation', (request, _reply, done) => {
    repairStrings(request.body);
    done();
  });
  // Query strings are coerced to numbers, and "Infinity" passes as one: no limit or id is that.
  app.addHook('preHandler', (request, _reply, done) => {
    for (const values of [request.query, request.params, request.body]) {
      if (!values || typeof values !== 'object') continue;
      for (const [name, value] of Object.entries(values)) {
        if (typeof value === 'number' && !Number.isFinite(value))
          return done(problems.invalidInput({ [name]: 'Must be a whole number.' }));
      }
    }
    done();
  });

  await app.register(cors, {
    origin: true,
    maxAge: 86_400,
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
  });
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => clientKey(request.ip),
    errorResponseBuilder: (_request, context) =>
      problems.rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
  const writeLimit =
    config.rateLimitPerMinute > 0
      ? { config: { rateLimit: { max: config.rateLimitPerMinute, timeWindow: 60_000 } } }
      : {};
  await app.register(compress, {
    // JSON answers only: the widget's files are compressed once, at build time.
    threshold: 1024,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
  // The widget's files are few and known at start: one route each, sent precompressed. The demo
  // pages, while DEMO is on, are served as they are, by the wildcard.
  await app.register(fastifyStatic, {
    root: widgetDir,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (response, path) => {
      response.header('cache-control', assetCacheControl(path));
    },
  });
  if (config.demo) {
    await app.register(fastifyStatic, {
      root: DEMO_DIR,
      prefix: '/',
      decorateReply: false,
      cacheControl: false,
      setHeaders: (response) => {
        response.header('cache-control', 'public, max-age=0, must-revalidate');
      },
    });
  } else {
    const page = landingPage();
    app.get('/', async (_request, reply) =>
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page),
    );
  }

  await app.register(healthRoutes, {
    checkStorage: createStorageHealth(db, config.databasePath),
  });
  if (metrics && config.metricsToken) {
    const { metricsRoutes } = await import('./http/routes/metrics.ts');
    await app.register(metricsRoutes, { metrics, token: config.metricsToken });
  }
  // The server's own origin comes from the settings, never from a request's Host. With PORT=0
  // it names the port the system chose, once there is one.
  let ownOrigin = ownOriginOf(config.publicUrl);
  app.addHook('onListen', (done) => {
    const address = app.server.address();
    if (address && typeof address === 'object')
      ownOrigin = ownOriginOf(config.publicUrl, address.port);
    done();
  });
  const sitePolicy = createSitePolicy(config.siteOrigins, () => ownOrigin);
  await app.register(commentRoutes, {
    config,
    db,
    store,
    sitePolicy,
    policy: createCommentPolicy(config, store, keptSecret(store, 'form_key')),
    ipHashKey: keptSecret(store, 'ip_hash_key'),
    writeLimit,
    notifier,
    metrics,
    warnAboutOrigin: createOncePerWindow(ORIGIN_WARNING_WINDOW_MS, clock),
  });
  await app.register(countRoutes, { store, config, ownOrigin: () => ownOrigin });
  // The links in mail keep working while SMTP_URL is unset: an unsubscribe link above all.
  await app.register(mailRoutes, {
    store,
    mailStore,
    adminStore: createAdminStore(db),
    notifier,
    now: mail?.now ?? (() => new Date()),
  });
  const sessions = createSessionStore(db);
  if (config.adminPassword) await keepPassword(store, sessions, config.adminPassword);
  await app.register(adminRoutes, {
    prefix: '/api/admin',
    store,
    adminStore: createAdminStore(db),
    sessions,
    adminTokenHash: resolveAdminToken(config, store).hash,
    passwordHash: () => store.getSetting(PASSWORD_SETTING),
    ownerName: config.ownerName,
    httpsOnly: config.publicUrl.startsWith('https:'),
    mailStore,
    notifier,
  });
  // The dashboard's page names its content-hashed files, found where the widget was built.
  const adminAssets = findAdminAssets(widgetDir);
  if (adminAssets) {
    const page = adminPage({ admin: adminAssets });
    app.get('/admin', async (_request, reply) =>
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page),
    );
  }
  return app;
}

/**
 * Content-hashed files never change, so browsers and CDNs keep them for a year; the scripts a
 * page names by fixed URL (embed.js, count.js) and the demo pages are checked again after
 * a few minutes, so that a new version reaches readers soon.
 */
function assetCacheControl(path: string): string {
  return /\.[0-9a-f]{10}\.\w+$/.test(path)
    ? 'public, max-age=31536000, immutable'
    : 'public, max-age=300';
}

/**
 * Every wait on a client is bounded (see server/config.ts): Node's requestTimeout covers the
 * whole request, so a body trickled in a byte at a time is cut off, not only slow headers.
 * Node checks those two only every connectionsCheckingInterval (30 s by default, which would
 * let a slow request live twice its timeout); a quarter of the headers timeout keeps the
 * overrun small, and checking costs little beside the connections it frees.
 */
function connectionTimeouts(config: Config) {
  const requestTimeout = config.requestTimeoutSeconds * 1000;
  const headersTimeout = config.headersTimeoutSeconds * 1000;
  return {
    requestTimeout,
    connectionTimeout: config.connectionTimeoutSeconds * 1000,
    keepAliveTimeout: config.keepAliveTimeoutSeconds * 1000,
    // requestTimeout again here: Node checks headersTimeout against it as the server is made,
    // before Fastify sets it, and would compare with its own default (300 s) instead.
    http: {
      requestTimeout,
      headersTimeout,
      connectionsCheckingInterval: Math.min(1000, headersTimeout / 4),
    },
  };
}

/** A hop count becomes a function: "trust the nearest n proxies". */
function fastifyTrustProxy(setting: Config['trustProxy']) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

// Half of a surrogate pair is no character: stored, it would come back as three U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces broken UTF-16 in the body's text fields with U+FFFD, as a browser would. */
function repairStrings(body: unknown): void {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return;
  const record = body as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') record[key] = value.replace(LONE_SURROGATE, '\uFFFD');
  }
}

const FRAMEWORK_ERRORS: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'body_too_large',
    message: `The request is larger than ${LIMITS.requestBytesMax / 1024} KB.`,
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'Send the request body as JSON, with "Content-Type: application/json".',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', message: 'The request body is empty.' },
  FST_ERR_BAD_URL: { code: 'bad_url', message: 'The address of this request is malformed.' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'bad_url', message: 'A part of this address is too long.' },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'invalid_json',
    message: 'The request body is not valid JSON.',
  },
};

function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem = error instanceof ApiProblem ? error : storageProblem(error);
  if (problem) {
    if (problem.statusCode >= 500) request.log.error(error);
    if (problem.retryAfter) reply.header('retry-after', String(problem.retryAfter));
    reply.code(problem.statusCode).send({
      error: { code: problem.code, message: problem.message, fields: problem.fields },
    });
    return;
  }
  if (error.validation) {
    const isNewComment = request.method === 'POST' && request.routeOptions.url === '/api/comments';
    const fields = fieldErrors(error, isNewComment ? request.body : null);
    reply.code(400).send({
      error: { code: 'invalid_input', message: 'Please correct the marked fields.', fields },
    });
    return;
  }
  const status = error.statusCode ?? 500;
  if (status < 500) {
    const known = FRAMEWORK_ERRORS[error.code] ??
      (error instanceof SyntaxError
        ? FRAMEWORK_ERRORS.FST_ERR_CTP_INVALID_JSON_BODY
        : undefined) ?? {
        code: 'bad_request',
        message: error.message,
      };
    reply.code(status).send({ error: known });
    return;
  }
  request.log.error(error);
  reply.code(500).send({
    error: {
      code: 'server_error',
      message: 'Something went wrong on the server. Please try again.',
    },
  });
}

// SQLite's answers when the disk is full, the file read-only or unreachable: the server itself
// is fine and recovers when the cause goes away, so the client is told to try again later.
const STORAGE_ERROR = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PROTOCOL|NOLFS)/;

function storageProblem(error: FastifyError): ApiProblem | null {
  return typeof error.code === 'string' && STORAGE_ERROR.test(error.code)
    ? problems.storageUnavailable()
    : null;
}

/**
 * Names each invalid field. For a new comment, every field the shared checks find wrong is named,
 * in the words the widget uses, not only the first problem the schema met.
 */
function fieldErrors(error: FastifyError, comment: unknown): FieldErrors {
  const reader =
    comment && typeof comment === 'object' ? validateComment(comment).errors : ({} as FieldErrors);
  const fields: FieldErrors = { ...reader };
  for (const issue of error.validation ?? []) {
    const params = issue.params as { missingProperty?: string; limit?: number };
    const field =
      issue.instancePath.split('/')[1] ||
      params.missingProperty ||
      error.validationContext ||
      'request';
    if (fields[field]) continue;
    fields[field] = reader[field] ?? describeIssue(issue.keyword, params.limit, issue.message);
  }
  return fields;
}

function describeIssue(keyword: string, limit: number | undefined, fallback?: string): string {
  if (keyword === 'required') return 'This field is required.';
  if (keyword === 'maxLength') return `Must be at most ${limit} characters.`;
  if (keyword === 'minLength') return 'Must not be empty.';
  if (keyword === 'type') return 'Has the wrong type.';
  return fallback ? `Must ${fallback.replace(/^must /, '')}.` : 'Is not valid.';
}
