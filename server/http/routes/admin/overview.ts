/**
 * The dashboard's overview: comments per day over the last 90 days, statuses, top pages, and
 * what each defence stopped or held over those days.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DefenceTally } from '../../../comments/defence-tally.ts';
import type { Storage } from '../../../storage/storage.ts';
import { OverviewSchema } from '../../dashboard-schemas.ts';
import { ErrorSchema } from '../../schemas.ts';

export interface OverviewRoutesOptions {
  adminStore: Storage['admin'];
  /** The server's clock: the last day shown is its today, in UTC. */
  now: () => Date;
  defences: Pick<DefenceTally, 'totals'>;
}

const OVERVIEW_DAYS = 90;
const DAY_MS = 86_400_000;

export const overviewRoutes: FastifyPluginAsyncTypebox<OverviewRoutesOptions> = async (
  app,
  { adminStore, now, defences },
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
      const since = days[0] as string;
      const [counted, statuses, topPages, totals] = await Promise.all([
        adminStore.perDay(since),
        adminStore.counts(),
        adminStore.topPages(10),
        defences.totals(since),
      ]);
      return {
        perDay: days.map((day) => ({ day, count: counted.get(day) ?? 0 })),
        statuses,
        topPages,
        defences: totals,
      };
    },
  );
};
