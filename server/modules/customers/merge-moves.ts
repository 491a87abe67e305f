import type { Queryable } from '#platform/db/db.ts';

/**
 * What a merge moves from the source to the target besides contacts and notes, recorded in the
 * merge's snapshot so that undoing it moves exactly these rows back. Merges made before these
 * keys existed lack them: read a missing key as nothing moved.
 * Transactions are not listed here (there can be hundreds of thousands): each one moved is a row
 * of customer_merge_transactions under the merge's id.
 */
export interface MovedRows {
  holdingIds: number[];
  ticketIds: number[];
  receivableIds: number[];
  externalIds: { sourceSystem: string; externalId: string }[];
  /** Manual and imported tags; rule tags are recomputed for both customers after the merge instead. */
  tagIds: number[];
}

const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

/**
 * Tags set by people (manual or imported) pass from one customer to the other. A tag the receiving
 * customer has already stays on the giving one (the key is tag and customer). The member count does
 * not change; the history names the merge as the source, and the one who merged (or undid it).
 */
async function moveTags(q: Queryable, fromId: number, toId: number, actorId: number | null, only: number[] | null): Promise<number[]> {
  const rows = await q.query<{ tagId: number }>(
    `with moved as (
       update customer_tags ct set customer_id = $2
         from tags t
        where ct.customer_id = $1 and t.id = ct.tag_id and t.kind <> 'rule'
          and ($4::bigint[] is null or ct.tag_id = any($4::bigint[]))
          and not exists (select 1 from customer_tags x where x.customer_id = $2 and x.tag_id = ct.tag_id)
       returning ct.tag_id),
     history as (
       insert into tag_history (customer_id, tag_id, change, source, actor_id)
       select $1::bigint, tag_id, 'lost', 'merge', $3::bigint from moved
       union all select $2::bigint, tag_id, 'gained', 'merge', $3::bigint from moved)
     select tag_id as "tagId" from moved order by tag_id`,
    [fromId, toId, actorId, only],
  );
  return rows.map((r) => r.tagId);
}

/**
 * Tickets keep their customer's unit and manager (their scope), as TicketsService.onCustomersChanged
 * does, and so do their service cases, from which later steps find the customer's manager and branch.
 */
const moveTickets = async (q: Queryable, which: string, params: unknown[]): Promise<number[]> =>
  ids(
    await q.query<{ id: number }>(
      `with moved as (
         update tickets t set customer_id = c.id, org_unit_id = c.org_unit_id, owner_id = c.owner_id
           from customers c where c.id = $2 and ${which}
         returning t.id, t.org_unit_id, t.owner_id),
       cases as (
         update process_cases p set org_unit_id = m.org_unit_id, owner_id = m.owner_id
           from moved m where p.subject_type = 'ticket' and p.subject_id = m.id)
       select id from moved order by id`,
      params,
    ),
  );

export const mergeMoves = {
  /** Moves the source's holdings, tickets, receivables, source-system ids and people's tags to the target. */
  async moveAll(q: Queryable, sourceId: number, targetId: number, actorId: number | null): Promise<MovedRows> {
    const holdingIds = ids(await q.query<{ id: number }>(`update holdings set customer_id = $2 where customer_id = $1 returning id`, [sourceId, targetId]));
    const ticketIds = await moveTickets(q, 't.customer_id = $1', [sourceId, targetId]);
    const receivableIds = ids(await q.query<{ id: number }>(`update receivables set customer_id = $2 where customer_id = $1 returning id`, [sourceId, targetId]));
    // (source_system, external_id) is the key: the target cannot hold the same pair already.
    const externalIds = await q.query<{ sourceSystem: string; externalId: string }>(
      `update customer_external_ids set customer_id = $2 where customer_id = $1 returning source_system as "sourceSystem", external_id as "externalId"`,
      [sourceId, targetId],
    );
    const tagIds = await moveTags(q, sourceId, targetId, actorId, null);
    return { holdingIds, ticketIds, receivableIds, externalIds, tagIds };
  },

  /** Moves the source's transactions and records each under the merge, in one statement; answers how many. */
  async moveTransactions(q: Queryable, mergeId: number, sourceId: number, targetId: number): Promise<number> {
    const [row] = await q.query<{ n: number }>(
      `with moved as (update transactions set customer_id = $3 where customer_id = $2 returning id),
       recorded as (insert into customer_merge_transactions (merge_id, transaction_id) select $1::bigint, id from moved)
       select count(*)::int as n from moved`,
      [mergeId, sourceId, targetId],
    );
    return row!.n;
  },

  /** Undo: the rows the merge recorded go back to the source (wherever they are now, like contacts and notes). */
  async moveBack(q: Queryable, mergeId: number, moved: Partial<MovedRows>, targetId: number, sourceId: number, actorId: number | null): Promise<void> {
    await q.query(
      `update transactions t set customer_id = $2 from customer_merge_transactions m where m.merge_id = $1 and t.id = m.transaction_id`,
      [mergeId, sourceId],
    );
    await q.query(`update holdings set customer_id = $2 where id = any($1::bigint[])`, [moved.holdingIds ?? [], sourceId]);
    await moveTickets(q, 't.id = any($1::bigint[])', [moved.ticketIds ?? [], sourceId]);
    await q.query(`update receivables set customer_id = $2 where id = any($1::bigint[])`, [moved.receivableIds ?? [], sourceId]);
    const external = moved.externalIds ?? [];
    await q.query(
      `update customer_external_ids e set customer_id = $3 from unnest($1::text[], $2::text[]) as m(source_system, external_id)
        where e.source_system = m.source_system and e.external_id = m.external_id`,
      [external.map((e) => e.sourceSystem), external.map((e) => e.externalId), sourceId],
    );
    if (moved.tagIds?.length) await moveTags(q, targetId, sourceId, actorId, moved.tagIds);
  },
};
