/**
 * A comment's picture, drawn here from the seed the thread carries, so that showing it costs
 * no request: an identicon, or with AVATARS=gravatar the author's Gravatar, falling back to it.
 */
import type { Client } from '../client.ts';
import { loadGravatar, useOnDemand } from '../on-demand.ts';
import type { ShownComment } from '../thread.ts';

/**
 * A 5×5 grid mirrored about its middle column: 15 of the seed's bits say which cells are
 * filled, and 12 others give the colour's hue.
 */
function Identicon({ seed, owner }: { seed: string; owner?: boolean }) {
  const bits = Number.parseInt(seed.slice(0, 8), 16);
  let cells = '';
  for (let cell = 0; cell < 15; cell++) {
    if ((bits >> cell) & 1) {
      const x = cell % 3;
      const y = (cell / 3) | 0;
      cells += `M${x} ${y}h1v1h-1zM${4 - x} ${y}h1v1h-1z`;
    }
  }
  return (
    <svg class={owner ? 'avatar owner' : 'avatar'} viewBox="-1 -1 7 7" aria-hidden="true">
      <path fill={`hsl(${Number.parseInt(seed.slice(8, 11), 16) % 360} 50% 45%)`} d={cells} />
    </svg>
  );
}

export function Avatar({ comment, client }: { comment: ShownComment; client: Client }) {
  const { avatar, gravatar, owner } = comment;
  const pictures = useOnDemand(loadGravatar, client, Boolean(gravatar));
  const identicon = avatar ? <Identicon seed={avatar} owner={owner} /> : null;
  // Until the Gravatar module is there, the identicon stands in, as it does where Gravatar has none.
  return gravatar && pictures ? (
    <pictures.Gravatar hash={gravatar} owner={owner} fallback={identicon} />
  ) : (
    identicon
  );
}
