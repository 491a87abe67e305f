import type { Db, Queryable } from '#platform/db/db.ts';
import { scopeCondition, type Actor } from '#platform/auth/actor.ts';
import { AppError, invalidField, notFound } from '#platform/errors.ts';
import type { MessageKey } from '#platform/i18n/index.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';
import type { CustomFieldsService } from '#modules/custom-fields/custom-fields.service.ts';
import type { Timeline } from '#modules/customers/timeline.ts';
import { compileRule, RuleError, tagsRead, type Rule } from './rules.ts';

export interface TagCategoryRow {
  id: number;
  parentId: number | null;
  nameZh: string;
  nameEn: string | null;
  sort: number;
  tagCount: number;
}

export interface TagRow {
  id: number;
  key: string;
  categoryId: number | null;
  nameZh: string;
  nameEn: string | null;
  kind: 'manual' | 'rule' | 'imported';
  description: string | null;
  ownerId: number | null;
  rule: Rule | null;
  active: boolean;
  memberCount: number;
  computedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface TagInput {
  key: string;
  categoryId?: number | null;
  nameZh: string;
  nameEn?: string | null;
  kind: TagRow['kind'];
  description?: string | null;
  rule?: Rule | null;
  active?: boolean;
}

const TAG_COLUMNS = `t.id, t.key, t.category_id as "categoryId", t.name_zh as "nameZh", t.name_en as "nameEn", t.kind, t.description,
  t.owner_id as "ownerId", t.rule, t.active, t.member_count as "memberCount", t.computed_at as "computedAt",
  t.created_at as "createdAt", t.updated_at as "updatedAt"`;
/** More customers than this in one change, and the rule tags are recomputed whole instead. */
const MAX_TARGETED = 5_000;
const tagNotFound = () => notFound('TAG_NOT_FOUND', 'tag.not_found');

/**
 * The tag catalogue and who has which tag: manual tags set by staff (one by one or in bulk),
 * imported tags, and rule tags computed from attributes, holdings and transactions — whole on a
 * schedule or on demand, and for the customers concerned whenever their data changes. Every gain
 * and loss is kept in the tag history.
 */
export class TagsService {
  /** Told which rule tags were just recomputed for every customer (the audience index reloads them). */
  onRecomputed: (tagIds: number[]) => Promise<void> | void = () => undefined;

  constructor(
    private readonly db: Db,
    private readonly customFields: CustomFieldsService,
  ) {}

  // ---- categories

  async categories(): Promise<TagCategoryRow[]> {
    return this.db.query<TagCategoryRow>(
      `select g.id, g.parent_id as "parentId", g.name_zh as "nameZh", g.name_en as "nameEn", g.sort,
              (select count(*)::int from tags t where t.category_id = g.id) as "tagCount"
         from tag_categories g order by g.sort, g.name_zh, g.id`,
    );
  }

  async saveCategory(actor: Actor, id: number | null, input: { parentId?: number | null; nameZh: string; nameEn?: string | null; sort?: number }): Promise<TagCategoryRow> {
    if (input.parentId) {
      const all = new Map((await this.categories()).map((c) => [c.id, c]));
      if (!all.has(input.parentId)) throw invalidField('body.parentId', 'tag.category_not_found');
      // Not under itself, nor under one of its own sub-categories.
      for (let at: number | null = input.parentId; at !== null; at = all.get(at)?.parentId ?? null) {
        if (at === id) throw invalidField('body.parentId', 'tag.category_loop');
      }
    }
    const values = [input.parentId ?? null, input.nameZh, input.nameEn ?? null, input.sort ?? 0];
    const saved = await this.db.transaction(async (tx) => {
      const [row] = id
        ? await tx.query<{ id: number }>(`update tag_categories set parent_id = $1, name_zh = $2, name_en = $3, sort = $4 where id = $5 returning id`, [...values, id])
        : await tx.query<{ id: number }>(`insert into tag_categories (parent_id, name_zh, name_en, sort) values ($1, $2, $3, $4) returning id`, values);
      if (!row) throw notFound('TAG_CATEGORY_NOT_FOUND', 'tag.category_not_found');
      await recordAudit(tx, actor, { action: id ? 'update' : 'create', entity: 'tag_category', entityId: row.id, after: input });
      return row.id;
    });
    return (await this.categories()).find((c) => c.id === saved)!;
  }

  async deleteCategory(actor: Actor, id: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [used] = await tx.query<{ n: number }>(
        `select (select count(*) from tags where category_id = $1) + (select count(*) from tag_categories where parent_id = $1) as n`,
        [id],
      );
      if (used!.n > 0) throw new AppError('CONFLICT', 'TAG_CATEGORY_IN_USE', 'tag.category_in_use');
      const deleted = await tx.query(`delete from tag_categories where id = $1 returning id`, [id]);
      if (!deleted.length) throw notFound('TAG_CATEGORY_NOT_FOUND', 'tag.category_not_found');
      await recordAudit(tx, actor, { action: 'delete', entity: 'tag_category', entityId: id });
    });
  }

  // ---- tags

  async list(filter: { categoryId?: number; kind?: TagRow['kind']; q?: string; includeInactive?: boolean } = {}): Promise<TagRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (!filter.includeInactive) where.push('t.active');
    if (filter.categoryId) where.push(`t.category_id = $${params.push(filter.categoryId)}`);
    if (filter.kind) where.push(`t.kind = $${params.push(filter.kind)}`);
    if (filter.q) where.push(`(t.name_zh ilike $${params.push(`%${filter.q}%`)} or t.name_en ilike $${params.length} or t.key ilike $${params.length})`);
    return this.db.query<TagRow>(`select ${TAG_COLUMNS} from tags t ${where.length ? `where ${where.join(' and ')}` : ''} order by t.category_id nulls last, t.name_zh, t.id`, params);
  }

  async get(id: number): Promise<TagRow> {
    const [row] = await this.db.query<TagRow>(`select ${TAG_COLUMNS} from tags t where t.id = $1`, [id]);
    if (!row) throw tagNotFound();
    return row;
  }

  async create(actor: Actor, input: TagInput): Promise<TagRow> {
    await this.checkInput(input, null);
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: number }>(
        `insert into tags (key, category_id, name_zh, name_en, kind, description, owner_id, rule, active)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
        [input.key, input.categoryId ?? null, input.nameZh, input.nameEn ?? null, input.kind, input.description ?? null, actor.userId, input.kind === 'rule' ? JSON.stringify(input.rule) : null, input.active ?? true],
      );
      await recordAudit(tx, actor, { action: 'create', entity: 'tag', entityId: row!.id, after: input });
      return row!.id;
    });
    if (input.kind === 'rule') await this.recompute(id);
    return this.get(id);
  }

  async update(actor: Actor, id: number, input: TagInput): Promise<TagRow> {
    const before = await this.get(id);
    if (input.kind !== before.kind) throw invalidField('body.kind', 'tag.kind_fixed');
    // Rules, segments and import files name tags by key.
    if (input.key !== before.key) throw invalidField('body.key', 'tag.key_fixed');
    await this.checkInput(input, id);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `update tags set key = $2, category_id = $3, name_zh = $4, name_en = $5, description = $6, rule = $7, active = $8, updated_at = now() where id = $1`,
        [id, input.key, input.categoryId ?? null, input.nameZh, input.nameEn ?? null, input.description ?? null, input.kind === 'rule' ? JSON.stringify(input.rule) : null, input.active ?? true],
      );
      await recordAudit(tx, actor, { action: 'update', entity: 'tag', entityId: id, before, after: input });
    });
    if (input.kind === 'rule' && (input.active ?? true)) await this.recompute(id);
    return this.get(id);
  }

  private async checkInput(input: TagInput, id: number | null): Promise<void> {
    const [taken] = await this.db.query<{ id: number }>(`select id from tags where key = $1 and id is distinct from $2`, [input.key, id]);
    if (taken) throw invalidField('body.key', 'field.taken');
    if (input.categoryId && !(await this.categories()).some((c) => c.id === input.categoryId)) throw invalidField('body.categoryId', 'tag.category_not_found');
    if (input.kind === 'rule') {
      if (!input.rule) throw invalidField('body.rule', 'field.required');
      // Compiling checks fields, values and tags; a rule may not read itself, directly or through others.
      await this.compile(input.rule, 'body.rule');
      const rules = new Map((await this.list({ kind: 'rule', includeInactive: true })).map((t) => [t.key, t.rule!]));
      const seen = new Set<string>();
      const stack = tagsRead(input.rule);
      while (stack.length > 0) {
        const key = stack.pop()!;
        if (key === input.key) throw invalidField('body.rule', 'tag.rule_cycle');
        if (seen.has(key)) continue;
        seen.add(key);
        const read = rules.get(key);
        if (read) stack.push(...tagsRead(read));
      }
    } else if (input.rule) throw invalidField('body.rule', 'tag.rule_only_for_rule_tags');
  }

  /** The rule as SQL, or a 400 naming the part of the rule at fault. */
  async compile(rule: Rule, field: string, params: unknown[] = []): Promise<string> {
    const customFields = new Map((await this.customFields.list()).filter((f) => f.active).map((f) => [f.key, f.type as string]));
    const tagIds = new Map((await this.db.query<{ key: string; id: number }>(`select key, id from tags`)).map((t) => [t.key, t.id]));
    try {
      return compileRule(rule, { customFields, tagIds }, params);
    } catch (error) {
      if (error instanceof RuleError) throw invalidField(error.path.replace(/^rule/, field), `tag.rule.${error.reason}` as MessageKey);
      throw error;
    }
  }

  /** How many customers in the actor's scope a rule matches, and a few of them: for the rule editor. */
  async preview(actor: Actor, rule: Rule) {
    const params: unknown[] = [];
    const condition = await this.compile(rule, 'body.rule', params);
    const scope = scopeCondition(actor.scope, 'c', params);
    const from = `from customers c where c.deleted_at is null and ${scope} and ${condition}`;
    const [count] = await this.db.query<{ n: number }>(`select count(*)::int as n ${from}`, params);
    const sample = await this.db.query<{ id: number; code: string; name: string }>(`select c.id, c.code, c.name ${from} order by c.id limit 10`, params);
    return { count: count!.n, sample };
  }

  // ---- membership

  async customerTags(customerId: number) {
    return this.db.query<TagRow & { since: Date; setBy: number | null }>(
      `select ${TAG_COLUMNS}, ct.since, ct.set_by as "setBy" from customer_tags ct join tags t on t.id = ct.tag_id
        where ct.customer_id = $1 and t.active order by t.category_id nulls last, t.name_zh`,
      [customerId],
    );
  }

  async history(customerId: number, limit = 100) {
    return this.db.query<{ id: number; tagId: number; tagKey: string; nameZh: string; nameEn: string | null; change: string; source: string; actorName: string | null; at: Date }>(
      `select h.id, h.tag_id as "tagId", t.key as "tagKey", t.name_zh as "nameZh", t.name_en as "nameEn", h.change, h.source,
              u.display_name as "actorName", h.at
         from tag_history h join tags t on t.id = h.tag_id left join users u on u.id = h.actor_id
        where h.customer_id = $1 order by h.at desc, h.id desc limit $2`,
      [customerId, limit],
    );
  }

  /** Members of a tag the actor may see, in customer id order, a page at a time. */
  async members(actor: Actor, tagId: number, after = 0, limit = 50) {
    await this.get(tagId);
    const params: unknown[] = [tagId, after, limit];
    const rows = await this.db.query<{ id: number; code: string; name: string; orgUnitId: number; ownerId: number | null; since: Date }>(
      `select c.id, c.code, c.name, c.org_unit_id as "orgUnitId", c.owner_id as "ownerId", ct.since
         from customer_tags ct join customers c on c.id = ct.customer_id
        where ct.tag_id = $1 and ct.customer_id > $2 and c.deleted_at is null and ${scopeCondition(actor.scope, 'c', params)}
        order by ct.customer_id limit $3`,
      params,
    );
    return { items: rows, next: rows.length === limit ? rows[rows.length - 1]!.id : null };
  }

  /**
   * Sets or removes a manual or imported tag on customers given by id or code, in one transaction.
   * Customers outside the actor's scope count as not found. Answers what changed.
   */
  async assign(actor: Actor, tagId: number, change: 'add' | 'remove', who: { customerIds?: number[]; codes?: string[] }, source: 'manual' | 'import' = 'manual') {
    const tag = await this.get(tagId);
    if (tag.kind === 'rule') throw new AppError('CONFLICT', 'TAG_RULE_MANAGED', 'tag.rule_managed');
    if (!tag.active) throw new AppError('CONFLICT', 'TAG_INACTIVE', 'tag.inactive');
    const result = await this.db.transaction(async (tx) => {
      const params: unknown[] = [who.customerIds ?? [], who.codes ?? []];
      const found = await tx.query<{ id: number }>(
        `select c.id from customers c where (c.id = any($1::bigint[]) or c.code = any($2::text[])) and c.deleted_at is null and ${scopeCondition(actor.scope, 'c', params)}`,
        params,
      );
      const ids = found.map((r) => r.id);
      const changed =
        change === 'add'
          ? await tx.query<{ customerId: number }>(
              `insert into customer_tags (tag_id, customer_id, set_by) select $1::bigint, unnest($2::bigint[]), $3::bigint on conflict do nothing returning customer_id as "customerId"`,
              [tagId, ids, actor.userId],
            )
          : await tx.query<{ customerId: number }>(`delete from customer_tags where tag_id = $1 and customer_id = any($2::bigint[]) returning customer_id as "customerId"`, [tagId, ids]);
      const changedIds = changed.map((r) => r.customerId);
      await this.recordChanges(tx, tagId, change === 'add' ? changedIds : [], change === 'remove' ? changedIds : [], source, actor.userId);
      await recordAudit(tx, actor, { action: change === 'add' ? 'tag' : 'untag', entity: 'tag', entityId: tagId, after: { customers: changedIds.length } });
      const requested = (who.customerIds?.length ?? 0) + (who.codes?.length ?? 0);
      return { changed: changedIds.length, unchanged: ids.length - changedIds.length, notFound: Math.max(0, requested - ids.length), customerIds: changedIds };
    });
    return result;
  }

  private async recordChanges(tx: Queryable, tagId: number, gained: number[], lost: number[], source: string, actorId: number | null) {
    if (gained.length + lost.length === 0) return;
    await tx.query(
      `insert into tag_history (customer_id, tag_id, change, source, actor_id)
       select g, $1::bigint, 'gained', $4::text, $5::bigint from unnest($2::bigint[]) g
       union all select l, $1::bigint, 'lost', $4::text, $5::bigint from unnest($3::bigint[]) l`,
      [tagId, gained, lost, source, actorId],
    );
    await tx.query(`update tags set member_count = member_count + $2 where id = $1`, [tagId, gained.length - lost.length]);
  }

  // ---- rule tags

  /**
   * Recomputes rule tags: one tag or all of them (those that read other tags after those), for
   * every customer or only the given ones. Each tag is one statement that adds the customers the
   * rule now matches, removes those it no longer does, and writes both into the history.
   */
  async recompute(tagId?: number, customerIds?: number[]): Promise<{ tags: number; gained: number; lost: number; failed: { key: string; error: string }[] }> {
    const all = await this.list({ kind: 'rule' });
    const order = tagId ? all.filter((t) => t.id === tagId) : inDependencyOrder(all);
    let gained = 0;
    let lost = 0;
    const failed: { key: string; error: string }[] = [];
    for (const tag of order) {
      const params: unknown[] = [tag.id];
      // A rule that no longer compiles (a custom field switched off since) is reported, and the
      // other tags are still computed.
      let condition: string;
      try {
        condition = await this.compile(tag.rule!, 'rule', params);
      } catch (error) {
        failed.push({ key: tag.key, error: error instanceof AppError ? error.code : (error as Error).message });
        continue;
      }
      const only = customerIds ? ` and c.id = any($${params.push(customerIds)}::bigint[])` : '';
      const onlyMembers = customerIds ? ` and ct.customer_id = any($${params.length}::bigint[])` : '';
      const [r] = await this.db.transaction(async (tx) => {
        // A whole recompute reads every customer: longer than a request may take.
        if (!customerIds && this.db.kind === 'postgres') await tx.query(`set local statement_timeout = '30min'`);
        return tx.query<{ gained: number; lost: number }>(
          `with target as materialized (
             select c.id from customers c where c.deleted_at is null${only} and coalesce(${condition}, false)),
           gained as (
             insert into customer_tags (tag_id, customer_id) select $1::bigint, id from target on conflict do nothing returning customer_id),
           lost as (
             delete from customer_tags ct where ct.tag_id = $1${onlyMembers}
                and not exists (select 1 from target t where t.id = ct.customer_id) returning customer_id),
           history as (
             insert into tag_history (customer_id, tag_id, change, source)
             select customer_id, $1, 'gained', 'rule' from gained union all select customer_id, $1, 'lost', 'rule' from lost)
           select (select count(*)::int from gained) as gained, (select count(*)::int from lost) as lost`,
          params,
        ).then(async (rows) => {
          await tx.query(`update tags set member_count = (select count(*) from customer_tags where tag_id = $1), computed_at = now() where id = $1`, [tag.id]);
          return rows;
        });
      });
      gained += r!.gained;
      lost += r!.lost;
    }
    if (!customerIds) await this.onRecomputed(order.map((t) => t.id));
    return { tags: order.length - failed.length, gained, lost, failed };
  }

  /** Keeps rule tags current when customers' data changes (wired to the event bus). */
  async onCustomersChanged(customerIds: number[] | 'all'): Promise<void> {
    if (customerIds !== 'all' && customerIds.length === 0) return;
    await this.recompute(undefined, customerIds === 'all' || customerIds.length > MAX_TARGETED ? undefined : customerIds);
  }

  registerTimeline(timeline: Timeline): void {
    timeline.register('tag', async (db, customerId, { before, beforeId, limit }) => {
      const rows = await db.query<{ id: number; at: Date; change: string; source: string; nameZh: string; nameEn: string | null; actorName: string | null }>(
        `select h.id, h.at, h.change, h.source, t.name_zh as "nameZh", t.name_en as "nameEn", u.display_name as "actorName"
           from tag_history h join tags t on t.id = h.tag_id left join users u on u.id = h.actor_id
          where h.customer_id = $1 and (date_trunc('milliseconds', h.at), h.id) < ($2::timestamptz, $4::bigint)
          order by date_trunc('milliseconds', h.at) desc, h.id desc limit $3`,
        [customerId, before, limit, beforeId],
      );
      return rows.map((r) => ({
        at: r.at,
        source: 'tag',
        kind: r.change,
        title: r.nameZh,
        titleEn: r.nameEn,
        body: r.source,
        actorName: r.actorName,
        ref: { entity: 'tag_history', id: r.id },
      }));
    });
  }
}

/** Rule tags that read other rule tags come after them. */
function inDependencyOrder(tags: TagRow[]): TagRow[] {
  const byKey = new Map(tags.map((t) => [t.key, t]));
  const done = new Set<string>();
  const out: TagRow[] = [];
  const visit = (tag: TagRow) => {
    if (done.has(tag.key)) return;
    done.add(tag.key);
    for (const key of tagsRead(tag.rule!)) {
      const dep = byKey.get(key);
      if (dep) visit(dep);
    }
    out.push(tag);
  };
  tags.forEach(visit);
  return out;
}
