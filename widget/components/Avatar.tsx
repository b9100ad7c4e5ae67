/**
 * A comment's picture, drawn here from the seed the thread carries, so that showing it costs
 * no request: an identicon, or with AVATARS=gravatar the author's Gravatar, falling back to it.
 */
import { identicon } from '../../shared/identicon.ts';
import type { ShownComment } from '../../shared/thread-tree.ts';
import type { Client } from '../client.ts';
import { loadGravatar, useOnDemand } from '../on-demand.ts';

function Identicon({ seed, owner }: { seed: string; owner?: boolean }) {
  const { cells, fill } = identicon(seed);
  return (
    <svg class={owner ? 'avatar owner' : 'avatar'} viewBox="-1 -1 7 7" aria-hidden="true">
      <path fill={fill} d={cells} />
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
