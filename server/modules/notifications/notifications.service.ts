import type { Db, Queryable } from '#platform/db/db.ts';
import { t, isLocale, type MessageKey } from '#platform/i18n/index.ts';
import type { Actor } from '#platform/auth/actor.ts';
import { notFound } from '#platform/errors.ts';

export interface Mailer {
  send(message: { to: string; subject: string; text: string; link: string | null }): Promise<void>;
}

/**
 * In-app notifications. Each is a message key of the server's catalogue with its parameters, so
 * it reads in its reader's language whenever it is shown; users with an e-mail address also get
 * it by mail when a mailer is configured (sent after the transaction that made it committed).
 */
export class NotificationsService {
  constructor(
    private readonly db: Db,
    private readonly mailer?: Mailer,
  ) {}

  /** Inside the caller's transaction: the notice exists only if the change that caused it does. */
  async notify(tx: Queryable, userIds: (number | null | undefined)[], kind: MessageKey, params: Record<string, unknown>, link: string | null): Promise<void> {
    const ids = [...new Set(userIds.filter((id): id is number => typeof id === 'number'))];
    if (!ids.length) return;
    await tx.query(
      `insert into notifications (user_id, kind, params, link) select u, $2, $3, $4 from unnest($1::bigint[]) as u`,
      [ids, kind, JSON.stringify(params), link],
    );
  }

  async list(actor: Actor, options: { unreadOnly: boolean; limit: number }) {
    const rows = await this.db.query<{ id: number; kind: MessageKey; params: Record<string, unknown>; link: string | null; createdAt: Date; readAt: Date | null }>(
      `select id, kind, params, link, created_at as "createdAt", read_at as "readAt" from notifications
        where user_id = $1 ${options.unreadOnly ? 'and read_at is null' : ''} order by created_at desc, id desc limit $2`,
      [actor.userId, options.limit],
    );
    const [{ unread }] = (await this.db.query<{ unread: number }>(`select count(*)::int as unread from notifications where user_id = $1 and read_at is null`, [actor.userId])) as [{ unread: number }];
    return { unread, items: rows.map((r) => ({ ...r, text: t(actor.locale, r.kind, r.params) })) };
  }

  async markRead(actor: Actor, id: number | 'all'): Promise<void> {
    if (id === 'all') {
      await this.db.query(`update notifications set read_at = now() where user_id = $1 and read_at is null`, [actor.userId]);
      return;
    }
    const rows = await this.db.query(`update notifications set read_at = coalesce(read_at, now()) where id = $1 and user_id = $2 returning id`, [id, actor.userId]);
    if (!rows.length) throw notFound('NOTIFICATION_NOT_FOUND', 'notification.not_found');
  }

  /** Mails new notices every few seconds until stopped (only with a mailer). */
  startMailer(intervalMs: number, onError: (error: unknown) => void): void {
    if (!this.mailer) return;
    this.stopMailer();
    this.mailTimer = setInterval(() => {
      this.sendMail().catch(onError);
    }, intervalMs);
  }

  stopMailer(): void {
    clearInterval(this.mailTimer);
    this.mailTimer = undefined;
  }

  private mailTimer: NodeJS.Timeout | undefined;

  /** Sends what is not yet mailed, oldest first; returns how many were sent. Safe to run from several places. */
  async sendMail(limit = 100): Promise<number> {
    if (!this.mailer) return 0;
    const pending = await this.db.transaction((tx) =>
      tx.query<{ id: number; kind: MessageKey; params: Record<string, unknown>; link: string | null; email: string | null; locale: string }>(
        `update notifications n set emailed_at = now() from users u
          where n.id in (select id from notifications where emailed_at is null order by id limit $1 for update skip locked) and u.id = n.user_id
          returning n.id, n.kind, n.params, n.link, u.email, u.locale`,
        [limit],
      ),
    );
    let sent = 0;
    for (const n of pending) {
      if (!n.email) continue;
      const locale = isLocale(n.locale) ? n.locale : 'zh-CN';
      const text = t(locale, n.kind, n.params);
      // A failed send is logged by the caller and not retried: the notice stays in the app.
      await this.mailer.send({ to: n.email, subject: text, text, link: n.link });
      sent++;
    }
    return sent;
  }
}
