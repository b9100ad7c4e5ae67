/** The `mailto:` link for a commenter's address, which the commenter, not the owner, wrote. */

/**
 * A link that opens a mail to exactly `address`. In a `mailto:` URL a `?` starts headers and
 * `&` separates them, so an address such as `a?cc=evil@x.example&body=hi@example.com` written
 * in raw would add a copy to a stranger and a prepared text (RFC 6068). Each side of the last
 * `@` is percent-encoded instead: `?`, `&`, `=`, `,`, `%`, `#` and spaces become part of the
 * address, and the mail program decodes them back into the address the commenter typed.
 */
export function mailtoHref(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return `mailto:${encodeURIComponent(address)}`;
  return `mailto:${encodeURIComponent(address.slice(0, at))}@${encodeURIComponent(address.slice(at + 1))}`;
}
