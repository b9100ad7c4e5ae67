/**
 * The names of every text a reader sees or hears, in the widget, in count.js and in the checks
 * both sides make of a new comment: one list, which every locale's words must match (a test
 * checks it). An enum, so that the bundler writes each use as a small number.
 */
import type { Values } from './format.ts';

export enum R {
  // The form
  LeaveReply,
  LeaveReplyTo,
  CancelReply,
  Notes,
  Comment,
  Name,
  Email,
  Website,
  Honeypot,
  Remember,
  Notify,
  PostComment,
  // What posting says
  StillHere,
  NotSent,
  NotSentCorrect,
  SentHeld,
  Posted,
  SendFailed,
  Unreachable,
  ServerProblem,
  // The thread
  Loading,
  LoadFailed,
  TryAgain,
  Closed,
  Heading,
  SortBy,
  Oldest,
  Newest,
  Best,
  Feed,
  LoadMore,
  MoreFailed,
  // A comment
  Deleted,
  CommentBy,
  SiteOwner,
  Pinned,
  Edited,
  Held,
  /** The mark of a comment posted from a browser that verified its author's address. */
  Verified,
  Like,
  LikeFailed,
  Reply,
  ReplyTo,
  // The author's own comment
  Edit,
  Delete,
  EditLabel,
  Save,
  Cancel,
  EditSaved,
  EditSavedHeld,
  DeleteQuestion,
  KeepIt,
  DeletedOwn,
  ActionFailed,
  // Verifying the reader's address (widget/on-demand/verify.ts)
  VerifyEmail,
  VerifySent,
  // The checks of a new comment (shared/validate.ts)
  BodyMissing,
  BodyTooLong,
  NameMissing,
  NameTooLong,
  EmailMissing,
  EmailTooLong,
  EmailInvalid,
  WebsiteTooLong,
  WebsiteInvalid,
  // count.js
  CountNone,
  Count,
  // Proving a post is no bot's, when the server asks (widget/on-demand/challenge.ts)
  Checking,
  CheckFailed,
}

/**
 * A text that depends on a number `{n}`: one form per plural category the language has, as
 * `Intl.PluralRules` names them (English: one, other; Polish and Russian: one, few, many,
 * other; Arabic: zero, one, two, few, many, other). `other` is always there.
 */
export interface Plural {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** One text: plain, or by number. Placeholders are `{name}`, the same in every locale. */
export type Entry = string | Plural;

/** A reader text in one locale's words, with its placeholders filled in. */
export type Say = (key: R, values?: Values) => string;

/** A locale's words for every reader text. */
export type ReaderWords = Record<R, Entry>;
