/**
 * Every status a stored comment can have: the one list that the server's schemas, the store,
 * the command line and the dashboard's types derive theirs from, in the order the command line
 * and the dashboard name them. The database's CHECK constraint says the same in SQL; it stays as
 * its migration shipped it, and tests/shared/api-types.test.ts holds the two together.
 */
export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash', 'deleted'] as const;

/** Any status a stored comment can have. */
export type StoredStatus = (typeof COMMENT_STATUSES)[number];

/**
 * Where a comment is while it is neither in the trash nor deleted: what its author may be told,
 * and where a restore from the trash sends it back.
 */
export type CommentStatus = Exclude<StoredStatus, 'trash' | 'deleted'>;
