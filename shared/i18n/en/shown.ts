/**
 * The English words the embed script carries: what a thread shows before the reader does
 * anything. In WordPress's words where WordPress has them.
 */
import { R, type ReaderWords } from '../reader-text.ts';

export const shown = {
  [R.LeaveReply]: 'Leave a Reply',
  [R.LeaveReplyTo]: 'Leave a Reply to {name}',
  [R.CancelReply]: 'Cancel reply',
  /** Followed by the asterisk that marks a required field. */
  [R.Notes]: 'Your email address will not be published. Required fields are marked',
  [R.Comment]: 'Comment',
  [R.Name]: 'Name',
  [R.Email]: 'Email',
  [R.Website]: 'Website',
  /** The label of the field people never see, which bots fill in. */
  [R.Honeypot]: 'Leave this field empty',
  [R.Remember]: 'Save my name, email, and website in this browser for the next time I comment.',
  [R.Notify]: 'Notify me of follow-up comments by email',
  [R.PostComment]: 'Post Comment',
  /** After why a post failed, beside the form. */
  [R.StillHere]: 'Your comment is still here.',
  /** Before why a post failed, said to a screen reader. */
  [R.NotSent]: 'Your comment was not sent.',
  [R.Unreachable]: 'The comments server cannot be reached. Check your connection and try again.',
  [R.ServerProblem]: 'The comments server had a problem (HTTP {status}). Please try again.',
  [R.Loading]: 'Loading comments…',
  [R.LoadFailed]: 'Comments could not be loaded.',
  [R.TryAgain]: 'Try again',
  [R.Closed]: 'Comments are closed.',
  /** The thread's heading: how many comments, on which post. */
  [R.Heading]: { one: 'One thought on "{title}"', other: '{n} thoughts on "{title}"' },
  [R.SortBy]: 'Sort by',
  [R.Oldest]: 'Oldest',
  [R.Newest]: 'Newest',
  /** The order by likes. */
  [R.Best]: 'Best',
  [R.Feed]: 'Comments feed',
  /** A placeholder kept for the replies below a deleted comment. */
  [R.Deleted]: 'This comment was deleted.',
  /** The name of a comment for a screen reader. */
  [R.CommentBy]: 'Comment by {name}',
  [R.SiteOwner]: 'Site owner',
  [R.Pinned]: 'Pinned',
  /** Beside a comment its author changed. */
  [R.Edited]: 'edited',
  [R.Held]: 'Your comment is awaiting moderation.',
  /** Beside the name of a commenter whose browser verified their email address. */
  [R.Verified]: 'Verified',
  /** A button, followed by the number of likes. */
  [R.Like]: 'Like',
  [R.Reply]: 'Reply',
  /** The Reply link's name for a screen reader. */
  [R.ReplyTo]: 'Reply to {name}',
} satisfies Partial<ReaderWords>;
