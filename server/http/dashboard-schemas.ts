/**
 * The schemas of the dashboard's own lists: its queues' counts, its pages, its overview. Its
 * comments are in schemas.ts, beside the readers' comments they extend.
 */
import { type Static, Type } from 'typebox';
import { LIMITS } from '../../shared/limits.ts';

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** How many comments each of the dashboard's queues holds. */
export const QueueCountsSchema = Type.Object({
  pending: Type.Integer(),
  approved: Type.Integer(),
  spam: Type.Integer(),
  trash: Type.Integer(),
});
export type QueueCounts = Static<typeof QueueCountsSchema>;

const PageSummarySchema = Type.Object({
  key: Type.String(),
  url: Type.String(),
  title: NullableString,
  count: Type.Integer(),
});

/**
 * A page in the dashboard's list: its site, when it was published (ISO; null when unknown), and
 * whether it takes new comments now.
 */
export const AdminPageSchema = Type.Object({
  ...PageSummarySchema.properties,
  site: Type.String(),
  published: NullableString,
  open: Type.Boolean(),
});

/** The site owner opens or closes a page by hand (true, false), or gives it back to the setting (null). */
export const PageOpenChangeSchema = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: LIMITS.urlMax * 2 }),
    // One schema of two types, not a union of two: the validator coerces types, and would turn a
    // null into the false of a boolean branch tried first.
    open: Type.Unsafe<boolean | null>({ type: ['boolean', 'null'] }),
  },
  { additionalProperties: false },
);

/** A part of the dashboard's list of pages; `next` fetches the rest. */
export const PageListSchema = Type.Object({
  pages: Type.Array(AdminPageSchema),
  next: Type.Union([Type.String(), Type.Null()]),
});
export type PageList = Static<typeof PageListSchema>;

const DefenceCountSchema = Type.Object({ stopped: Type.Integer(), held: Type.Integer() });

export const OverviewSchema = Type.Object({
  perDay: Type.Array(Type.Object({ day: Type.String(), count: Type.Integer() })),
  statuses: QueueCountsSchema,
  topPages: Type.Array(PageSummarySchema),
  /** Per defence (DEFENCES), the new comments it stopped (refused or spam) and held. */
  defences: Type.Record(Type.String(), DefenceCountSchema),
});
export type Overview = Static<typeof OverviewSchema>;
