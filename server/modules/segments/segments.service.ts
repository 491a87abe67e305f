import type { Db } from '#platform/db/db.ts';
import { scopeCondition, type Actor } from '#platform/auth/actor.ts';
import { AppError, notFound } from '#platform/errors.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';
import type { TagsService } from '#modules/tags/tags.service.ts';
import type { Rule } from '#modules/tags/rules.ts';
import type { AudienceService } from '#modules/audience/audience.service.ts';

export interface SegmentRow {
  id: number;
  nameZh: string;
  nameEn: string | null;
  description: string | null;
  kind: 'dynamic' | 'static';
  rule: Rule | null;
  sourceSegmentId: number | null;
  ownerId: number | null;
  memberCount: number;
  computedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SegmentInput {
  nameZh: string;
  nameEn?: string | null;
  description?: string | null;
  kind: SegmentRow['kind'];
  rule: Rule;
}

const COLUMNS = `s.id, s.name_zh as "nameZh", s.name_en as "nameEn", s.description, s.kind, s.rule, s.source_segment_id as "sourceSegmentId",
  s.owner_id as "ownerId", s.member_count as "memberCount", s.computed_at as "computedAt", s.created_at as "createdAt", s.updated_at as "updatedAt"`;
const MAX_TARGETED = 5_000;
const AGE_BANDS = ['<25', '25-34', '35-44', '45-54', '55-64', '65+', 'unknown'] as const;
type CountRow = {
  total: number;
  byUnit: { id: number; count: number }[] | null;
  byAge: { band: string; count: number }[] | null;
  byGender: { gender: string; count: number }[] | null;
  byTier: { tier: string; count: number }[] | null;
  sample: { id: number; code: string; name: string }[] | null;
};
const segmentNotFound = () => notFound('SEGMENT_NOT_FOUND', 'segment.not_found');

/**
 * Audiences: a rule in the tag rule language, counted live while it is edited (with a sample and
 * breakdowns), saved as a dynamic segment whose membership follows every change, or frozen into a
 * static one. Members are read through the customer list (?segmentId=), so scope, field masking
 * and exports apply to them exactly as to any list; a branch sees only its own members.
 */
export class SegmentsService {
  constructor(
    private readonly db: Db,
    private readonly tags: TagsService,
    private readonly audience?: AudienceService,
  ) {}

  /** Count, sample and breakdowns of a rule's matches in the actor's scope. */
  async count(actor: Actor, rule: Rule) {
    const params: unknown[] = [];
    const condition = await this.tags.compile(rule, 'body.rule', params);
    // From the in-memory audience index when it is ready and holds every condition; else by SQL.
    const row = (await this.audience?.count(actor.scope, rule)) ?? (await this.sqlCount(actor, condition, params));
    const units = row!.byUnit ?? [];
    const names = new Map(
      (await this.db.query<{ id: number; nameZh: string; nameEn: string | null }>(`select id, name_zh as "nameZh", name_en as "nameEn" from org_units where id = any($1::bigint[])`, [units.map((u) => u.id)])).map((u) => [u.id, u]),
    );
    const byAge = new Map((row!.byAge ?? []).map((a) => [a.band, a.count]));
    return {
      count: row!.total,
      sample: row!.sample ?? [],
      breakdown: {
        orgUnits: units.map((u) => ({ id: u.id, nameZh: names.get(u.id)?.nameZh ?? '', nameEn: names.get(u.id)?.nameEn ?? null, count: u.count })),
        ageBands: AGE_BANDS.map((band) => ({ band, count: byAge.get(band) ?? 0 })),
        gender: row!.byGender ?? [],
        // Value tiers as last computed ('none': below the lowest tier or not computed yet).
        tiers: row!.byTier ?? [],
      },
    };
  }

  private async sqlCount(actor: Actor, condition: string, params: unknown[]): Promise<CountRow> {
    const scope = scopeCondition(actor.scope, 'c', params);
    const matched = `select c.id, c.code, c.name, c.org_unit_id, c.gender, c.birth_date from customers c where c.deleted_at is null and ${scope} and coalesce(${condition}, false)`;
    const [row] = await this.db.query<CountRow>(
      `with m as materialized (${matched})
       select (select count(*)::int from m) as total,
              (select json_agg(json_build_object('id', org_unit_id, 'count', n) order by n desc, org_unit_id)
                 from (select org_unit_id, count(*)::int as n from m group by org_unit_id order by n desc, org_unit_id limit 20) u) as "byUnit",
              (select json_agg(json_build_object('band', band, 'count', n))
                 from (select ${ageBand('m.birth_date')} as band, count(*)::int as n from m group by 1) a) as "byAge",
              (select json_agg(json_build_object('gender', coalesce(gender, 'unknown'), 'count', n))
                 from (select gender, count(*)::int as n from m group by gender) g) as "byGender",
              (select json_agg(json_build_object('tier', coalesce(tier, 'none'), 'count', n) order by n desc)
                 from (select v.tier, count(*)::int as n from m left join customer_value v on v.customer_id = m.id group by v.tier) t) as "byTier",
              (select json_agg(json_build_object('id', id, 'code', code, 'name', name) order by id)
                 from (select id, code, name from m order by id limit 10) s) as sample`,
      params,
    );
    return row!;
  }

  async list(actor: Actor): Promise<(SegmentRow & { visibleCount: number })[]> {
    return this.query(actor);
  }

  async get(actor: Actor, id: number): Promise<SegmentRow & { visibleCount: number }> {
    const [row] = await this.query(actor, id);
    if (!row) throw segmentNotFound();
    return row;
  }

  /** Segments (all, or one) with the number of their members inside the actor's scope. */
  private query(actor: Actor, id?: number): Promise<(SegmentRow & { visibleCount: number })[]> {
    const params: unknown[] = [id ?? null];
    return this.db.query(
      `select ${COLUMNS}, (select count(*)::int from segment_members sm join customers c on c.id = sm.customer_id
                             where sm.segment_id = s.id and c.deleted_at is null and ${scopeCondition(actor.scope, 'c', params)}) as "visibleCount"
         from segments s where $1::bigint is null or s.id = $1 order by s.updated_at desc, s.id desc`,
      params,
    );
  }

  async create(actor: Actor, input: SegmentInput, sourceSegmentId: number | null = null) {
    await this.tags.compile(input.rule, 'body.rule');
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: number }>(
        `insert into segments (name_zh, name_en, description, kind, rule, source_segment_id, owner_id) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [input.nameZh, input.nameEn ?? null, input.description ?? null, input.kind, JSON.stringify(input.rule), sourceSegmentId, actor.userId],
      );
      await recordAudit(tx, actor, { action: 'create', entity: 'segment', entityId: row!.id, after: input });
      return row!.id;
    });
    // A static segment is the rule's matches now, frozen; a dynamic one starts the same way.
    await this.recompute(id, undefined, true);
    return this.get(actor, id);
  }

  /** Renames a segment; a dynamic one may also change its rule (a static one is a frozen list). */
  async update(actor: Actor, id: number, input: Omit<SegmentInput, 'kind' | 'rule'> & { rule?: Rule }) {
    const before = await this.get(actor, id);
    if (input.rule && before.kind === 'static') throw new AppError('CONFLICT', 'SEGMENT_STATIC', 'segment.static');
    if (input.rule) await this.tags.compile(input.rule, 'body.rule');
    await this.db.transaction(async (tx) => {
      await tx.query(`update segments set name_zh = $2, name_en = $3, description = $4, rule = coalesce($5::jsonb, rule), updated_at = now() where id = $1`, [
        id, input.nameZh, input.nameEn ?? null, input.description ?? null, input.rule ? JSON.stringify(input.rule) : null,
      ]);
      await recordAudit(tx, actor, { action: 'update', entity: 'segment', entityId: id, before, after: input });
    });
    if (input.rule) await this.recompute(id);
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: number): Promise<void> {
    await this.get(actor, id);
    await this.db.transaction(async (tx) => {
      await tx.query(`delete from segments where id = $1`, [id]);
      await recordAudit(tx, actor, { action: 'delete', entity: 'segment', entityId: id });
    });
  }

  /** Freezes a segment's members as they are now into a new static segment. */
  async snapshot(actor: Actor, id: number, names: { nameZh: string; nameEn?: string | null }) {
    const source = await this.get(actor, id);
    const newId = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: number }>(
        `insert into segments (name_zh, name_en, description, kind, rule, source_segment_id, owner_id, member_count, computed_at)
         select $2, $3, description, 'static', rule, id, $4, member_count, now() from segments where id = $1 returning id`,
        [id, names.nameZh, names.nameEn ?? null, actor.userId],
      );
      await tx.query(`insert into segment_members (segment_id, customer_id) select $1::bigint, customer_id from segment_members where segment_id = $2`, [row!.id, source.id]);
      await recordAudit(tx, actor, { action: 'snapshot', entity: 'segment', entityId: row!.id, after: { from: id } });
      return row!.id;
    });
    return this.get(actor, newId);
  }

  /**
   * Brings dynamic segments (one, or all) up to date, for every customer or only the given ones;
   * `initial` also fills a new static segment once.
   */
  async recompute(segmentId?: number, customerIds?: number[], initial = false): Promise<{ segments: number; added: number; removed: number }> {
    const segments = await this.db.query<SegmentRow>(
      `select ${COLUMNS} from segments s where (s.kind = 'dynamic' or $2::boolean) and ($1::bigint is null or s.id = $1)`,
      [segmentId ?? null, initial],
    );
    let added = 0;
    let removed = 0;
    for (const segment of segments) {
      const params: unknown[] = [segment.id];
      // A rule that no longer compiles leaves its segment as it was; the others are still computed.
      const condition = await this.tags.compile(segment.rule!, 'rule', params).catch(() => null);
      if (condition === null) continue;
      const only = customerIds ? ` and c.id = any($${params.push(customerIds)}::bigint[])` : '';
      const onlyMembers = customerIds ? ` and sm.customer_id = any($${params.length}::bigint[])` : '';
      const [r] = await this.db.transaction(async (tx) => {
        if (!customerIds && this.db.kind === 'postgres') await tx.query(`set local statement_timeout = '30min'`);
        const rows = await tx.query<{ added: number; removed: number }>(
          `with target as materialized (select c.id from customers c where c.deleted_at is null${only} and coalesce(${condition}, false)),
           added as (insert into segment_members (segment_id, customer_id) select $1::bigint, id from target on conflict do nothing returning customer_id),
           removed as (delete from segment_members sm where sm.segment_id = $1${onlyMembers}
                        and not exists (select 1 from target t where t.id = sm.customer_id) returning customer_id)
           select (select count(*)::int from added) as added, (select count(*)::int from removed) as removed`,
          params,
        );
        await tx.query(`update segments set member_count = (select count(*) from segment_members where segment_id = $1), computed_at = now() where id = $1`, [segment.id]);
        return rows;
      });
      added += r!.added;
      removed += r!.removed;
    }
    return { segments: segments.length, added, removed };
  }

  async onCustomersChanged(customerIds: number[] | 'all'): Promise<void> {
    if (customerIds !== 'all' && customerIds.length === 0) return;
    await this.recompute(undefined, customerIds === 'all' || customerIds.length > MAX_TARGETED ? undefined : customerIds);
  }
}

function ageBand(column: string): string {
  const age = `extract(year from age(current_date, ${column}))`;
  return `case when ${column} is null then 'unknown' when ${age} < 25 then '<25' when ${age} < 35 then '25-34' when ${age} < 45 then '35-44'
    when ${age} < 55 then '45-54' when ${age} < 65 then '55-64' else '65+' end`;
}
