/** Posting a comment: POST /api/comments, and every check a new comment must pass. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { LIMITS } from '../../../../shared/limits.ts';
import { normalisePageUrl, originOf } from '../../../../shared/page-key.ts';
import { type CommentFields, isValid, validateComment } from '../../../../shared/validate.ts';
import { factsOf } from '../../../akismet/fields.ts';
import { akismetScreenOf } from '../../../akismet/screen.ts';
import type { Judgement } from '../../../comments/policy.ts';
import { renderCommentHtml } from '../../../comments/render.ts';
import { type FieldTexts, problems } from '../../../errors.ts';
import { readerText } from '../../../i18n/message.ts';
import { localeOf } from '../../../i18n/request-locale.ts';
import { readerSay } from '../../../i18n/words.ts';
import { createToken, hashIp, hashToken } from '../../../storage/secrets.ts';
import type { Storage } from '../../../storage/storage.ts';
import type { CommentRow } from '../../../storage/store.ts';
import { trimCommentText } from '../../hooks.ts';
import { logHeld } from '../../logging.ts';
import {
  ErrorSchema,
  type NewComment,
  NewCommentSchema,
  type OwnComment,
  PostedCommentSchema,
} from '../../schemas.ts';
import { writeLimitOf } from '../../transport.ts';
import type { CommentRouteContext } from '../comments.ts';

export const postRoutes: FastifyPluginAsyncTypebox<CommentRouteContext> = async (app, context) => {
  const accept = createAcceptor(context);
  app.post(
    '/api/comments',
    {
      ...writeLimitOf(context.config, {
        onExceeded: () => context.defences.count('rate_limit', 'stopped'),
      }),
      preValidation: trimCommentText,
      schema: {
        body: NewCommentSchema,
        response: { 201: PostedCommentSchema, '4xx': ErrorSchema },
      },
    },
    async (request, reply) => {
      const { comment, token } = await accept(request.body, request, context.sitePolicy);
      reply.code(201);
      return { comment, token };
    },
  );
};

/** A comment taken: what its author sees of it, their token, and the row (none for a bot's). */
export interface Accepted {
  comment: OwnComment;
  token: string;
  row: CommentRow | null;
}

/** How a door of posting differs from the JSON route's. */
export interface AcceptorOptions {
  /**
   * Its clients cannot solve a proof-of-work challenge (the form without JavaScript): a comment
   * that needs one is held for moderation rather than answered 428.
   */
  holdInsteadOfChallenge?: boolean;
}

/**
 * Takes a new comment through every check a comment must pass, and stores it: the one door by
 * which comments come in, from the widget's JSON and from the form of the page without
 * JavaScript. `originAllowed` says which pages may send one: a browser names the page that
 * sends the request in its Origin.
 */
export function createAcceptor(context: CommentRouteContext, door: AcceptorOptions = {}) {
  const { config, sitePolicy, policy, notifier, metrics, pages, present, defences, storage } =
    context;
  // Reply mail is promised only by a server that can send it.
  const replyMail = config.smtpUrl !== null;
  // Asks Akismet, when it is on, about each comment that is to be stored.
  const akismet = akismetScreenOf(config, context.storage);

  /** Counts a refusal, by outcome for the metrics and by defence for the overview. */
  function refused(error: unknown): void {
    metrics?.postFailed(error);
    defences.refused(error);
  }

  /**
   * The page a comment goes on and the comment it answers, read through `reader` (the write's
   * transaction, or the storage for a post that is never stored); refused if either may not
   * take it.
   */
  async function placeOf(reader: Storage, key: string, parentId: number | null | undefined) {
    const page = await reader.store.findPage(key);
    pages.refuseClosed(page);
    const parent = parentId ? await reader.store.findComment(parentId) : null;
    if (parentId && !isReplyTarget(parent, page?.id)) throw problems.parentNotFound();
    return { page, parent };
  }

  return async function accept(
    input: NewComment,
    request: FastifyRequest,
    originAllowed: (origin: string) => boolean,
  ): Promise<Accepted> {
    // The author's language: their comment keeps it, and mail to them is written in it.
    const lang = localeOf(request);
    const { value, errors } = validateComment(input, readerSay(lang));
    const url = normalisePageUrl(input.url);
    const fields: FieldTexts = { ...errors };
    if (!url) fields.url = readerText('pageUrlInvalid');
    if (!isValid(errors) || !url) throw problems.invalidInput(fields);

    const pageOrigin = originOf(url) as string;
    if (!sitePolicy(pageOrigin)) throw problems.siteNotAllowed(pageOrigin);
    // A browser always names the page that sends the request; a page elsewhere must not post
    // on behalf of one of our sites. "null" (a sandboxed frame, a file, a redirect across
    // sites) names no site at all, so it is refused like any unlisted one: otherwise a page
    // anywhere could post by framing its form in a sandbox.
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && !originAllowed(requestOrigin))
      throw problems.siteNotAllowed(requestOrigin);

    const token = createToken();
    const now = context.now();
    const key = await pages.keyOf(url, input.page);
    // Everything that needs not the rendered text comes first (the form token for this page,
    // flood control's one read, the block lists): rendering 10 KB of markdown takes
    // milliseconds, and a stream of forged posts must not take them from readers.
    const lastPost = await policy
      .screenNew({ text: value, ip: request.ip, form: input.form, pageKey: key }, now, storage)
      .catch((error: unknown) => {
        refused(error);
        throw error;
      });
    const html = renderCommentHtml(value.body);
    // Before the honeypot's answer: a bot that fills it meets the challenge a real post would.
    const challenge = await context.challenges
      .admit(
        {
          text: value,
          html,
          ip: request.ip,
          solution: input.challenge,
          holdInstead: door.holdInsteadOfChallenge === true,
          lastPost,
        },
        now,
      )
      .catch((error: unknown) => {
        refused(error);
        throw error;
      });
    // A bot that fills the hidden field is told what a held comment looks like, its own text
    // rendered as a held comment's is, and nothing is stored: it learns nothing to adapt to.
    if (input.homepage) {
      // Nothing is written for it, so nothing needs a transaction: it reads as posts do.
      const { page, parent } = await placeOf(storage, key, input.parent);
      // Judged as a real post is, so that it starts the flood window and meets the duplicate
      // check as one would; whatever the judgement, it is answered as held.
      try {
        await policy.judgeNew(
          { text: value, html, ip: request.ip, pageId: page?.id ?? null },
          now,
          storage,
        );
      } catch (error) {
        refused(error);
        throw error;
      }
      metrics?.commentPosted('refused');
      defences.count('honeypot', 'stopped');
      const id = await storage.store.nextCommentId();
      return {
        comment: present.ownComment(heldLookalike(id, parent, value, html, now.toISOString())),
        token,
        row: null,
      };
    }

    // Before the write transaction, which never waits on the network.
    const checked = await akismet.screen(
      {
        ...value,
        website: value.website || null,
        createdAt: now.toISOString(),
        pageUrl: url,
        pageKey: key,
        lang,
      },
      factsOf(request.ip, request.headers),
      request.log,
    );
    let held = null as Judgement<string> | null;
    // The checks that read the database run with the insert, so that posts written together
    // see each other: a double-click's second comment is still found to be a duplicate.
    const row = await storage
      .writeTogether(async (tx) => {
        const { page, parent } = await placeOf(tx, key, input.parent);
        // Whether the browser proves the address is its author's (a verified commenter).
        const proof = await context.verifications.prove(value.email, input.verification, tx);
        const judgement = checked.judge(
          await challenge.judge(
            await policy.judgeNew(
              { text: value, html, ip: request.ip, pageId: page?.id ?? null, proof },
              now,
              tx,
            ),
            tx,
          ),
        );
        const { status } = judgement;
        held = judgement;
        const stored = await tx.store.insertComment(
          { key, url, title: input.title?.trim() || null },
          {
            parentId: parent?.id ?? null,
            depth: parent ? Math.min(parent.depth + 1, LIMITS.depthMax) : 1,
            status,
            name: value.name,
            email: value.email,
            website: value.website || null,
            body: value.body,
            html,
            tokenHash: hashToken(token),
            ipHash: config.storeIp ? hashIp(request.ip, context.ipHashKey) : null,
            userAgent: config.storeIp
              ? (request.headers['user-agent']?.slice(0, 500) ?? null)
              : null,
            createdAt: now.toISOString(),
            // Without mail, a ticked box (an old form, a script) is ignored, not refused: the
            // reader's comment is fine, and a wish that can never be honoured is not stored.
            notify: replyMail && input.notify === true,
            lang,
            verified: proof === 'verified',
          },
        );
        await checked.keep(stored, tx);
        return stored;
      })
      .catch((error: unknown) => {
        // Counted once the transaction has settled: a refusal inside it is a refusal for good.
        // A comment that passed its checks and was still not stored (a full disk, a read-only
        // database) took flood control's window back with it: the 503 says to try again, and
        // that may be now.
        refused(error);
        throw error;
      });
    metrics?.commentPosted(row.status === 'approved' ? 'approved' : 'held');
    if (held?.held) logHeld(request.log, row.id, url, held.held);
    if (held?.defence) defences.count(held.defence, row.status === 'spam' ? 'stopped' : 'held');
    // After the commit: what the notifier queues is its own write, and wakes its workers.
    await notifier.commentPosted(row, storage);
    if (row.status === 'approved') await notifier.commentApproved(row, storage);
    return { comment: present.ownComment(row), token, row };
  };
}

/** A reply may only go under an approved comment of the same page. */
function isReplyTarget(parent: CommentRow | null, pageId: number | undefined): boolean {
  return parent !== null && parent.page_id === pageId && parent.status === 'approved';
}

/**
 * The row a held comment with this text would be, for a bot that filled the honeypot: answered
 * through the same mapping as a real one, so that its answer has the same fields and values
 * (the id the next comment gets, its reply depth, its rendered text). It is never stored.
 */
function heldLookalike(
  id: number,
  parent: CommentRow | null,
  text: CommentFields,
  html: string,
  created: string,
): CommentRow {
  return {
    id,
    page_id: parent?.page_id ?? 0,
    parent_id: parent?.id ?? null,
    root_id: parent ? (parent.root_id ?? parent.id) : null,
    depth: parent ? Math.min(parent.depth + 1, LIMITS.depthMax) : 1,
    status: 'pending',
    trashed_from: null,
    pinned: 0,
    by_owner: 0,
    notify: 0,
    name: text.name,
    // Only for its avatar, which must be the one a comment really held would show.
    email: text.email,
    website: text.website || null,
    body: text.body,
    html,
    token_hash: null,
    ip_hash: null,
    user_agent: null,
    created_at: created,
    updated_at: null,
    edited_at: null,
    likes: 0,
    lang: null,
    verified: 0,
  };
}
