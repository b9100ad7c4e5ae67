/** What the admin API says of Akismet: its verdict on a comment, and what is kept for it. */
import { Type } from 'typebox';

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** Akismet's verdict on a comment: null when it was not asked (off, the owner's reply, an import). */
export const AkismetVerdictSchema = Type.Union([
  Type.Literal('spam'),
  Type.Literal('ham'),
  Type.Literal('unchecked'),
  Type.Null(),
]);

/** In a data export: the verdict, and the request's facts kept for feedback (see README). */
export const AkismetRecordSchema = Type.Object({
  verdict: Type.String(),
  ip: NullableString,
  userAgent: NullableString,
  referrer: NullableString,
});
