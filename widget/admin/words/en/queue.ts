/** The dashboard's English texts of a moderation queue: its list, its comments, what it says. */
import type { Entry } from '../../../../shared/i18n/reader-text.ts';

export const queue = {
  // A queue

  /** The name of the pending queue's list, for screen readers. */
  pendingComments: 'Pending comments',
  /** The name of the approved queue's list, for screen readers. */
  approvedComments: 'Approved comments',
  /** The name of the spam queue's list, for screen readers. */
  spamComments: 'Spam comments',
  /** The name of the trash's list, for screen readers. */
  trashComments: 'Trash comments',
  /** Instead of the list while it loads. */
  loadingComments: 'Loading comments…',
  /** Instead of the list, or under it, when comments could not be fetched. */
  commentsNotLoaded: 'Comments could not be loaded.',
  /** Above the list; each `{key}` is that key, shown as a key. */
  shortcuts: 'Keyboard: {j}/{k} move, {a} approve, {s} spam, {d} trash, {z} undo',
  /** Instead of the list when the filters leave no comment. */
  noMatch: 'No comments match these filters.',
  /** Instead of the pending queue's list when it is empty, with no filter. */
  emptyPending: 'No comments are waiting for moderation.',
  /** Instead of the approved queue's list when it is empty, with no filter. */
  emptyApproved: 'No approved comments yet.',
  /** Instead of the spam queue's list when it is empty, with no filter. */
  emptySpam: 'No spam.',
  /** Instead of the trash's list when it is empty, with no filter. */
  emptyTrash: 'The trash is empty.',
  /** Under the list when older comments are left to load. */
  loadOlder: 'Load older comments',

  // Bulk actions

  /** The name of the bar of bulk actions, for screen readers. */
  bulkActions: 'Bulk actions',
  /** The checkbox that ticks every comment listed. */
  selectAll: 'Select all',
  /** In the bulk bar: how many comments are ticked. */
  selected: '{n} selected',
  /** In the bulk bar: the question before the ticked comments are deleted. */
  deleteTicked: { one: 'Delete {n} comment forever?', other: 'Delete {n} comments forever?' },
  /** Confirms deleting, of the ticked comments or of one. */
  yesDelete: 'Yes, delete forever',

  // The buttons of a comment and of the bulk bar

  /** Approves. */
  approve: 'Approve',
  /** Takes an approval back: the comment is pending again. */
  unapprove: 'Unapprove',
  /** Marks as spam. */
  spam: 'Spam',
  /** Moves to the trash. */
  trash: 'Trash',
  /** Puts spam or trash back where it was. */
  restore: 'Restore',
  /** Deletes for good; on a comment, asks first (below). */
  deleteForever: 'Delete forever',
  /** Pins an approved comment to the top of its thread. */
  pin: 'Pin',
  /** Unpins a pinned comment. */
  unpin: 'Unpin',
  /** Opens the owner's reply to an approved comment. */
  reply: 'Reply',
  /** Opens the editing of a comment's text. */
  edit: 'Edit',

  // A comment

  /** The name of a comment's checkbox. */
  selectComment: 'Select the comment by {name}',
  /** A badge beside the author's name: the site owner wrote it. */
  ownerBadge: 'Owner',
  /** A badge beside the author's name: it is pinned. */
  pinnedBadge: 'Pinned',
  /** A badge beside the author's name: Akismet's verdict on the comment. */
  akismetSpam: 'Akismet: spam',
  akismetHam: 'Akismet: not spam',
  /** Akismet could not be asked yet; the comment waits for its answer. */
  akismetUnchecked: 'Akismet: unchecked',
  /** Under the author's name: `date` and `page` are a time and a link. */
  postedOn: '{date} on {page}',
  /** Above the text of a reply: `name` (in bold) and `excerpt` are of the comment it answers. */
  inReplyTo: 'In reply to {name}: “{excerpt}”',
  /** The label of the field that edits a comment's text. */
  editLabel: "Edit the comment's text",
  /** Saves the edit. */
  save: 'Save',
  /** The label of the field for the owner's reply. */
  replyTo: 'Reply to {name}',
  /** Sends the owner's reply. */
  postReply: 'Post reply',
  /** The question before one comment is deleted. */
  deleteOne: 'Delete this comment forever? This cannot be undone.',
  /** The name of a comment's buttons, for screen readers. */
  actionsFor: 'Actions for the comment by {name}',
  /** Under the field, when saving an edit or a reply failed without a message. */
  notSaved: 'It could not be saved. Please try again.',
  /** Under the field, when an edit or a reply is empty. */
  bodyMissing: 'Please write something first.',
  /** Under the field, when an edit or a reply is too long. */
  bodyTooLong: 'Please keep it under {n} characters.',

  // What the status message says, and what the list says when a change fails

  /** A comment named in the announcements: who wrote it, and on which page's title. */
  commentOn: '{name} on {page}',
  /** Where the keyboard selection went; `position` counts from 1, `comment` is as above. */
  selectedAt: 'Comment {position} of {n} selected: {comment}',
  /** Where the selection went once the comment it was on left the list. */
  nowOn: 'Now on comment {position} of {n}: {comment}',
  /** Once the comment the selection was on left the list, and none is left. */
  noneLeft: 'No comments are left in this list.',
  /** After Approve. */
  approved: { one: 'Approved {n} comment.', other: 'Approved {n} comments.' },
  /** After Unapprove. */
  unapproved: { one: 'Unapproved {n} comment.', other: 'Unapproved {n} comments.' },
  /** After Spam. */
  markedSpam: { one: 'Marked {n} comment as spam.', other: 'Marked {n} comments as spam.' },
  /** After Trash. */
  trashed: { one: 'Moved {n} comment to the trash.', other: 'Moved {n} comments to the trash.' },
  /** After Restore. */
  restored: { one: 'Restored {n} comment.', other: 'Restored {n} comments.' },
  /** After Delete forever. */
  deleted: { one: 'Deleted {n} comment forever.', other: 'Deleted {n} comments forever.' },
  /** After Pin. */
  pinned: { one: 'Pinned {n} comment.', other: 'Pinned {n} comments.' },
  /** After Unpin. */
  unpinned: { one: 'Unpinned {n} comment.', other: 'Unpinned {n} comments.' },
  /** After an Undo of one comment; `queue`: the queue's name. */
  undoneOne: 'Undone: the comment by {name} is back in {queue}.',
  /** After an Undo of several comments; `queue`: the queue's name. */
  undoneMany: 'Undone: {n} comments are back in {queue}.',
  /** The button of the status message that takes the last action back. */
  undo: 'Undo',
  /** When an Undo failed without a message from the server. */
  undoFailed: 'That could not be undone.',
  /** After an edit was saved. */
  savedEdit: 'Saved the edit.',
  /** After the owner's reply was posted. */
  postedReply: 'Posted your reply to {name}.',
  /** When a change of one comment failed without a message from the server. */
  commentNotChanged: 'The comment could not be changed.',
  /** When a bulk action failed without a message from the server. */
  commentsNotChanged: 'The comments could not be changed.',
  /** Above the list when a change of one comment failed; `problem` says why. */
  problemWith: 'Comment by {name}: {problem}',
} as const satisfies Record<string, Entry>;
