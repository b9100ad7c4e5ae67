/** Checks of what a reader types, run by the widget before posting and by the server on arrival. */
import { R, type Say } from './i18n/reader-text.ts';
import { LIMITS } from './limits.ts';
import type { FieldErrors } from './types.ts';

/** Length in characters as a reader counts them (code points, so an emoji is one). */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

/** True for an address of the form local@domain.tld. */
export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

/** True for an absolute http or https URL with a host. */
export function isWebUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export interface CommentFields {
  name: string;
  email: string;
  website: string;
  body: string;
}

export interface CheckedComment {
  /** The fields trimmed, ready to store. */
  value: CommentFields;
  /** A message per field that is wrong; empty when the comment may be posted. */
  errors: FieldErrors;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * Checks the fields of a new comment; accepts anything so that it can judge raw input. Its
 * messages are in the words of `say`: the reader's in the widget, the request's on the server.
 */
export function validateComment(
  input: { name?: unknown; email?: unknown; website?: unknown; body?: unknown },
  say: Say,
): CheckedComment {
  const value: CommentFields = {
    name: text(input.name),
    email: text(input.email),
    website: text(input.website),
    body: text(input.body),
  };
  const errors: FieldErrors = {};

  if (!value.body) errors.body = say(R.BodyMissing);
  else if (characterCount(value.body) > LIMITS.bodyMax)
    errors.body = say(R.BodyTooLong, { n: LIMITS.bodyMax });

  if (!value.name) errors.name = say(R.NameMissing);
  else if (characterCount(value.name) > LIMITS.nameMax)
    errors.name = say(R.NameTooLong, { n: LIMITS.nameMax });

  if (!value.email) errors.email = say(R.EmailMissing);
  else if (characterCount(value.email) > LIMITS.emailMax)
    errors.email = say(R.EmailTooLong, { n: LIMITS.emailMax });
  else if (!isEmail(value.email)) errors.email = say(R.EmailInvalid);

  if (value.website) {
    if (characterCount(value.website) > LIMITS.websiteMax)
      errors.website = say(R.WebsiteTooLong, { n: LIMITS.websiteMax });
    else if (!isWebUrl(value.website)) errors.website = say(R.WebsiteInvalid);
  }

  return { value, errors };
}

/** True when a check found nothing wrong. */
export function isValid(errors: FieldErrors): boolean {
  return Object.keys(errors).length === 0;
}
