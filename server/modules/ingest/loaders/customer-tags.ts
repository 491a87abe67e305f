import { cellText } from '../cells.ts';
import { cell, rowError, type Counts, type Loader, type PreparedRow } from './loader.ts';
import { resolveCustomers } from './customer-ref.ts';

export interface CustomerTagValues {
  customerId: number;
  tagId: number;
}

/**
 * Imported tags: each row gives a customer and the key of a manual or imported tag (a file of a
 * campaign's responders, a partner's list). The tag is set if the customer does not have it yet;
 * each gain goes to the tag history with the source 'import'. Rule tags are computed, never imported.
 */
export const customerTagsLoader: Loader<CustomerTagValues> = {
  async prepare(ctx, rows) {
    const customers = await resolveCustomers(ctx, rows);
    const keys = [...new Set(rows.flatMap((r) => cellText(cell(ctx, r, 'tagKey')) ?? []))];
    const tags = new Map(
      (await ctx.tx.query<{ id: number; key: string; kind: string; active: boolean }>(`select id, key, kind, active from tags where key = any($1::text[])`, [keys])).map((t) => [t.key, t]),
    );
    const prepared: PreparedRow<CustomerTagValues>[] = [];
    for (const row of rows) {
      const before = ctx.errors.length;
      const key = cellText(cell(ctx, row, 'tagKey'));
      const tag = key ? tags.get(key) : undefined;
      if (!key) rowError(ctx, row, 'tagKey', 'field.required');
      else if (!tag) rowError(ctx, row, 'tagKey', 'import.row.unknown_tag');
      else if (tag.kind === 'rule' || !tag.active) rowError(ctx, row, 'tagKey', tag.kind === 'rule' ? 'tag.rule_managed' : 'tag.inactive');
      const customer = customers.of(row);
      const refField = ctx.columns.has('customerCode') ? 'customerCode' : 'customerExternalId';
      if (customer === 'unknown') rowError(ctx, row, refField, 'import.row.unknown_customer');
      else if (customer === 'out_of_scope') rowError(ctx, row, refField, 'import.row.out_of_scope');
      if (ctx.errors.length > before || typeof customer !== 'object' || !tag) continue;
      // The same pair twice in a file is set once.
      const seenKey = `tag:${tag.id}:${customer.id}`;
      if (ctx.seen.has(seenKey)) continue;
      ctx.seen.set(seenKey, row.rowNo);
      prepared.push({ rowNo: row.rowNo, action: 'insert', values: { customerId: customer.id, tagId: tag.id } });
    }
    return prepared;
  },

  async write(ctx, rows, counts: Counts) {
    if (!rows.length) return;
    const gained = await ctx.tx.query<{ customerId: number; tagId: number }>(
      `with added as (
         insert into customer_tags (tag_id, customer_id, set_by)
         select t, c, $3::bigint from unnest($1::bigint[], $2::bigint[]) as x(t, c)
         on conflict do nothing returning tag_id, customer_id),
       history as (
         insert into tag_history (customer_id, tag_id, change, source, actor_id)
         select customer_id, tag_id, 'gained', 'import', $3::bigint from added),
       counted as (
         update tags t set member_count = t.member_count + n.added
           from (select tag_id, count(*)::int as added from added group by tag_id) n where t.id = n.tag_id)
       select customer_id as "customerId", tag_id as "tagId" from added`,
      [rows.map((r) => r.values.tagId), rows.map((r) => r.values.customerId), ctx.actor.userId],
    );
    counts.inserted += gained.length;
    counts.unchanged += rows.length - gained.length;
    ctx.changed.add(gained.map((g) => g.customerId));
  },
};
