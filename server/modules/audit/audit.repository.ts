import type { Queryable } from '#platform/db/db.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorId: number | null;
  actorKind: string;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: number;
  action?: string;
  from?: string;
  to?: string;
  /** keyset: rows older than this id */
  beforeId?: number;
  /** Rows strictly before this (time to the millisecond, id), newest first: timeline paging. */
  before?: { at: Date; id: number };
  limit: number;
}

export const auditRepository = {
  async insert(
    q: Queryable,
    actor: { kind: string; userId: number | null; requestId?: string; ip?: string },
    e: AuditEntry,
  ): Promise<void> {
    await q.query(
      `insert into audit_log (actor_id, actor_kind, action, entity, entity_id, before, after, request_id, ip)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        actor.userId,
        actor.kind,
        e.action,
        e.entity,
        e.entityId === null ? null : String(e.entityId),
        e.before === undefined ? null : JSON.stringify(e.before),
        e.after === undefined ? null : JSON.stringify(e.after),
        actor.requestId ?? null,
        actor.ip ?? null,
      ],
    );
  },

  async list(q: Queryable, f: AuditFilter): Promise<AuditRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.entity) add('a.entity = ?', f.entity);
    if (f.entityId) add('a.entity_id = ?', f.entityId);
    if (f.actorId) add('a.actor_id = ?', f.actorId);
    if (f.action) add('a.action = ?', f.action);
    if (f.from) add('a.at >= ?::timestamptz', f.from);
    if (f.to) add('a.at < ?::timestamptz', f.to);
    if (f.beforeId) add('a.id < ?', f.beforeId);
    if (f.before) {
      params.push(f.before.at, f.before.id);
      where.push(`(date_trunc('milliseconds', a.at), a.id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
    }
    params.push(f.limit);
    return q.query<AuditRow>(
      `select a.id, a.at, a.actor_id as "actorId", a.actor_kind as "actorKind", u.display_name as "actorName",
              a.action, a.entity, a.entity_id as "entityId", a.before, a.after, a.request_id as "requestId", a.ip
         from audit_log a left join users u on u.id = a.actor_id
        ${where.length ? `where ${where.join(' and ')}` : ''}
        order by ${f.before ? `date_trunc('milliseconds', a.at) desc, ` : ''}a.id desc limit $${params.length}`,
      params,
    );
  },
};
