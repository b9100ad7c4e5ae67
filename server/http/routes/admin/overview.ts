/** The dashboard's overview: comments per day over the last 90 days, statuses, top pages. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AdminStore } from '../../../storage/admin-store.ts';
import { ErrorSchema, OverviewSchema } from '../../schemas.ts';

export interface OverviewRoutesOptions {
  adminStore: AdminStore;
  /** The server's clock: the last day shown is its today, in UTC. */
  now: () => Date;
}

const OVERVIEW_DAYS = 90;
const DAY_MS = 86_400_000;

export const overviewRoutes: FastifyPluginAsyncTypebox<OverviewRoutesOptions> = async (
  app,
  { adminStore, now },
) => {
  app.get(
    '/overview',
    {
      schema: {
        response: { 200: OverviewSchema, '4xx': ErrorSchema },
      },
    },
    async () => {
      const today = new Date(`${now().toISOString().slice(0, 10)}T00:00:00.000Z`);
      const days = Array.from({ length: OVERVIEW_DAYS }, (_, index) =>
        new Date(today.getTime() - (OVERVIEW_DAYS - 1 - index) * DAY_MS).toISOString().slice(0, 10),
      );
      const counted = adminStore.perDay(days[0] as string);
      return {
        perDay: days.map((day) => ({ day, count: counted.get(day) ?? 0 })),
        statuses: adminStore.counts(),
        topPages: adminStore.topPages(10),
      };
    },
  );
};
