/** One comment in a queue: who wrote it where, its text, its thread context, and its actions. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { isWebLink } from '../../../shared/web-link.ts';
import { makeCodeFocusable } from '../../code-blocks.ts';
import type { AdminComment, CommentAction } from '../api.ts';
import { mailtoHref } from '../mailto.ts';
import { say, sayParts } from '../say.ts';
import { ACTION_LABELS } from './results.ts';
import { TextForm } from './TextForm.tsx';

interface CommentCardProps {
  comment: AdminComment;
  actions: CommentAction[];
  /** The comment the keyboard shortcuts act on. */
  selected: boolean;
  checked: boolean;
  cardRef: (element: HTMLElement | null) => void;
  onSelect: () => void;
  onCheck: (checked: boolean) => void;
  onAction: (action: CommentAction) => Promise<void>;
  onDelete: () => Promise<void>;
  onEdit: (body: string) => Promise<void>;
  onReply: (body: string) => Promise<void>;
}

type Mode = 'idle' | 'editing' | 'replying' | 'confirming-delete';

/** The badge of each of Akismet's verdicts. */
const AKISMET_BADGES = {
  spam: 'akismetSpam',
  ham: 'akismetHam',
  unchecked: 'akismetUnchecked',
} as const;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function CommentCard({
  comment,
  actions,
  selected,
  checked,
  cardRef,
  onSelect,
  onCheck,
  onAction,
  onDelete,
  onEdit,
  onReply,
}: CommentCardProps) {
  const [mode, setMode] = useState<Mode>('idle');
  // A ref, not state: two clicks in one frame both see it, so a double click acts once.
  const busy = useRef(false);
  const [pending, setPending] = useState(false);
  const article = useRef<HTMLElement | null>(null);
  const keepDeleting = useRef<HTMLButtonElement>(null);

  // The button that opened a form or the confirmation is gone once it shows: focus goes to the
  // safe choice (Cancel) while confirming, and back to the comment when done, never to the page.
  const previousMode = useRef<Mode>('idle');
  useEffect(() => {
    if (mode === 'confirming-delete') keepDeleting.current?.focus();
    else if (mode === 'idle' && previousMode.current !== 'idle') article.current?.focus();
    previousMode.current = mode;
  }, [mode]);

  const run = async (work: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    setPending(true);
    try {
      await work();
    } finally {
      busy.current = false;
      setPending(false);
    }
  };

  const { id, name, page } = comment;
  // Only to approved comments: an owner's reply is published at once, and one under a comment
  // readers cannot see would stand alone in the thread.
  const canReply = comment.status === 'approved';
  const canDelete = comment.status === 'spam' || comment.status === 'trash';
  const headingId = `comment-${id}-author`;

  return (
    <li class="comment-item">
      <article
        id={`comment-${id}`}
        ref={(element) => {
          article.current = element;
          cardRef(element);
        }}
        class={`card${selected ? ' selected' : ''}`}
        tabIndex={-1}
        aria-labelledby={headingId}
        aria-current={selected ? 'true' : undefined}
        onFocusIn={onSelect}
      >
        <header class="card-head">
          <input
            type="checkbox"
            class="tick"
            checked={checked}
            aria-label={say('selectComment', { name })}
            onChange={(event) => onCheck((event.target as HTMLInputElement).checked)}
          />
          <div class="who">
            <h2 class="author" id={headingId}>
              {name}
            </h2>
            {comment.owner && <span class="badge owner">{say('ownerBadge')}</span>}
            {comment.pinned && <span class="badge pinned">{say('pinnedBadge')}</span>}
            {comment.akismet && (
              <span class={`badge akismet-${comment.akismet}`}>
                {say(AKISMET_BADGES[comment.akismet])}
              </span>
            )}
            <p class="contact">
              {comment.email && <a href={mailtoHref(comment.email)}>{comment.email}</a>}
              {isWebLink(comment.website) && (
                <a href={comment.website} rel="nofollow ugc noopener noreferrer">
                  {comment.website.replace(/^https?:\/\//i, '')}
                </a>
              )}
            </p>
            <p class="where">
              {sayParts('postedOn', {
                date: (
                  <time dateTime={comment.created}>
                    {dateFormat.format(new Date(comment.created))}
                  </time>
                ),
                page: isWebLink(page.url) ? (
                  <a href={page.url}>{page.title || page.url}</a>
                ) : (
                  <span>{page.title || page.url}</span>
                ),
              })}
            </p>
          </div>
        </header>
        {comment.replyTo && (
          <p class="context">
            {sayParts('inReplyTo', {
              name: <b>{comment.replyTo.name}</b>,
              excerpt: comment.replyTo.excerpt,
            })}
          </p>
        )}
        {mode === 'editing' ? (
          <TextForm
            id={`edit-${id}`}
            label={say('editLabel')}
            initial={comment.body}
            submitLabel={say('save')}
            onSubmit={async (body) => {
              await onEdit(body);
              setMode('idle');
            }}
            onCancel={() => setMode('idle')}
          />
        ) : (
          // The server renders comment text through its markdown renderer and HTML sanitiser.
          <div
            class="content"
            ref={makeCodeFocusable}
            dangerouslySetInnerHTML={{ __html: comment.html }}
          />
        )}
        {mode === 'replying' && (
          <TextForm
            id={`reply-${id}`}
            label={say('replyTo', { name })}
            initial=""
            submitLabel={say('postReply')}
            onSubmit={async (body) => {
              await onReply(body);
              setMode('idle');
            }}
            onCancel={() => setMode('idle')}
          />
        )}
        {mode === 'confirming-delete' ? (
          <fieldset class="actions confirm">
            <legend>{say('deleteOne')}</legend>
            <button type="button" class="danger" onClick={() => run(onDelete)}>
              {say('yesDelete')}
            </button>
            <button
              type="button"
              class="secondary"
              ref={keepDeleting}
              onClick={() => setMode('idle')}
            >
              {say('cancel')}
            </button>
          </fieldset>
        ) : (
          mode === 'idle' && (
            <fieldset class="actions">
              <legend class="visually-hidden">{say('actionsFor', { name })}</legend>
              {actions.map((action) => (
                <button
                  key={action}
                  type="button"
                  class={action === 'approve' ? 'primary' : 'secondary'}
                  aria-disabled={pending || undefined}
                  onClick={() => run(() => onAction(action))}
                >
                  {say(ACTION_LABELS[action])}
                </button>
              ))}
              {canReply && (
                <button type="button" class="secondary" onClick={() => setMode('replying')}>
                  {say('reply')}
                </button>
              )}
              <button type="button" class="secondary" onClick={() => setMode('editing')}>
                {say('edit')}
              </button>
              {canDelete && (
                <button type="button" class="danger" onClick={() => setMode('confirming-delete')}>
                  {say('deleteForever')}
                </button>
              )}
            </fieldset>
          )
        )}
      </article>
    </li>
  );
}
