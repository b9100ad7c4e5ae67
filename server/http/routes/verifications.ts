/**
 * Verifying a commenter's address: POST /api/verifications asks for the mail (the widget keeps
 * the secret it answers with), and /mail/verify is where the mail's link leads. As for every
 * link in mail, a GET only shows the button (mail scanners open links) and the POST confirms.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type Locale, nearestLocale } from '../../../shared/i18n/locales.ts';
import { R } from '../../../shared/i18n/reader-text.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { normalisePageUrl, originOf } from '../../../shared/page-key.ts';
import { characterCount, isEmail } from '../../../shared/validate.ts';
import type { Config } from '../../config.ts';
import { problems } from '../../errors.ts';
import {
  linkNotValidPage,
  verifiedPage,
  verifyGonePage,
  verifyQuestionPage,
} from '../../html/mail-pages.ts';
import { readerText } from '../../i18n/message.ts';
import { localeOf } from '../../i18n/request-locale.ts';
import { readerSay } from '../../i18n/words.ts';
import type { VerificationRow } from '../../storage/verified-addresses.ts';
import type { Verifications } from '../../verification/verifications.ts';
import { sendPage } from '../page-reply.ts';
import { ErrorSchema } from '../schemas.ts';
import type { SitePolicy } from '../site-policy.ts';
import { writeLimitOf } from '../transport.ts';

export interface VerificationRoutesOptions {
  config: Pick<Config, 'smtpUrl' | 'rateLimitPerMinute'>;
  verifications: Verifications;
  sitePolicy: SitePolicy;
  now: () => Date;
}

const VerificationRequestSchema = Type.Object({
  email: Type.String({ maxLength: LIMITS.emailMax }),
  /** The page the reader is on: it must be a page of a site the server takes comments for. */
  url: Type.String({ maxLength: LIMITS.urlMax }),
  lang: Type.Optional(Type.String({ maxLength: 35 })),
});

/** The secret the reader's browser keeps, and sends with each comment as `verification`. */
const VerificationSchema = Type.Object({ verification: Type.String() });

const LinkQuerySchema = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 200 })),
  /** The language of the mail the link was in; none in English mail. */
  lang: Type.Optional(Type.String({ maxLength: 35 })),
});

/** The language of a page a link opens: the mail's, which the link names, else the browser's. */
function linkLocale(request: FastifyRequest): Locale {
  return nearestLocale((request.query as { lang?: string }).lang) ?? localeOf(request);
}

const send = (reply: FastifyReply, status: number, page: string) => sendPage(reply, status, page);

export const verificationRoutes: FastifyPluginAsyncTypebox<VerificationRoutesOptions> = async (
  app,
  { config, verifications, sitePolicy, now },
) => {
  app.post(
    '/api/verifications',
    {
      ...writeLimitOf(config),
      schema: {
        body: VerificationRequestSchema,
        response: { 202: VerificationSchema, '4xx': ErrorSchema },
      },
    },
    async (request, reply) => {
      if (config.smtpUrl === null) throw problems.verificationOff();
      const locale = localeOf(request);
      const email = request.body.email.trim();
      const say = readerSay(locale);
      const emailProblem = !email
        ? say(R.EmailMissing)
        : characterCount(email) > LIMITS.emailMax
          ? say(R.EmailTooLong, { n: LIMITS.emailMax })
          : isEmail(email)
            ? null
            : say(R.EmailInvalid);
      const url = normalisePageUrl(request.body.url);
      if (emailProblem || !url) {
        throw problems.invalidInput({
          ...(emailProblem ? { email: emailProblem } : {}),
          ...(url ? {} : { url: readerText('pageUrlInvalid') }),
        });
      }
      // The same sites as for posting: the page's, and the one the browser says sent this.
      const site = originOf(url) as string;
      if (!sitePolicy(site)) throw problems.siteNotAllowed(site);
      const sender = request.headers.origin;
      if (sender !== undefined && !sitePolicy(sender)) throw problems.siteNotAllowed(sender);

      const verification = await verifications.request({ email, site, locale }, now());
      reply.code(202);
      return { verification };
    },
  );

  const linkPages: FastifyPluginAsyncTypebox = async (pages) => {
    // The button posts an empty form; the token is in the address.
    pages.addContentTypeParser(
      ['application/x-www-form-urlencoded', 'multipart/form-data'],
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, body),
    );

    /** Why a link cannot verify: unknown (404), or used or past its week (410); null if it can. */
    function refuse(request: FastifyRequest, reply: FastifyReply, row: VerificationRow | null) {
      const locale = linkLocale(request);
      if (!row) return send(reply, 404, linkNotValidPage(locale));
      if (row.confirmed_at || row.expires_at <= now().toISOString())
        return send(reply, 410, verifyGonePage(locale));
      return null;
    }

    pages.get(
      '/mail/verify',
      { schema: { querystring: LinkQuerySchema } },
      async (request, reply) => {
        const { token } = request.query;
        const row = token ? await verifications.findLink(token) : null;
        return (
          refuse(request, reply, row) ?? send(reply, 200, verifyQuestionPage(linkLocale(request)))
        );
      },
    );

    pages.post(
      '/mail/verify',
      { schema: { querystring: LinkQuerySchema } },
      async (request, reply) => {
        const { token } = request.query;
        if (token && (await verifications.confirm(token, now())))
          return send(reply, 200, verifiedPage(linkLocale(request)));
        const row = token ? await verifications.findLink(token) : null;
        return refuse(request, reply, row) ?? send(reply, 410, verifyGonePage(linkLocale(request)));
      },
    );
  };
  await app.register(linkPages);
};
