/** Route schemas: the shapes the API accepts and answers with, sized by the shared limits. */
import { Type } from 'typebox';
import { LIMITS } from '../../shared/limits.ts';

const Id = Type.Integer({ minimum: 1 });
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
});

const StatusSchema = Type.Union([
  Type.Literal('approved'),
  Type.Literal('pending'),
  Type.Literal('spam'),
]);

export const OwnCommentSchema = Type.Object({
  ...PublicCommentSchema.properties,
  status: StatusSchema,
  body: Type.String(),
});

export const ThreadQuerySchema = Type.Object({
  url: Type.String({ minLength: 1, maxLength: LIMITS.urlMax }),
  page: Type.Optional(Type.String({ maxLength: LIMITS.pageIdMax })),
  /** The cursor from a previous page's `next`. */
  after: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax })),
});

export const ThreadSchema = Type.Object({
  form: Type.String(),
  editWindowMinutes: Type.Integer(),
  url: Type.String(),
  page: Type.String(),
  title: NullableString,
  count: Type.Integer(),
  open: Type.Boolean(),
  notify: Type.Boolean(),
  comments: Type.Array(PublicCommentSchema),
  next: Type.Union([Type.String(), Type.Null()]),
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
});

const AuthorToken = Type.String({ minLength: 1, maxLength: 100 });

export const EditCommentSchema = Type.Object({
  token: AuthorToken,
  body: Type.String({ maxLength: LIMITS.bodyMax }),
});

export const DeleteCommentSchema = Type.Object({ token: AuthorToken });

export const EditedCommentSchema = Type.Object({ comment: OwnCommentSchema });

export const PostedCommentSchema = Type.Object({
  comment: OwnCommentSchema,
  token: Type.String(),
});

export const OwnCommentsRequestSchema = Type.Object({
  tokens: Type.Array(AuthorToken, { maxItems: LIMITS.ownCommentsMax }),
});

export const OwnCommentsSchema = Type.Object({ comments: Type.Array(OwnCommentSchema) });

export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Record(Type.String(), Type.String())),
  }),
});

const ModerationStatusSchema = Type.Union([
  Type.Literal('approved'),
  Type.Literal('pending'),
  Type.Literal('spam'),
  Type.Literal('trash'),
  Type.Literal('deleted'),
]);

export const ModeratedCommentSchema = Type.Object({
  ...PublicCommentSchema.properties,
  status: ModerationStatusSchema,
  email: Type.String(),
  body: Type.String(),
  page: Type.Object({ key: Type.String(), url: Type.String(), title: NullableString }),
});

export const ModerationListQuerySchema = Type.Object({
  status: Type.Optional(ModerationStatusSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  before: Type.Optional(Id),
});

export const ModerationListSchema = Type.Object({
  comments: Type.Array(ModeratedCommentSchema),
});

export const CommentIdParamsSchema = Type.Object({ id: Id });

export const ModeratedResultSchema = Type.Object({ comment: ModeratedCommentSchema });

export const StoredRecordSchema = Type.Object({
  ...ModeratedCommentSchema.properties,
  ipHash: NullableString,
  userAgent: NullableString,
  updated: NullableString,
});

export const PersonalDataSchema = Type.Object({
  email: Type.String(),
  comments: Type.Array(StoredRecordSchema),
});
