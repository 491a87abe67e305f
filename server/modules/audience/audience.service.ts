import type { Db } from '#platform/db/db.ts';
import type { RecordScope } from '#platform/auth/actor.ts';
import { tagsRead, type Rule } from '#modules/tags/rules.ts';
import { CUSTOMER_SINCE_SQL } from '#modules/customers/customers.repository.ts';
import { AudienceIndex, DICT_FIELDS, type AudienceRow, type DictFieldName, type Today } from './audience-index.ts';

/** Customers read per query while the index is built. */
const CHUNK = 20_000;
/** More customers than this in one change, and the SQL paths run instead of the in-memory one. */
const MAX_FAST = 200;

/** One customer as stored: the columns the index holds, his tags and his dynamic segments. */
const ROW_SQL = `select c.id, c.deleted_at is null as live, c.kind, c.gender, c.status, c.id_type as "idType", c.province_code as "provinceCode",
  c.city_code as "cityCode", c.district_code as "districtCode", c.industry, c.size, c.source_channel as "sourceChannel",
  c.org_unit_id as "orgUnitId", c.owner_id as "ownerId",
  to_char(c.birth_date, 'YYYYMMDD')::int as "birthDate", to_char(c.created_at::date, 'YYYYMMDD')::int as "createdDate",
  to_char(${CUSTOMER_SINCE_SQL}, 'YYYYMMDD')::int as "sinceDate",
  v.tier as "valueTier", v.rfm_segment as "rfmSegment", v.pareto_core::text as "paretoCore", v.lifecycle, v.r as "rfmR", v.f as "rfmF", v.m as "rfmM",
  v.contribution::float8 as contribution,
  array(select ct.tag_id from customer_tags ct where ct.customer_id = c.id) as "tagIds"`;
const FROM = `from customers c left join customer_value v on v.customer_id = c.id`;

type StoredRow = Record<DictFieldName, string | number | null> & {
  id: number;
  live: boolean;
  birthDate: number | null;
  createdDate: number | null;
  sinceDate: number | null;
  contribution: number | null;
  tagIds: number[];
};

interface Definitions {
  stamp: string;
  /** Rule tags in dependency order, and dynamic segments; null when one of them needs SQL. */
  ruleTags: { id: number; rule: Rule }[] | null;
  segments: { id: number; rule: Rule }[] | null;
}

export interface AudienceCount {
  total: number;
  byUnit: { id: number; count: number }[];
  byAge: { band: string; count: number }[];
  byGender: { gender: string; count: number }[];
  byTier: { tier: string; count: number }[];
  sample: { id: number; code: string; name: string }[];
}

/**
 * Keeps the audience index of this process: built from the database on first use (counts go to
 * SQL until it is ready), kept current per customer from the change events, rebuilt after whole
 * recomputes. The database stays the record: tag and segment membership are written there, the
 * index only answers live counts and evaluates rules for the customers who just changed.
 *
 * With several server processes, each has its own index and sees only its own events; run one
 * with AUDIENCE_INDEX=on, or accept counts a change behind on the others until they rebuild.
 */
export class AudienceService {
  private index: AudienceIndex | null = null;
  private building: Promise<void> | null = null;
  /** Customers changed while a build was reading: refreshed when it ends. */
  private changedDuringBuild: Set<number> | 'all' | null = null;
  private tagIds = new Map<string, number>();
  private timeZone: string | null = null;
  private definitions: Definitions | null = null;

  constructor(
    private readonly db: Db,
    readonly enabled: boolean,
  ) {}

  /** The index when it is built and current; otherwise null, and a build is started. */
  ready(): AudienceIndex | null {
    if (!this.enabled) return null;
    if (!this.index && !this.building) void this.build().catch(() => undefined);
    return this.index;
  }

  /** Reads every live customer into a new index (the old one answers nothing meanwhile). */
  build(): Promise<void> {
    if (this.building) return this.building;
    this.index = null;
    this.changedDuringBuild = new Set();
    this.building = (async () => {
      try {
        const index = new AudienceIndex(CHUNK);
        let after = 0;
        for (;;) {
          const rows = await this.db.query<StoredRow>(`${ROW_SQL} ${FROM} where c.id > $1 and c.deleted_at is null order by c.id limit ${CHUNK}`, [after]);
          for (const row of rows) index.put(toIndexRow(row));
          if (rows.length < CHUNK) break;
          after = rows[rows.length - 1]!.id;
        }
        await this.loadTagIds();
        const [tz] = await this.db.query<{ tz: string }>(`select current_setting('TimeZone') as tz`);
        this.timeZone = validTimeZone(tz!.tz);
        const changed = this.changedDuringBuild;
        this.changedDuringBuild = null;
        this.index = index;
        if (changed === 'all') return this.rebuildLater();
        if (changed && changed.size) await this.refresh([...changed]);
      } finally {
        this.building = null;
      }
    })();
    return this.building;
  }

  private rebuildLater() {
    this.index = null;
    setImmediate(() => void this.build().catch(() => undefined));
  }

  /** Something changed wholesale (a whole tag recompute, customer values): the index is rebuilt. */
  stale(): void {
    if (!this.enabled) return;
    if (this.building) this.changedDuringBuild = 'all';
    else if (this.index) this.rebuildLater();
  }

  /** One tag's members were recomputed for everyone: reload that bitset, or everything. */
  async tagsRecomputed(tagIds: number[]): Promise<void> {
    const index = this.index;
    if (!index || tagIds.length > 20) return this.stale();
    for (const tagId of tagIds) {
      const members = await this.db.query<{ id: number }>(`select customer_id as id from customer_tags where tag_id = $1`, [tagId]);
      index.clearTag(tagId);
      for (const m of members) {
        const pos = index.positionOf(m.id);
        if (pos >= 0) index.setTag(pos, tagId, true);
      }
    }
  }

  /** Reads these customers anew from the database. */
  async refresh(customerIds: number[] | 'all'): Promise<void> {
    if (!this.enabled) return;
    if (customerIds === 'all') return this.stale();
    if (this.building && this.changedDuringBuild instanceof Set) {
      for (const id of customerIds) this.changedDuringBuild.add(id);
      return;
    }
    const index = this.index;
    if (!index || customerIds.length === 0) return;
    for (let i = 0; i < customerIds.length; i += CHUNK) {
      const ids = customerIds.slice(i, i + CHUNK);
      const rows = await this.db.query<StoredRow>(`${ROW_SQL} ${FROM} where c.id = any($1::bigint[])`, [ids]);
      const found = new Set<number>();
      for (const row of rows) {
        found.add(row.id);
        if (row.live) index.put(toIndexRow(row));
        else index.remove(row.id);
      }
      for (const id of ids) if (!found.has(id)) index.remove(id);
    }
  }

  /** Today in the database's time zone (what current_date is to the SQL rules), as yyyymmdd. */
  private async today(): Promise<Today> {
    if (this.timeZone) {
      const parts = new Intl.DateTimeFormat('en-CA', { timeZone: this.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
      return Number(parts.replaceAll('-', ''));
    }
    const [row] = await this.db.query<{ d: number }>(`select to_char(current_date, 'YYYYMMDD')::int as d`);
    return row!.d;
  }

  private async loadTagIds() {
    this.tagIds = new Map((await this.db.query<{ key: string; id: number }>(`select key, id from tags`)).map((t) => [t.key, t.id]));
  }

  /**
   * Count, breakdowns and sample of a rule in a scope, from the index; null when the index is not
   * ready or the rule has a condition it does not hold (the caller counts by SQL). The rule must
   * have been validated (compiled) already.
   */
  async count(scope: RecordScope, rule: Rule): Promise<AudienceCount | null> {
    const index = this.ready();
    if (!index) return null;
    if (tagsRead(rule).some((key) => !this.tagIds.has(key))) await this.loadTagIds();
    const today = await this.today();
    const runner = index.plan(rule, this.tagIds, today);
    if (!runner) return null;
    const scopeBits = scope.kind === 'all' ? null : scope.kind === 'units' ? index.scope('orgUnitId', scope.unitIds) : index.scope('ownerId', scope.ownerIds);
    const { bits, count } = index.match(runner, scopeBits);
    const breakdown = index.breakdown(bits, today);
    const sampleIds = index.sample(bits, 10);
    const sample = sampleIds.length
      ? await this.db.query<{ id: number; code: string; name: string }>(`select id, code, name from customers where id = any($1::bigint[]) order by id`, [sampleIds])
      : [];
    return {
      total: count,
      byUnit: breakdown.orgUnits,
      byAge: breakdown.ageBands,
      byGender: breakdown.gender.map((g) => ({ gender: g.gender ?? 'unknown', count: g.count })),
      byTier: breakdown.tiers.map((t) => ({ tier: t.tier ?? 'none', count: t.count })),
      sample,
    };
  }

  /**
   * The in-memory path for a few changed customers: one read (their row, tags and segments),
   * every rule tag (in dependency order) and dynamic segment evaluated on the index, and one
   * statement writing what changed. Answers false when it cannot (index not ready, too many
   * customers, a rule the index cannot evaluate): the caller then runs the SQL recomputes.
   */
  async recomputeCustomers(customerIds: number[] | 'all'): Promise<boolean> {
    const index = this.index;
    if (!index || this.building || customerIds === 'all' || customerIds.length > MAX_FAST) return false;
    if (customerIds.length === 0) return true;
    const rows = await this.db.query<StoredRow & { segmentIds: number[]; stamp: string }>(
      `${ROW_SQL}, array(select sm.segment_id from segment_members sm where sm.customer_id = c.id) as "segmentIds",
         (select count(*) || '/' || coalesce(max(updated_at)::text, '') from tags) || '/' ||
         (select count(*) || '/' || coalesce(max(updated_at)::text, '') from segments where kind = 'dynamic') as stamp
       ${FROM} where c.id = any($1::bigint[])`,
      [customerIds],
    );
    const stamp = rows[0]?.stamp;
    if (stamp !== undefined && this.definitions?.stamp !== stamp) await this.loadDefinitions(stamp);
    const defs = this.definitions;
    if (rows.length > 0 && (!defs?.ruleTags || !defs.segments)) {
      // The SQL path will write; the index still takes the customers' attributes afterwards.
      return false;
    }
    const today = await this.today();
    const diff = { gainedTag: [] as number[], gainedCustomer: [] as number[], lostTag: [] as number[], lostCustomer: [] as number[] };
    const seg = { joinedSegment: [] as number[], joinedCustomer: [] as number[], leftSegment: [] as number[], leftCustomer: [] as number[] };
    const found = new Set<number>();
    for (const row of rows) {
      found.add(row.id);
      const hadTags = new Set(row.tagIds.map(Number));
      const hadSegments = new Set(row.segmentIds.map(Number));
      let pos = -1;
      if (row.live) pos = index.put(toIndexRow(row));
      else index.remove(row.id);
      for (const tag of defs!.ruleTags!) {
        let has = false;
        if (pos >= 0) {
          const runner = index.plan(tag.rule, this.tagIds, today);
          if (!runner) return false;
          has = index.matchesAt(runner, pos);
          index.setTag(pos, tag.id, has);
        }
        if (has && !hadTags.has(tag.id)) diff.gainedTag.push(tag.id), diff.gainedCustomer.push(row.id);
        if (!has && hadTags.has(tag.id)) diff.lostTag.push(tag.id), diff.lostCustomer.push(row.id);
      }
      for (const segment of defs!.segments!) {
        let member = false;
        if (pos >= 0) {
          const runner = index.plan(segment.rule, this.tagIds, today);
          if (!runner) return false;
          member = index.matchesAt(runner, pos);
        }
        if (member && !hadSegments.has(segment.id)) seg.joinedSegment.push(segment.id), seg.joinedCustomer.push(row.id);
        if (!member && hadSegments.has(segment.id)) seg.leftSegment.push(segment.id), seg.leftCustomer.push(row.id);
      }
    }
    for (const id of customerIds) if (!found.has(id)) index.remove(id);
    if (diff.gainedTag.length + diff.lostTag.length + seg.joinedSegment.length + seg.leftSegment.length === 0) return true;
    // One statement: atomic, and one round trip.
    await this.db.query(
      `with gained as (
         insert into customer_tags (tag_id, customer_id) select * from unnest($1::bigint[], $2::bigint[]) on conflict do nothing returning tag_id, customer_id),
       lost as (
         delete from customer_tags ct using unnest($3::bigint[], $4::bigint[]) as d(tag_id, customer_id)
          where ct.tag_id = d.tag_id and ct.customer_id = d.customer_id returning ct.tag_id, ct.customer_id),
       history as (
         insert into tag_history (customer_id, tag_id, change, source)
         select customer_id, tag_id, 'gained', 'rule' from gained union all select customer_id, tag_id, 'lost', 'rule' from lost),
       tag_counts as (
         update tags t set member_count = t.member_count + d.n, computed_at = now()
           from (select tag_id, sum(n)::int as n from (select tag_id, 1 as n from gained union all select tag_id, -1 from lost) x group by tag_id) d
          where t.id = d.tag_id),
       joined as (
         insert into segment_members (segment_id, customer_id) select * from unnest($5::bigint[], $6::bigint[]) on conflict do nothing returning segment_id),
       left_ as (
         delete from segment_members sm using unnest($7::bigint[], $8::bigint[]) as d(segment_id, customer_id)
          where sm.segment_id = d.segment_id and sm.customer_id = d.customer_id returning sm.segment_id)
       update segments s set member_count = s.member_count + d.n, computed_at = now()
         from (select segment_id, sum(n)::int as n from (select segment_id, 1 as n from joined union all select segment_id, -1 from left_) x group by segment_id) d
        where s.id = d.segment_id`,
      [diff.gainedTag, diff.gainedCustomer, diff.lostTag, diff.lostCustomer, seg.joinedSegment, seg.joinedCustomer, seg.leftSegment, seg.leftCustomer],
    );
    return true;
  }

  /** Active rule tags (readers after the tags they read) and dynamic segments, if the index can evaluate them all. */
  private async loadDefinitions(stamp: string) {
    await this.loadTagIds();
    const tags = await this.db.query<{ id: number; key: string; rule: Rule }>(`select id, key, rule from tags where kind = 'rule' and active order by id`);
    const segments = await this.db.query<{ id: number; rule: Rule }>(`select id, rule from segments where kind = 'dynamic' order by id`);
    const index = this.index!;
    const supported = (rule: Rule) => index.plan(rule, this.tagIds, 20000101) !== null;
    this.definitions = {
      stamp,
      ruleTags: tags.every((t) => supported(t.rule)) ? inDependencyOrder(tags) : null,
      segments: segments.every((s) => supported(s.rule)) ? segments : null,
    };
  }

  memory() {
    return this.index?.memory() ?? null;
  }
}

function toIndexRow(row: StoredRow): AudienceRow {
  const attrs: AudienceRow['attrs'] = {};
  for (const name of Object.keys(DICT_FIELDS) as DictFieldName[]) attrs[name] = row[name];
  // bigint[] comes back as text from PostgreSQL.
  return { id: row.id, attrs, birthDate: row.birthDate, createdDate: row.createdDate, sinceDate: row.sinceDate, contribution: row.contribution, tagIds: row.tagIds.map(Number) };
}

function validTimeZone(tz: string): string | null {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date());
    return tz;
  } catch {
    return null;
  }
}

function inDependencyOrder<T extends { key: string; rule: Rule }>(tags: T[]): T[] {
  const byKey = new Map(tags.map((t) => [t.key, t]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (tag: T) => {
    if (done.has(tag.key)) return;
    done.add(tag.key);
    for (const key of tagsRead(tag.rule)) {
      const dep = byKey.get(key);
      if (dep) visit(dep);
    }
    out.push(tag);
  };
  tags.forEach(visit);
  return out;
}
