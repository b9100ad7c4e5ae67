/**
 * The English words of what loads on demand (posting, the author's tools, more comments, likes),
 * loaded with the first of those like every other locale's.
 */
import { R, type ReaderWords } from '../reader-text.ts';

export const later = {
  [R.NotSentCorrect]: 'Your comment was not sent: please correct the marked fields.',
  [R.SentHeld]: 'Your comment was sent and is awaiting moderation.',
  [R.Posted]: 'Your comment was posted.',
  [R.SendFailed]: 'Your comment could not be sent. Please try again.',
  [R.LoadMore]: 'Load more comments',
  [R.MoreFailed]: 'More comments could not be loaded.',
  [R.LikeFailed]: 'Your like could not be saved.',
  [R.Edit]: 'Edit',
  [R.Delete]: 'Delete',
  [R.EditLabel]: 'Edit your comment',
  [R.Save]: 'Save',
  [R.Cancel]: 'Cancel',
  [R.EditSaved]: 'Your edit was saved.',
  [R.EditSavedHeld]: 'Your edit was saved and is awaiting moderation.',
  [R.DeleteQuestion]: 'Delete your comment?',
  /** The button that keeps the comment after all. */
  [R.KeepIt]: 'Keep it',
  [R.DeletedOwn]: 'Your comment was deleted.',
  [R.ActionFailed]: 'That did not work. Please try again.',
  /** A button under the reader's posted comment, offered by a server that sends mail. */
  [R.VerifyEmail]: 'Verify my email',
  [R.VerifySent]: 'Check your inbox: open the link in the mail we just sent to verify your email.',
  [R.BodyMissing]: 'Please type your comment.',
  [R.BodyTooLong]: {
    one: 'Your comment must be at most {n} character.',
    other: 'Your comment must be at most {n} characters.',
  },
  [R.NameMissing]: 'Please enter your name.',
  [R.NameTooLong]: {
    one: 'Name must be at most {n} character.',
    other: 'Name must be at most {n} characters.',
  },
  [R.EmailMissing]: 'Please enter your email address.',
  [R.EmailTooLong]: {
    one: 'Email must be at most {n} character.',
    other: 'Email must be at most {n} characters.',
  },
  [R.EmailInvalid]: 'Please enter a valid email address.',
  [R.WebsiteTooLong]: {
    one: 'Website must be at most {n} character.',
    other: 'Website must be at most {n} characters.',
  },
  [R.WebsiteInvalid]: 'Please enter a web address starting with http:// or https://.',
  /** While the reader's browser solves the anti-spam check a post was asked for. */
  [R.Checking]: 'Checking…',
  [R.CheckFailed]: 'Your browser could not complete the anti-spam check. Please try again.',
} satisfies Partial<ReaderWords>;
