import type { Db } from '#platform/db/db.ts';
import { listAudit } from '#modules/audit/audit.service.ts';
import type { Timeline } from './timeline.ts';

/** The customers module's own timeline entries: notes and activities, and changes to the record. */
export function registerCustomerTimeline(timeline: Timeline): void {
  timeline.register('activity', async (db: Db, customerId, { before, beforeId, limit }) => {
    const rows = await db.query<{ id: number; kind: string; subject: string | null; body: string; occurredAt: Date; actorName: string | null }>(
      `select a.id, a.kind, a.subject, a.body, a.occurred_at as "occurredAt", u.display_name as "actorName"
         from activities a left join users u on u.id = a.created_by
        where a.customer_id = $1 and a.deleted_at is null
          and (date_trunc('milliseconds', a.occurred_at), a.id) < ($2::timestamptz, $4::bigint)
        order by date_trunc('milliseconds', a.occurred_at) desc, a.id desc limit $3`,
      [customerId, before, limit, beforeId],
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
  // A customer created without an audit entry of its own (loaded by an import, which audits the run)
  // still has his beginning on the timeline, with the systems that know him.
  timeline.register('record', async (db: Db, customerId, { before, beforeId, limit }) => {
    const rows = await db.query<{ id: number; at: Date; actorName: string | null; systems: string | null }>(
      `select c.id, c.created_at as at, u.display_name as "actorName",
              (select string_agg(e.source_system, ', ' order by e.source_system) from customer_external_ids e where e.customer_id = c.id) as systems
         from customers c left join users u on u.id = c.created_by
        where c.id = $1 and (date_trunc('milliseconds', c.created_at), c.id) < ($2::timestamptz, $4::bigint)
          and not exists (select 1 from audit_log a where a.entity = 'customer' and a.entity_id = $1::text and a.action = 'create')
        limit $3`,
      [customerId, before, limit, beforeId],
    );
    return rows.map((r) => ({ at: r.at, source: 'record', kind: 'create', title: 'create', body: r.systems, actorName: r.actorName, ref: { entity: 'customer', id: r.id } }));
  });
  timeline.register('audit', async (db: Db, customerId, { before, beforeId, limit }) => {
    const rows = await listAudit(db, { entity: 'customer', entityId: String(customerId), before: { at: before, id: beforeId }, limit });
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
