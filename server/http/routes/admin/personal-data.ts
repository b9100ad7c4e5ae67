/**
 * Everything stored about one email address, for its owner's request: exported as JSON, or
 * erased, with its subscription and the mail queued for it.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { erasePersonalData, exportPersonalData } from '../../../comments/personal-data.ts';
import type { MailStore } from '../../../storage/mail-store.ts';
import type { Store } from '../../../storage/store.ts';
import { ErrorSchema, PersonalDataSchema } from '../../schemas.ts';

export interface PersonalDataRoutesOptions {
  store: Store;
  /** Erasing an address also forgets its subscription and the mail queued for it. */
  mailStore: MailStore;
  now: () => Date;
}

const EmailQuerySchema = Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }) });

export const personalDataRoutes: FastifyPluginAsyncTypebox<PersonalDataRoutesOptions> = async (
  app,
  { store, mailStore, now },
) => {
  app.get(
    '/data',
    {
      schema: {
        querystring: EmailQuerySchema,
        response: { 200: PersonalDataSchema, '4xx': ErrorSchema },
      },
    },
    async (request) => exportPersonalData(store, request.query.email),
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
      erased: erasePersonalData(store, mailStore, request.query.email, now()),
    }),
  );
};
