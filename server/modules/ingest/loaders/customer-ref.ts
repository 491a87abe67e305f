import { inScope } from '#platform/auth/actor.ts';
import type { SourceRow } from '../readers.ts';
import { cellText } from '../cells.ts';
import { cell, type LoadContext } from './loader.ts';

export interface CustomerRef {
  id: number;
  orgUnitId: number;
  ownerId: number | null;
}

/**
 * Finds the customers rows of a holdings or transactions file refer to, by code or by the id in
 * the source system, in one query per batch. Unknown references are left out of the map.
 * Each row's reference is read from its cells once, here, and its customer decided once.
 */
export async function resolveCustomers(ctx: LoadContext, rows: SourceRow[]) {
  const codes = new Set<string>();
  const external = new Set<string>();
  const refs = new Map<SourceRow, { customerCode: string | null; customerExternalId: string | null }>();
  for (const row of rows) {
    const code = cellText(cell(ctx, row, 'customerCode'));
    const ext = cellText(cell(ctx, row, 'customerExternalId'));
    refs.set(row, { customerCode: code, customerExternalId: ext });
    if (code) codes.add(code);
    if (ext) external.add(ext);
  }
  const byCode = new Map<string, CustomerRef>();
  const byExternal = new Map<string, CustomerRef>();
  if (codes.size) {
    // One index probe per value (kept apart by `offset 0`): asked for 5,000 codes at once with
    // `= any`, the planner scanned the table instead (220 ms a batch at 1,000,000 customers).
    const found = await ctx.read.query<CustomerRef & { code: string }>(
      `select c.id, c.code, c.org_unit_id as "orgUnitId", c.owner_id as "ownerId" from unnest($1::text[]) as u(code)
         cross join lateral (select id, code, org_unit_id, owner_id from customers where code = u.code and deleted_at is null offset 0) c`,
      [[...codes]],
    );
    for (const c of found) byCode.set(c.code, c);
  }
  if (external.size) {
    const found = await ctx.read.query<CustomerRef & { externalId: string }>(
      `select c.id, u.id as "externalId", c.org_unit_id as "orgUnitId", c.owner_id as "ownerId" from unnest($2::text[]) as u(id)
         cross join lateral (select c.id, c.org_unit_id, c.owner_id from customer_external_ids e join customers c on c.id = e.customer_id
                              where e.source_system = $1 and e.external_id = u.id and c.deleted_at is null offset 0) c`,
      [ctx.sourceSystem, [...external]],
    );
    for (const c of found) byExternal.set(c.externalId, c);
  }
  const refOf = (row: SourceRow) => refs.get(row) ?? customerKey(ctx, row);
  return {
    /** The row's customer; 'unknown' when none matches, 'out_of_scope' when the importer may not touch it. */
    of(row: SourceRow): CustomerRef | 'unknown' | 'out_of_scope' {
      const { customerCode: code, customerExternalId: ext } = refOf(row);
      const found = (code ? byCode.get(code) : undefined) ?? (ext ? byExternal.get(ext) : undefined);
      if (!found) return 'unknown';
      return inScope(ctx.actor.scope, found) ? found : 'out_of_scope';
    },
    /** The reference the row gave, for the quarantine list (as customerKey reads it). */
    key: refOf,
  };
}

/** The reference a row gave, for the quarantine list. */
export const customerKey = (ctx: LoadContext, row: SourceRow) => ({
  customerCode: cellText(cell(ctx, row, 'customerCode')),
  customerExternalId: cellText(cell(ctx, row, 'customerExternalId')),
});
