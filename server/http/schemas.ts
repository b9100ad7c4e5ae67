/**
 * Route schemas: the shapes the API accepts and answers with, sized by the shared limits. The
 * server's types of them are derived here (`Static`), never written again by hand; the widget's
 * own (shared/types.ts, widget/admin/api.ts) are held to them by tests/shared/api-types.test.ts.
 */
import { type Static, type TLiteral, type TUnion, Type } from 'typebox';
import { LOCALES } from '../../shared/i18n/locales.ts';
import { LIMITS } from '../../shared/limits.ts';
import { COMMENT_STATUSES } from '../../shared/statuses.ts';
import { AVATAR_MODES } from '../comments/avatars.ts';
import { AkismetRecordSchema, AkismetVerdictSchema } from './akismet-schemas.ts';

type Literals<Values extends readonly string[]> = {
  -readonly [Index in keyof Values]: TLiteral<Values[Index]>;
};

/**
 * One literal schema per value, in their order. TypeBox reads a union's static type from a
 * tuple of members, and `map` makes an array of them: the cast says which tuple it is.
 */
function literals<const Values extends readonly string[]>(
  values: Values,
): TUnion<Literals<Values>> {
  return Type.Union(values.map((value) => Type.Literal(value))) as TUnion<Literals<Values>>;
}

const Id = Type.Integer({ minimum: 1 });

/**
 * The reader's language, which the widget sends in every body (a locale, e.g. `de`): the
 * answer's messages are in it, and a new comment keeps it. One the server does not know falls
 * through to the next clue (server/i18n/request-locale.ts); 35 characters hold any language tag
 * a browser names (RFC 5646's advice for the longest to take).
 */
const Lang = Type.Optional(Type.String({ maxLength: 35 }));
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const PublicCommentSchema = Type.Object({
  id: Id,
  parent: Type.Union([Id, Type.Null()]),
  depth: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  website: NullableString,
  html: Type.String(),
  created: Type.String(),
  deleted: Type.Optional(Type.Boolean()),
  edited: Type.Optional(Type.String()),
  pinned: Type.Optional(Type.Boolean()),
  owner: Type.Optional(Type.Boolean()),
  /** How many readers like it; 0 when none. */
  likes: Type.Integer({ minimum: 0 }),
  /** Posted from a browser that verified its author's address (server/verification/). */
  verified: Type.Boolean(),
  /** The identicon seed of its author (server/comments/avatars.ts); never on a placeholder. */
  avatar: Type.Optional(Type.String()),
  /** With AVATARS=gravatar: the hash Gravatar's image address names its author by. */
  gravatar: Type.Optional(Type.String()),
});
export type PublicComment = Static<typeof PublicCommentSchema>;

/** Any status a stored comment can have. */
export const StoredStatusSchema = literals(COMMENT_STATUSES);

/** What an author is told of their own comment: never that it is in the trash or deleted. */
export const CommentStatusSchema = Type.Exclude(StoredStatusSchema, literals(['trash', 'deleted']));

export const OwnCommentSchema = Type.Object({
  ...PublicCommentSchema.properties,
  status: CommentStatusSchema,
  body: Type.String(),
});
export type OwnComment = Static<typeof OwnCommentSchema>;

/** The orders of a thread: by age, oldest or newest first, or most liked first. */
export const THREAD_SORTS = ['oldest', 'newest', 'best'] as const;
export const ThreadSortSchema = literals(THREAD_SORTS);

export const ThreadQuerySchema = Type.Object({
  url: Type.String({ minLength: 1, maxLength: LIMITS.urlMax }),
  page: Type.Optional(Type.String({ maxLength: LIMITS.pageIdMax })),
  /** The cursor from a previous page's `next`. */
  after: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax })),
  sort: Type.Optional(ThreadSortSchema),
  /** The language the page is in (data-lang, or its `<html lang>`); else Accept-Language's. */
  lang: Lang,
});

/** GET /api/comments.html's question: the thread's, and the page's title for its heading. */
export const ThreadHtmlQuerySchema = Type.Object({
  ...ThreadQuerySchema.properties,
  title: Type.Optional(Type.String({ maxLength: LIMITS.titleMax })),
});

/**
 * The page at /thread's question: the thread's, with the comment the form answers
 * (`replytocom`, as WordPress names it) and the one-time token that shows the reader their
 * held comment (`posted`).
 */
export const ThreadPageQuerySchema = Type.Object({
  ...ThreadHtmlQuerySchema.properties,
  replytocom: Type.Optional(Id),
  posted: Type.Optional(Type.String({ maxLength: 100 })),
});

/** A reader text in one locale: plain, or one form per plural category of its language. */
export const EntrySchema = Type.Union([
  Type.String(),
  Type.Object({
    zero: Type.Optional(Type.String()),
    one: Type.Optional(Type.String()),
    two: Type.Optional(Type.String()),
    few: Type.Optional(Type.String()),
    many: Type.Optional(Type.String()),
    other: Type.String(),
  }),
]);

export const LocaleSchema = literals(LOCALES);

export const ThreadSchema = Type.Object({
  form: Type.String(),
  editWindowMinutes: Type.Integer(),
  url: Type.String(),
  page: Type.String(),
  title: NullableString,
  count: Type.Integer(),
  open: Type.Boolean(),
  notify: Type.Boolean(),
  sort: ThreadSortSchema,
  likes: Type.Boolean(),
  avatars: literals(AVATAR_MODES),
  comments: Type.Array(PublicCommentSchema),
  next: Type.Union([Type.String(), Type.Null()]),
  /**
   * The language the thread is shown in, chosen by the request; absent for English, so that an
   * English answer is what it always was.
   */
  locale: Type.Optional(LocaleSchema),
  /**
   * In the thread's first part, for a language other than English: the words the widget shows
   * at once (shared/i18n/parts.ts), keyed as shared/i18n/reader-text.ts numbers them.
   */
  words: Type.Optional(Type.Record(Type.String(), EntrySchema)),
});
export type Thread = Static<typeof ThreadSchema>;

/** A comment feed's question: one page (`url`, with its `page` id if it has one) or one `site`. */
export const FeedQuerySchema = Type.Object({
  url: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.urlMax })),
  page: Type.Optional(Type.String({ maxLength: LIMITS.pageIdMax })),
  site: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.urlMax })),
});

export const NewCommentSchema = Type.Object({
  url: Type.String({ maxLength: LIMITS.urlMax }),
  page: Type.Optional(Type.String({ maxLength: LIMITS.pageIdMax })),
  title: Type.Optional(Type.String({ maxLength: LIMITS.titleMax })),
  parent: Type.Optional(Type.Union([Id, Type.Null()])),
  name: Type.String({ maxLength: LIMITS.nameMax }),
  email: Type.String({ maxLength: LIMITS.emailMax }),
  website: Type.Optional(Type.String({ maxLength: LIMITS.websiteMax })),
  body: Type.String({ maxLength: LIMITS.bodyMax }),
  form: Type.Optional(Type.String({ maxLength: 200 })),
  homepage: Type.Optional(Type.String({ maxLength: LIMITS.websiteMax })),
  notify: Type.Optional(Type.Boolean()),
  /** The secret of a verification of `email` this browser asked for (POST /api/verifications). */
  verification: Type.Optional(Type.String({ maxLength: 100 })),
  /** A solved proof-of-work challenge: ALTCHA's payload, base64 of its JSON (some 300 characters). */
  challenge: Type.Optional(Type.String({ maxLength: 2000 })),
  lang: Lang,
});
export type NewComment = Static<typeof NewCommentSchema>;

/** The form of /thread: a new comment, and whether the author's details are to be kept. */
export const FormCommentSchema = Type.Object({
  ...NewCommentSchema.properties,
  remember: Type.Optional(Type.Boolean()),
});
export type FormComment = Static<typeof FormCommentSchema>;

const AuthorToken = Type.String({ minLength: 1, maxLength: 100 });

export const EditCommentSchema = Type.Object({
  token: AuthorToken,
  body: Type.String({ maxLength: LIMITS.bodyMax }),
  lang: Lang,
});

export const DeleteCommentSchema = Type.Object({ token: AuthorToken, lang: Lang });

/** A reader's like: the id their browser keeps for liking, never stored as it is. */
export const LikeSchema = Type.Object({
  voter: Type.String({ minLength: 16, maxLength: 100 }),
  lang: Lang,
});

export const LikedSchema = Type.Object({ likes: Type.Integer({ minimum: 0 }) });

export const EditedCommentSchema = Type.Object({ comment: OwnCommentSchema });

export const PostedCommentSchema = Type.Object({
  comment: OwnCommentSchema,
  token: Type.String(),
});
export type PostedComment = Static<typeof PostedCommentSchema>;

export const OwnCommentsRequestSchema = Type.Object({
  tokens: Type.Array(AuthorToken, { maxItems: LIMITS.ownCommentsMax }),
  lang: Lang,
});

export const OwnCommentsSchema = Type.Object({ comments: Type.Array(OwnCommentSchema) });

export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Record(Type.String(), Type.String())),
    /** With `challenge_required` (428): the proof-of-work challenge to solve, ALTCHA's format. */
    challenge: Type.Optional(
      Type.Object({
        algorithm: Type.String(),
        challenge: Type.String(),
        maxnumber: Type.Integer(),
        salt: Type.String(),
        signature: Type.String(),
      }),
    ),
  }),
});
export type ErrorAnswer = Static<typeof ErrorSchema>;

export const ModeratedCommentSchema = Type.Object({
  ...PublicCommentSchema.properties,
  status: StoredStatusSchema,
  email: Type.String(),
  body: Type.String(),
  page: Type.Object({ key: Type.String(), url: Type.String(), title: NullableString }),
});
export type ModeratedComment = Static<typeof ModeratedCommentSchema>;

export const CommentIdParamsSchema = Type.Object({ id: Id });

export const StoredRecordSchema = Type.Object({
  ...ModeratedCommentSchema.properties,
  ipHash: NullableString,
  userAgent: NullableString,
  updated: NullableString,
  akismet: Type.Optional(AkismetRecordSchema),
});
export type StoredRecord = Static<typeof StoredRecordSchema>;

export const PersonalDataSchema = Type.Object({
  email: Type.String(),
  comments: Type.Array(StoredRecordSchema),
});

/** A comment as the dashboard shows it: with its page, its flags and the comment it answers. */
export const DashboardCommentSchema = Type.Object({
  ...ModeratedCommentSchema.properties,
  pinned: Type.Boolean(),
  owner: Type.Boolean(),
  akismet: AkismetVerdictSchema,
  replyTo: Type.Union([
    Type.Object({ id: Type.Integer(), name: Type.String(), excerpt: Type.String() }),
    Type.Null(),
  ]),
});
export type DashboardComment = Static<typeof DashboardCommentSchema>;

export const DashboardResultSchema = Type.Object({ comment: DashboardCommentSchema });

export const DashboardListSchema = Type.Object({ comments: Type.Array(DashboardCommentSchema) });
