import type { Db } from '#platform/db/db.ts';
import { scopeCondition, type Actor } from '#platform/auth/actor.ts';
import type { OrgUnitsService } from '#modules/identity/identity.service.ts';

export interface CustomerDashboard {
  total: number;
  newThisMonth: number;
  newLastMonth: number;
  byStatus: { status: string; count: number }[];
  byKind: { kind: string; count: number }[];
  byOrgUnit: { orgUnitId: number; nameZh: string; nameEn: string | null; count: number; byStatus: Record<string, number> }[];
  newByMonth: { month: string; count: number }[];
  /** Months are calendar months in this time zone (the server's). */
  timeZone: string;
  computedAt: Date;
}

/** Counting a million rows takes a moment; a dashboard a few seconds old is still true enough. */
const CACHE_MS = 30_000;
const MONTHS = 12;

/**
 * The figures of the home page, within the asking user's scope: customers by status, kind and
 * org unit (rolled up to the units one level below his own), and new customers per month.
 */
export class DashboardService {
  private cache = new Map<string, { at: number; value: CustomerDashboard }>();

  constructor(
    private readonly db: Db,
    private readonly orgUnits: OrgUnitsService,
    private readonly timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
  ) {}

  async customers(actor: Actor): Promise<CustomerDashboard> {
    const key = JSON.stringify([actor.scope, actor.orgUnitId]);
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    const value = await this.compute(actor);
    this.cache.set(key, { at: Date.now(), value });
    if (this.cache.size > 1_000) this.cache.delete(this.cache.keys().next().value!);
    return value;
  }

  /** After the data was replaced wholesale (a restore). */
  forget(): void {
    this.cache.clear();
  }

  private async compute(actor: Actor): Promise<CustomerDashboard> {
    const params: unknown[] = [];
    const inScope = scopeCondition(actor.scope, 'c', params);
    const groups = await this.db.query<{ orgUnitId: number; status: string; kind: string; n: number }>(
      `select c.org_unit_id as "orgUnitId", c.status, c.kind, count(*)::int as n
         from customers c where c.deleted_at is null and ${inScope}
        group by 1, 2, 3`,
      params,
    );
    const monthParams: unknown[] = [this.timeZone, MONTHS - 1];
    const monthScope = scopeCondition(actor.scope, 'c', monthParams);
    const months = await this.db.query<{ month: string; n: number }>(
      `with bounds as (select date_trunc('month', now() at time zone $1) - make_interval(months => $2::int) as start)
       select to_char(date_trunc('month', c.created_at at time zone $1), 'YYYY-MM') as month, count(*)::int as n
         from customers c, bounds
        where c.deleted_at is null and c.created_at >= (bounds.start at time zone $1) and ${monthScope}
        group by 1`,
      monthParams,
    );
    const [{ current }] = (await this.db.query<{ current: string }>(`select to_char(now() at time zone $1, 'YYYY-MM') as current`, [this.timeZone])) as [
      { current: string },
    ];

    const byStatus = new Map<string, number>();
    const byKind = new Map<string, number>();
    const byUnit = new Map<number, Map<string, number>>();
    let total = 0;
    const rollUp = await this.rollUpTo(actor);
    for (const g of groups) {
      total += g.n;
      byStatus.set(g.status, (byStatus.get(g.status) ?? 0) + g.n);
      byKind.set(g.kind, (byKind.get(g.kind) ?? 0) + g.n);
      const unitId = rollUp.target(g.orgUnitId);
      const statuses = byUnit.get(unitId) ?? new Map<string, number>();
      statuses.set(g.status, (statuses.get(g.status) ?? 0) + g.n);
      byUnit.set(unitId, statuses);
    }

    const counts = new Map(months.map((m) => [m.month, m.n]));
    const newByMonth = lastMonths(current, MONTHS).map((month) => ({ month, count: counts.get(month) ?? 0 }));
    return {
      total,
      newThisMonth: newByMonth.at(-1)!.count,
      newLastMonth: newByMonth.at(-2)!.count,
      byStatus: sortedEntries(byStatus).map(([status, count]) => ({ status, count })),
      byKind: sortedEntries(byKind).map(([kind, count]) => ({ kind, count })),
      byOrgUnit: [...byUnit]
        .map(([orgUnitId, statuses]) => {
          const unit = rollUp.unit(orgUnitId);
          return {
            orgUnitId,
            nameZh: unit?.nameZh ?? String(orgUnitId),
            nameEn: unit?.nameEn ?? null,
            count: [...statuses.values()].reduce((a, b) => a + b, 0),
            byStatus: Object.fromEntries(statuses),
          };
        })
        .sort((a, b) => b.count - a.count || a.orgUnitId - b.orgUnitId),
      newByMonth,
      timeZone: this.timeZone,
      computedAt: new Date(),
    };
  }

  /**
   * Maps each unit to the unit it is counted under: its ancestor one level below the user's own
   * unit (one level below the top for users who see everything), or itself when it is not below.
   */
  private async rollUpTo(actor: Actor) {
    const units = await this.orgUnits.list();
    const byId = new Map(units.map((u) => [u.id, u]));
    const own = actor.orgUnitId === null ? undefined : byId.get(actor.orgUnitId);
    const base = actor.scope.kind === 'all' || !own ? null : own;
    const level = base ? base.depth + 1 : Math.min(...units.map((u) => u.depth)) + 1;
    return {
      unit: (id: number) => byId.get(id),
      target(id: number): number {
        const unit = byId.get(id);
        if (!unit) return id;
        const ids = unit.path.split('/').filter(Boolean).map(Number);
        if (base && ids[base.depth] !== base.id) return id;
        return ids[level] ?? id;
      },
    };
  }
}

function sortedEntries(map: Map<string, number>): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** 'YYYY-MM' of the `count` months ending with `current`, oldest first. */
export function lastMonths(current: string, count: number): string[] {
  const [year, month] = current.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}
