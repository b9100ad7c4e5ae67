/**
 * With AVATARS=gravatar, the author's picture from Gravatar, which the reader's browser asks it
 * for; where Gravatar has none, `fallback` (the identicon) instead.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

interface GravatarProps {
  hash: string;
  owner?: boolean;
  fallback: ComponentChildren;
}

export function Gravatar({ hash, owner, fallback }: GravatarProps) {
  const [failed, setFailed] = useState(false);
  if (failed) return <>{fallback}</>;
  return (
    <img
      class={owner ? 'avatar owner' : 'avatar'}
      src={`https://gravatar.com/avatar/${hash}?s=80&d=404`}
      alt=""
      onError={() => setFailed(true)}
    />
  );
}
