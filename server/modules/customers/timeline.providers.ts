import type { Db } from '#platform/db/db.ts';
import { listAudit } from '#modules/audit/audit.service.ts';
import type { Timeline } from './timeline.ts';

/** The customers module's own timeline entries: notes and activities, and changes to the record. */
export function registerCustomerTimeline(timeline: Timeline): void {
  timeline.register('activities', async (db: Db, customerId, { before, limit }) => {
    const rows = await db.query<{ id: number; kind: string; subject: string | null; body: string; occurredAt: Date; actorName: string | null }>(
      `select a.id, a.kind, a.subject, a.body, a.occurred_at as "occurredAt", u.display_name as "actorName"
         from activities a left join users u on u.id = a.created_by
        where a.customer_id = $1 and a.deleted_at is null and a.occurred_at < $2
        order by a.occurred_at desc limit $3`,
      [customerId, before, limit],
    );
    return rows.map((r) => ({
      at: r.occurredAt,
      source: 'activity',
      kind: r.kind,
      title: r.subject ?? r.kind,
      body: r.body,
      actorName: r.actorName,
      ref: { entity: 'activity', id: r.id },
    }));
  });
  timeline.register('changes', async (db: Db, customerId, { before, limit }) => {
    const rows = await listAudit(db, { entity: 'customer', entityId: String(customerId), to: before.toISOString(), limit });
    return rows.map((r) => ({
      at: r.at,
      source: 'audit',
      kind: r.action,
      title: r.action,
      actorName: r.actorName,
      ref: { entity: 'audit', id: r.id },
    }));
  });
}
