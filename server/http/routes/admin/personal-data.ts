/**
 * Everything stored about one email address, for its owner's request: exported as JSON, or
 * erased, with its subscription and the mail queued for it.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { erasePersonalData, exportPersonalData } from '../../../comments/personal-data.ts';
import type { Storage } from '../../../storage/storage.ts';
import { ErrorSchema, PersonalDataSchema } from '../../schemas.ts';

export interface PersonalDataRoutesOptions {
  /**
   * Where the address's comments are read and erased, with what Akismet keeps of them, its
   * subscription, the mail queued for it, its verifications and the jobs about its comments.
   */
  storage: Storage;
  now: () => Date;
}

const EmailQuerySchema = Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }) });

export const personalDataRoutes: FastifyPluginAsyncTypebox<PersonalDataRoutesOptions> = async (
  app,
  { storage, now },
) => {
  app.get(
    '/data',
    {
      schema: {
        querystring: EmailQuerySchema,
        response: { 200: PersonalDataSchema, '4xx': ErrorSchema },
      },
    },
    async (request) => exportPersonalData(storage, request.query.email),
  );

  app.delete(
    '/data',
    {
      schema: {
        querystring: EmailQuerySchema,
        response: { 200: Type.Object({ erased: Type.Integer() }), '4xx': ErrorSchema },
      },
    },
    async (request) => ({ erased: await erasePersonalData(storage, request.query.email, now()) }),
  );
};
