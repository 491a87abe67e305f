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
    const found = await ctx.read.query<CustomerRef & { code: string }>(
      `select id, code, org_unit_id as "orgUnitId", owner_id as "ownerId" from customers where deleted_at is null and code = any($1::text[])`,
      [[...codes]],
    );
    for (const c of found) byCode.set(c.code, c);
  }
  if (external.size) {
    const found = await ctx.read.query<CustomerRef & { externalId: string }>(
      `select c.id, e.external_id as "externalId", c.org_unit_id as "orgUnitId", c.owner_id as "ownerId"
         from customer_external_ids e join customers c on c.id = e.customer_id
        where e.source_system = $1 and e.external_id = any($2::text[]) and c.deleted_at is null`,
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
