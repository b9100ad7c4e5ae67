/**
 * The widget's types of the API (shared/types.ts, the top of widget/admin/api.ts) against the
 * server's, which are derived from its route schemas. The `expectTypeOf` lines are checked by
 * `tsc --noEmit`: a field added, dropped or retyped on one side only fails the compile.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as ServerLists from '../../server/http/dashboard-schemas.ts';
import type * as Server from '../../server/http/schemas.ts';
import { CommentStatusSchema, StoredStatusSchema } from '../../server/http/schemas.ts';
import type { ModerationAct } from '../../server/moderation/service.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { COMMENT_STATUSES } from '../../shared/statuses.ts';
import type * as Shared from '../../shared/types.ts';
import type * as Dashboard from '../../widget/admin/api.ts';

describe('the API types the widget reads', () => {
  it('are the shapes the server answers and accepts', () => {
    expectTypeOf<Shared.PublicComment>().toEqualTypeOf<Server.PublicComment>();
    expectTypeOf<Shared.OwnComment>().toEqualTypeOf<Server.OwnComment>();
    expectTypeOf<Shared.Thread>().toEqualTypeOf<Server.Thread>();
    expectTypeOf<Shared.NewComment>().toEqualTypeOf<Server.NewComment>();
    expectTypeOf<Shared.PostedComment>().toEqualTypeOf<Server.PostedComment>();
    expectTypeOf<Shared.CommentStatus>().toEqualTypeOf<Server.OwnComment['status']>();
    // The widget fills its field errors in one by one, so each may still be missing.
    expectTypeOf<Shared.FieldErrors>().toEqualTypeOf<
      Partial<NonNullable<Server.ErrorAnswer['error']['fields']>>
    >();
    expectTypeOf<Omit<Shared.ApiError['error'], 'fields'>>().toEqualTypeOf<
      Omit<Server.ErrorAnswer['error'], 'fields'>
    >();
  });

  it('are the shapes the server answers the dashboard with', () => {
    // The dashboard asks for its queues only, never for deleted comments.
    expectTypeOf<Dashboard.AdminComment['status']>().toEqualTypeOf<
      Exclude<Server.DashboardComment['status'], 'deleted'>
    >();
    expectTypeOf<Omit<Dashboard.AdminComment, 'status'>>().toEqualTypeOf<
      Omit<Server.DashboardComment, 'status'>
    >();
    expectTypeOf<Dashboard.QueueStatus>().toEqualTypeOf<keyof ServerLists.QueueCounts>();
    expectTypeOf<Dashboard.Counts>().toEqualTypeOf<ServerLists.QueueCounts>();
    expectTypeOf<Dashboard.AdminPage>().toEqualTypeOf<ServerLists.PageList['pages'][number]>();
    expectTypeOf<
      Awaited<ReturnType<typeof Dashboard.fetchPages>>
    >().toEqualTypeOf<ServerLists.PageList>();
    expectTypeOf<Dashboard.Overview>().toEqualTypeOf<ServerLists.Overview>();
    expectTypeOf<Dashboard.BulkAction>().toEqualTypeOf<ModerationAct>();
    expectTypeOf<Dashboard.CommentAction>().toEqualTypeOf<Exclude<ModerationAct, 'delete'>>();
  });
});

/** The values a column's CHECK (column IN (...)) allows, as the migrated table states them. */
function checkedValues(tableSql: string, column: string): string[] {
  const list = new RegExp(`CHECK \\(${column} IN \\(([^)]*)\\)\\)`).exec(tableSql)?.[1];
  if (list === undefined) throw new Error(`No CHECK on ${column} in: ${tableSql}`);
  return [...list.matchAll(/'([^']*)'/g)].map((match) => match[1] as string);
}

describe('the one list of comment statuses', () => {
  it('names exactly the statuses the database accepts, as the API schemas do', () => {
    const db = openDatabase(':memory:');
    const { sql } = db
      .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'comments'")
      .get() as { sql: string };
    db.close();
    const allowed = (schema: { anyOf: { const: string }[] }) => schema.anyOf.map((x) => x.const);
    expect(checkedValues(sql, 'status').sort()).toEqual([...COMMENT_STATUSES].sort());
    expect(allowed(StoredStatusSchema)).toEqual(COMMENT_STATUSES);
    // A trashed comment goes back to where it was: one of the statuses its author may be told.
    expect(checkedValues(sql, 'trashed_from').sort()).toEqual(allowed(CommentStatusSchema).sort());
  });
});
