import type { Queryable } from '#platform/db/db.ts';
import type { ContactDto } from './customers.dto.ts';
import type { MovedRows } from './merge-moves.ts';

const CONTACT_COLUMNS = `id, customer_id as "customerId", name, title, mobile, phone, email, is_primary as "isPrimary", notes,
  created_at as "createdAt", updated_at as "updatedAt"`;

export interface ContactValues {
  name: string;
  title: string | null;
  mobile: string | null;
  phone: string | null;
  email: string | null;
  isPrimary: boolean;
  notes: string | null;
}

/** Contacts of a customer. Callers have already checked that the customer is in the actor's scope. */
export const contactsRepository = {
  forCustomer: (q: Queryable, customerId: number) =>
    q.query<ContactDto>(
      `select ${CONTACT_COLUMNS} from contacts where customer_id = $1 and deleted_at is null order by is_primary desc, id`,
      [customerId],
    ),
  byId: async (q: Queryable, customerId: number, id: number) =>
    (
      await q.query<ContactDto>(
        `select ${CONTACT_COLUMNS} from contacts where customer_id = $1 and id = $2 and deleted_at is null`,
        [customerId, id],
      )
    )[0],
  async insert(q: Queryable, customerId: number, v: ContactValues): Promise<ContactDto> {
    if (v.isPrimary) await contactsRepository.clearPrimary(q, customerId);
    const [row] = await q.query<ContactDto>(
      `insert into contacts (customer_id, name, title, mobile, phone, email, is_primary, notes)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${CONTACT_COLUMNS}`,
      [customerId, v.name, v.title, v.mobile, v.phone, v.email, v.isPrimary, v.notes],
    );
    return row!;
  },
  async update(q: Queryable, customerId: number, id: number, v: ContactValues): Promise<ContactDto> {
    if (v.isPrimary) await contactsRepository.clearPrimary(q, customerId, id);
    const [row] = await q.query<ContactDto>(
      `update contacts set name = $3, title = $4, mobile = $5, phone = $6, email = $7, is_primary = $8, notes = $9,
         updated_at = now() where customer_id = $1 and id = $2 returning ${CONTACT_COLUMNS}`,
      [customerId, id, v.name, v.title, v.mobile, v.phone, v.email, v.isPrimary, v.notes],
    );
    return row!;
  },
  clearPrimary: (q: Queryable, customerId: number, exceptId?: number) =>
    q.query(`update contacts set is_primary = false where customer_id = $1 and is_primary and id is distinct from $2`, [
      customerId,
      exceptId ?? null,
    ]),
  softDelete: (q: Queryable, customerId: number, id: number) =>
    q.query(`update contacts set deleted_at = now(), is_primary = false where customer_id = $1 and id = $2`, [customerId, id]),
  /** Moves contacts to another customer (merge); returns the ids moved. */
  moveAll: async (q: Queryable, fromId: number, toId: number): Promise<number[]> =>
    (
      await q.query<{ id: number }>(
        `update contacts set customer_id = $2, is_primary = false, updated_at = now() where customer_id = $1 returning id`,
        [fromId, toId],
      )
    ).map((r) => r.id),
  moveBack: (q: Queryable, ids: number[], toId: number) =>
    q.query(`update contacts set customer_id = $2, updated_at = now() where id = any($1::bigint[])`, [ids, toId]),
};

export interface ActivityRow {
  id: number;
  customerId: number;
  kind: string;
  subject: string | null;
  body: string;
  occurredAt: Date;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: Date;
}
const ACTIVITY_COLUMNS = `a.id, a.customer_id as "customerId", a.kind, a.subject, a.body, a.occurred_at as "occurredAt",
  a.created_by as "createdBy", u.display_name as "createdByName", a.created_at as "createdAt"`;

export const activitiesRepository = {
  forCustomer: (q: Queryable, customerId: number, limit: number, before?: { at: Date; id: number }) =>
    q.query<ActivityRow>(
      `select ${ACTIVITY_COLUMNS} from activities a left join users u on u.id = a.created_by
        where a.customer_id = $1 and a.deleted_at is null
          and ($3::timestamptz is null or (a.occurred_at, a.id) < ($3, $4))
        order by a.occurred_at desc, a.id desc limit $2`,
      [customerId, limit, before?.at ?? null, before?.id ?? 0],
    ),
  byId: async (q: Queryable, customerId: number, id: number) =>
    (
      await q.query<ActivityRow>(
        `select ${ACTIVITY_COLUMNS} from activities a left join users u on u.id = a.created_by
          where a.customer_id = $1 and a.id = $2 and a.deleted_at is null`,
        [customerId, id],
      )
    )[0],
  async insert(q: Queryable, customerId: number, v: { kind: string; subject: string | null; body: string; occurredAt: Date | null; createdBy: number | null }) {
    const [row] = await q.query<{ id: number }>(
      `insert into activities (customer_id, kind, subject, body, occurred_at, created_by)
       values ($1, $2, $3, $4, coalesce($5, now()), $6) returning id`,
      [customerId, v.kind, v.subject, v.body, v.occurredAt, v.createdBy],
    );
    return (await activitiesRepository.byId(q, customerId, row!.id))!;
  },
  softDelete: (q: Queryable, customerId: number, id: number) =>
    q.query(`update activities set deleted_at = now() where customer_id = $1 and id = $2`, [customerId, id]),
  moveAll: async (q: Queryable, fromId: number, toId: number): Promise<number[]> =>
    (await q.query<{ id: number }>(`update activities set customer_id = $2 where customer_id = $1 returning id`, [fromId, toId])).map(
      (r) => r.id,
    ),
  moveBack: (q: Queryable, ids: number[], toId: number) =>
    q.query(`update activities set customer_id = $2 where id = any($1::bigint[])`, [ids, toId]),
};

export interface MergeRow {
  id: number;
  targetId: number;
  sourceId: number;
  actorId: number | null;
  at: Date;
  /** The moved-row keys besides contacts and notes are missing in merges made before they were kept. */
  snapshot: { target: Record<string, unknown>; source: Record<string, unknown>; contactIds: number[]; activityIds: number[] } & Partial<MovedRows>;
  undoneAt: Date | null;
}

export const mergesRepository = {
  insert: async (q: Queryable, v: Omit<MergeRow, 'id' | 'at' | 'undoneAt'>) =>
    (
      await q.query<{ id: number }>(
        `insert into customer_merges (target_id, source_id, actor_id, snapshot) values ($1, $2, $3, $4) returning id`,
        [v.targetId, v.sourceId, v.actorId, JSON.stringify(v.snapshot)],
      )
    )[0]!.id,
  byId: async (q: Queryable, id: number, forUpdate = false) =>
    (
      await q.query<MergeRow>(
        `select id, target_id as "targetId", source_id as "sourceId", actor_id as "actorId", at, snapshot, undone_at as "undoneAt"
           from customer_merges where id = $1 ${forUpdate ? 'for update' : ''}`,
        [id],
      )
    )[0],
  /** A customer's merges, with the other party's code and name (kept on the record even when it is deleted). */
  forCustomer: (q: Queryable, customerId: number) =>
    q.query<MergeRow & { targetCode: string; targetName: string; sourceCode: string; sourceName: string; actorName: string | null }>(
      `select m.id, m.target_id as "targetId", m.source_id as "sourceId", m.actor_id as "actorId", m.at, m.snapshot, m.undone_at as "undoneAt",
              t.code as "targetCode", t.name as "targetName", s.code as "sourceCode", s.name as "sourceName", u.display_name as "actorName"
         from customer_merges m join customers t on t.id = m.target_id join customers s on s.id = m.source_id
         left join users u on u.id = m.actor_id
        where m.target_id = $1 or m.source_id = $1 order by m.id desc`,
      [customerId],
    ),
  markUndone: (q: Queryable, id: number, actorId: number | null) =>
    q.query(`update customer_merges set undone_at = now(), undone_by = $2 where id = $1`, [id, actorId]),
};
