/** Maps stored rows to what each audience may see: the one place rows become API shapes. */
import type { ModeratedComment, OwnComment, PublicComment, StoredRecord } from '../http/schemas.ts';
import type { CommentRow, ModeratedCommentRow } from '../storage/store.ts';
import { type AvatarFields, type AvatarMode, type Avatars, createAvatars } from './avatars.ts';

/** No picture: what the site owner's views (which show the address itself) give. */
const NO_AVATARS: Avatars = () => ({});

/**
 * What any reader may see of a comment: never its email, IP hash or token. `avatars` makes its
 * author's picture fields from the address, which itself stays here.
 */
export function toPublicComment(row: CommentRow, avatars: Avatars = NO_AVATARS): PublicComment {
  const comment: PublicComment = {
    id: row.id,
    parent: row.parent_id,
    depth: row.depth,
    name: row.name,
    website: row.website,
    html: row.html,
    created: row.created_at,
    likes: row.likes,
    verified: row.verified === 1 && row.status !== 'deleted',
  };
  if (row.status === 'deleted') return { ...comment, deleted: true };
  Object.assign(comment, avatars(row.email));
  if (row.edited_at) comment.edited = row.edited_at;
  if (row.pinned) comment.pinned = true;
  if (row.by_owner) comment.owner = true;
  return comment;
}

/** What the author sees of their own comment; spam looks held to them, so spammers learn nothing. */
export function toOwnComment(row: CommentRow, avatars: Avatars = NO_AVATARS): OwnComment {
  return {
    ...toPublicComment(row, avatars),
    status: row.status === 'approved' ? 'approved' : 'pending',
    body: row.body,
  };
}

/** What the site owner sees when moderating. */
export function toModeratedComment(row: ModeratedCommentRow): ModeratedComment {
  return {
    ...toPublicComment(row),
    status: row.status,
    email: row.email,
    body: row.body,
    page: { key: row.page_key, url: row.page_url, title: row.page_title },
  };
}

/**
 * The comments a reader sees on a page: approved ones, plus deleted ones kept as placeholders
 * only where an approved reply still hangs below them. `cut` names the top-level comment whose
 * replies continue on the next page of the thread: its placeholders stay, since the replies
 * that hang below them may come there.
 */
export function visibleThread(
  rows: CommentRow[],
  cut: number | null = null,
  avatars: Avatars = NO_AVATARS,
): PublicComment[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const visible = new Set<number>();
  for (const row of rows) {
    if (row.status === 'deleted' && cut !== null && (row.root_id ?? row.id) === cut)
      visible.add(row.id);
    if (row.status !== 'approved') continue;
    let current: CommentRow | undefined = row;
    while (current && !visible.has(current.id)) {
      visible.add(current.id);
      current = current.parent_id === null ? undefined : byId.get(current.parent_id);
    }
  }
  return rows.filter((row) => visible.has(row.id)).map((row) => toPublicComment(row, avatars));
}

/** Everything stored with a comment, for its author's data export. */
export function toStoredRecord(row: ModeratedCommentRow): StoredRecord {
  return {
    ...toModeratedComment(row),
    ipHash: row.ip_hash,
    userAgent: row.user_agent,
    updated: row.updated_at,
  };
}

/** How comments reach readers under one AVATARS setting: made once, from the settings. */
export interface Presenter {
  /** The AVATARS setting the thread answer names, so that the widget knows what to draw. */
  avatars: AvatarMode;
  ownComment(row: CommentRow): OwnComment;
  /** visibleThread, with each author's picture fields. */
  thread(rows: CommentRow[], cut?: number | null): PublicComment[];
}

/**
 * The presenter for AVATARS=`mode`, seeds keyed by `avatarKey`. A thread answer is serialised
 * once per version of its page, and within it each author's fields are made once, however many
 * comments they wrote there.
 */
export function createPresenter(mode: AvatarMode, avatarKey: string): Presenter {
  const avatars = createAvatars(mode, avatarKey);
  return {
    avatars: mode,
    ownComment: (row) => toOwnComment(row, avatars),
    thread(rows, cut = null) {
      const byEmail = new Map<string, AvatarFields>();
      const once: Avatars = (email) => {
        let fields = byEmail.get(email);
        if (!fields) {
          fields = avatars(email);
          byEmail.set(email, fields);
        }
        return fields;
      };
      return visibleThread(rows, cut, once);
    },
  };
}
