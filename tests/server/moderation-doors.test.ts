/**
 * The same moderation act through each door that offers it — the dashboard's API (signed in
 * with the password, CSRF token and all), the one-click link in the site owner's notice mail,
 * and the command line — finds the same rows and the same queued mail. Each door gets a server
 * of its own on the same scene: Ann's comment approved and her address confirmed, and Bob's
 * reply to it held, both asking for reply mail.
 */
import { describe, expect, it } from 'vitest';
import { OWNER_MAIL_PREFIX } from '../../server/storage/mail-store.ts';
import { seedComment, type TestApp } from '../helpers/app.ts';
import { mailSettings, useSmtpServers } from '../helpers/mail.ts';
import { approveComment, openSession, reader, runCliQuietly } from '../helpers/requests.ts';
import { confirmQueuedMail, queuedMailLink, runSql } from '../helpers/scene.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const PASSWORD = 'correct horse battery staple';

type Door = 'dashboard' | 'mail' | 'cli';
type Act = 'approve' | 'unapprove' | 'spam' | 'trash' | 'delete';
const EVERY_DOOR: Door[] = ['dashboard', 'mail', 'cli'];

/** The label of each act's link in the owner's notice. */
const MAIL_LABELS: Partial<Record<Act, string>> = {
  approve: 'Approve',
  spam: 'Spam',
  trash: 'Trash',
};

const smtpServers = useSmtpServers();
const start = useTestApps();

interface Scene {
  test: TestApp;
  ann: number;
  bob: number;
}

async function setScene(): Promise<Scene> {
  const smtp = await smtpServers.start();
  const test = await start(
    { ...mailSettings(smtp.url), MODERATION: 'all', ADMIN_PASSWORD: PASSWORD },
    { mail: { pollMs: 10, log: () => undefined } },
  );
  const ann = await seedComment(test, { notify: true, body: 'Ann starts the thread.' });
  await approveComment(test, ann);
  await confirmQueuedMail(test, 'ann@example.com');
  const bob = await seedComment(test, {
    parent: ann,
    ...reader('Bob'),
    notify: true,
    body: 'Bob answers.',
  });
  return { test, ann, bob };
}

/** Carries out `act` on comment `id` through `door`, as a site owner would there. */
async function through(door: Door, test: TestApp, id: number, act: Act): Promise<void> {
  if (door === 'dashboard') {
    const { cookie, csrfToken } = await openSession(test, PASSWORD);
    const headers = { cookie, 'x-csrf-token': csrfToken };
    const response =
      act === 'delete'
        ? await test.app.inject({ method: 'DELETE', url: `/api/admin/comments/${id}`, headers })
        : await test.app.inject({
            method: 'POST',
            url: `/api/admin/comments/${id}/${act}`,
            headers,
          });
    expect(response.statusCode, response.body).toBe(act === 'delete' ? 204 : 200);
  } else if (door === 'mail') {
    const label = MAIL_LABELS[act] as string;
    const link = await queuedMailLink(
      test,
      `${OWNER_MAIL_PREFIX}${id}`,
      new RegExp(`${label}: (\\S+)`),
    );
    const response = await test.app.inject({ method: 'POST', url: link });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toContain('<h1>Done</h1>');
  } else {
    // The command's own lines (what it did, the database it used) are not what is compared.
    const run = await runCliQuietly(['comments', act, String(id)], test.config);
    expect(run.code, run.said).toBe(0);
  }
}

/**
 * What an act leaves behind, wherever it came from: each comment's row (its timestamps as
 * whether they are set, since the doors act at different moments), each page's version and
 * count, the queued mail (whom, what, why) and the subscribers. The one-click tokens are left
 * out: using one is the mail door's own record.
 */
async function snapshot(test: TestApp) {
  const comments = await runSql(
    test,
    `SELECT id, page_id, parent_id, root_id, depth, status, trashed_from, pinned, by_owner,
       notify, name, email, website, body, html,
       updated_at IS NOT NULL AS updated, edited_at IS NOT NULL AS edited
     FROM comments ORDER BY id`,
  );
  const pages = await runSql(
    test,
    'SELECT id, key, title, version, approved_count FROM pages ORDER BY id',
  );
  const mail = await runSql(
    test,
    'SELECT dedupe_key, recipient, subject FROM mail_queue ORDER BY dedupe_key',
  );
  const subscribers = await runSql(
    test,
    `SELECT email, confirmed_at IS NOT NULL AS confirmed, unsubscribed_at IS NOT NULL AS gone
     FROM subscribers ORDER BY email`,
  );
  return { comments, pages, mail, subscribers };
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** Sets the scene for each door, runs `prepare` and then the act; returns each door's result. */
async function eachDoor(
  doors: Door[],
  act: Act,
  target: (scene: Scene) => number,
  prepare: (scene: Scene) => Promise<void> = async () => undefined,
): Promise<{ before: Snapshot[]; after: Snapshot[] }> {
  const before: Snapshot[] = [];
  const after: Snapshot[] = [];
  for (const door of doors) {
    const scene = await setScene();
    await prepare(scene);
    before.push(await snapshot(scene.test));
    await through(door, scene.test, target(scene), act);
    after.push(await snapshot(scene.test));
  }
  return { before, after };
}

function keys(shot: Snapshot | undefined): string[] {
  return (shot?.mail ?? []).map((mail) => (mail as { dedupe_key: string }).dedupe_key);
}

function statusOf(shot: Snapshot | undefined, id: number): unknown {
  const rows = (shot?.comments ?? []) as { id: number; status: string }[];
  return rows.find((row) => row.id === id)?.status;
}

describe('one moderation, whichever door', () => {
  it('approves a held reply the same way from the dashboard, the mail link and the command line, mailing the reader it answers and asking the replier to confirm', async () => {
    const { after } = await eachDoor(EVERY_DOOR, 'approve', ({ bob }) => bob);
    expect(statusOf(after[0], 2)).toBe('approved');
    expect(keys(after[0])).toEqual([
      'confirm:ann@example.com',
      'confirm:bob@example.com',
      `${OWNER_MAIL_PREFIX}1`,
      `${OWNER_MAIL_PREFIX}2`,
      'reply:2:ann@example.com',
    ]);
    expect(after[1]).toEqual(after[0]);
    expect(after[2]).toEqual(after[0]);
  });

  it('changes nothing and queues no mail when an approved comment is approved again, through any door', async () => {
    const { before, after } = await eachDoor(
      EVERY_DOOR,
      'approve',
      ({ bob }) => bob,
      async ({ test, bob }) => {
        await approveComment(test, bob);
        // The first approval's reply mail has left the queue (as erasing the reader's data
        // takes it): approving again must not queue it anew.
        await runSql(test, "DELETE FROM mail_queue WHERE dedupe_key LIKE 'reply:%'");
      },
    );
    for (const [index, shot] of after.entries()) {
      expect(shot).toEqual(before[index]);
      expect(keys(shot)).not.toContain('reply:2:ann@example.com');
    }
    expect(after[1]).toEqual(after[0]);
    expect(after[2]).toEqual(after[0]);
  });

  it('marks a comment as spam the same way from each door, and mails nobody about it', async () => {
    const { before, after } = await eachDoor(EVERY_DOOR, 'spam', ({ bob }) => bob);
    expect(statusOf(after[0], 2)).toBe('spam');
    expect(after[0]?.mail).toEqual(before[0]?.mail);
    expect(after[1]).toEqual(after[0]);
    expect(after[2]).toEqual(after[0]);
  });

  it('moves a comment to the trash the same way from the dashboard and the mail link, remembering where it came from', async () => {
    const { after } = await eachDoor(['dashboard', 'mail'], 'trash', ({ bob }) => bob);
    expect(after[0]?.comments[1]).toMatchObject({ status: 'trash', trashed_from: 'pending' });
    expect(after[1]).toEqual(after[0]);
  });

  it('deletes a comment with a reply the same way from the dashboard and the command line, leaving a placeholder', async () => {
    const { after } = await eachDoor(['dashboard', 'cli'], 'delete', ({ ann }) => ann);
    expect(after[0]?.comments[0]).toMatchObject({ status: 'deleted', body: '' });
    expect(after[1]).toEqual(after[0]);
  });

  it('unapproves an approved comment the same way from the dashboard and the command line, taking it off the page', async () => {
    const { before, after } = await eachDoor(['dashboard', 'cli'], 'unapprove', ({ ann }) => ann);
    expect(statusOf(after[0], 1)).toBe('pending');
    const [page] = (after[0]?.pages ?? []) as { version: number; approved_count: number }[];
    const [was] = (before[0]?.pages ?? []) as { version: number; approved_count: number }[];
    expect(page?.approved_count).toBe(0);
    expect(page?.version).toBeGreaterThan(was?.version as number);
    expect(after[0]?.mail).toEqual(before[0]?.mail);
    expect(after[1]).toEqual(after[0]);
  });
});
