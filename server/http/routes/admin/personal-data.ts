/**
 * Everything stored about one email address, for its owner's request: exported as JSON, or
 * erased, with its subscription and the mail queued for it.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { erasePersonalData, exportPersonalData } from '../../../comments/personal-data.ts';
import type { AkismetStore } from '../../../storage/akismet-store.ts';
import type { JobStore } from '../../../storage/job-store.ts';
import type { MailStore } from '../../../storage/mail-store.ts';
import type { Store } from '../../../storage/store.ts';
import type { VerifiedAddresses } from '../../../storage/verified-addresses.ts';
import { ErrorSchema, PersonalDataSchema } from '../../schemas.ts';

export interface PersonalDataRoutesOptions {
  store: Store;
  /** Erasing an address also forgets its subscription and the mail queued for it. */
  mailStore: MailStore;
  /** And the address's verifications, confirmed or not. */
  verifications: VerifiedAddresses;
  /** And the jobs about its comments (webhooks, spam checks), which quote them. */
  jobStore: JobStore;
  /** What Akismet keeps of the address's comments, exported with them. */
  akismet: AkismetStore;
  now: () => Date;
}

const EmailQuerySchema = Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }) });

export const personalDataRoutes: FastifyPluginAsyncTypebox<PersonalDataRoutesOptions> = async (
  app,
  { store, mailStore, verifications, jobStore, akismet, now },
) => {
  app.get(
    '/data',
    {
      schema: {
        querystring: EmailQuerySchema,
        response: { 200: PersonalDataSchema, '4xx': ErrorSchema },
      },
    },
    async (request) => exportPersonalData(store, request.query.email, akismet),
  );

  app.delete(
    '/data',
    {
      schema: {
        querystring: EmailQuerySchema,
        response: { 200: Type.Object({ erased: Type.Integer() }), '4xx': ErrorSchema },
      },
    },
    async (request) => ({
      erased: erasePersonalData(
        store,
        mailStore,
        request.query.email,
        now(),
        verifications,
        jobStore,
      ),
    }),
  );
};
