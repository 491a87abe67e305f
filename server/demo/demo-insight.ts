import type { Db } from '#platform/db/db.ts';
import type { Actor } from '#platform/auth/actor.ts';
import { usersRepository } from '#modules/identity/identity.repository.ts';
import { loadActor } from '#modules/identity/actor.service.ts';
import { CustomFieldsService } from '#modules/custom-fields/custom-fields.service.ts';
import { TagsService, type TagInput } from '#modules/tags/tags.service.ts';
import { RuleSchema, type Rule } from '#modules/tags/rules.ts';
import { SegmentsService } from '#modules/segments/segments.service.ts';
import { CreditService } from '#modules/credit/credit.service.ts';
import { seededRandom } from './random.ts';
import { withinTransaction } from './within-transaction.ts';

const DAY = 86_400_000;

/** Tag categories of the demo catalogue, by the name each tag below gives. */
const CATEGORIES = {
  assets: { nameZh: '资产特征', nameEn: 'Assets', sort: 10 },
  business: { nameZh: '业务往来', nameEn: 'Business', sort: 20 },
  service: { nameZh: '客户维护', nameEn: 'Relationship', sort: 30 },
} as const;

const rule = (value: unknown): Rule => RuleSchema.parse(value);
const individual = { field: 'kind', op: 'eq', value: 'individual' };

/** The demo's tags: mostly computed from holdings and transactions, two set by hand. */
const TAGS: (Omit<TagInput, 'categoryId'> & { category: keyof typeof CATEGORIES })[] = [
  {
    key: 'premier', nameZh: '贵宾客户', nameEn: 'Premier client', kind: 'rule', category: 'assets',
    description: '个人客户存款与理财余额合计 50 万元及以上',
    rule: rule({ all: [individual, { holdings: { kind: ['deposit', 'investment'] }, measure: 'balance', op: 'gte', value: 500_000 }] }),
  },
  {
    key: 'wealth_holder', nameZh: '理财客户', nameEn: 'Holds wealth products', kind: 'rule', category: 'assets',
    description: '持有理财产品、基金或储蓄国债',
    rule: rule({ holdings: { kind: ['investment'] }, measure: 'count', op: 'gte', value: 1 }),
  },
  {
    key: 'mortgage', nameZh: '房贷客户', nameEn: 'Mortgage', kind: 'rule', category: 'assets',
    description: '有未结清的个人住房按揭贷款',
    rule: rule({ holdings: { kind: ['mortgage'] }, measure: 'count', op: 'gte', value: 1 }),
  },
  {
    key: 'payroll', nameZh: '代发工资', nameEn: 'Paid through us', kind: 'rule', category: 'business',
    description: '近 90 天至少两次由本行代发工资',
    rule: rule({ all: [individual, { transactions: { withinDays: 90, direction: 'credit', category: ['工资'] }, measure: 'count', op: 'gte', value: 2 }] }),
  },
  {
    key: 'pension', nameZh: '养老金客户', nameEn: 'Pension paid here', kind: 'rule', category: 'business',
    description: '近 90 天至少两次在本行领取养老金',
    rule: rule({ transactions: { withinDays: 90, direction: 'credit', category: ['养老金'] }, measure: 'count', op: 'gte', value: 2 }),
  },
  {
    key: 'active_card', nameZh: '信用卡活跃客户', nameEn: 'Active card user', kind: 'rule', category: 'business',
    description: '近 90 天信用卡消费 6 笔及以上',
    rule: rule({ transactions: { withinDays: 90, direction: 'debit', productCode: ['CC-GOLD', 'CC-PLAT'] }, measure: 'count', op: 'gte', value: 6 }),
  },
  {
    key: 'payroll_employer', nameZh: '代发单位', nameEn: 'Payroll employer', kind: 'rule', category: 'business',
    description: '签有代发工资服务协议的单位客户',
    rule: rule({ holdings: { productCode: ['SVC-PAYROLL'] }, measure: 'count', op: 'gte', value: 1 }),
  },
  {
    key: 'key_relationship', nameZh: '重点维护', nameEn: 'Key relationship', kind: 'manual', category: 'service',
    description: '客户经理重点维护的客户，定期回访',
  },
  {
    key: 'no_marketing', nameZh: '拒绝营销', nameEn: 'Do not market', kind: 'manual', category: 'service',
    description: '客户明确表示不接受营销电话和短信，营销名单中应予剔除',
  },
];

/** Audiences a marketer would keep: cross-selling lists, and one of valuable customers drifting away. */
const SEGMENTS: { nameZh: string; nameEn: string; description: string; rule: Rule }[] = [
  {
    nameZh: '理财潜力客户', nameEn: 'Savers without wealth products',
    description: '存款 10 万元以上、尚未持有理财产品的个人客户，由理财经理跟进；不含拒绝营销的客户',
    rule: rule({
      all: [
        individual,
        { holdings: { kind: ['deposit'] }, measure: 'balance', op: 'gte', value: 100_000 },
        { holdings: { kind: ['investment'] }, measure: 'count', op: 'lt', value: 1 },
        { tag: 'no_marketing', has: false },
      ],
    }),
  },
  {
    nameZh: '代发工资未办信用卡', nameEn: 'Paid through us, no credit card',
    description: '代发工资客户中尚未办理信用卡的，推荐信用卡；不含拒绝营销的客户',
    rule: rule({ all: [{ tag: 'payroll' }, { holdings: { kind: ['credit_card'] }, measure: 'count', op: 'lt', value: 1 }, { tag: 'no_marketing', has: false }] }),
  },
  {
    nameZh: '高价值客户流失预警', nameEn: 'Valuable customers at risk',
    description: '价值等级较高、近期消费明显减少的客户，客户经理优先回访',
    rule: rule({ all: [{ field: 'valueTier', op: 'in', value: ['gold', 'silver'] }, { field: 'rfmSegment', op: 'in', value: ['at_risk', 'hibernating'] }] }),
  },
];

/** How the receivables of a corporate customer went, in turn: [days from today it fell due, days from due to payment or null, share paid]. */
const RECEIVABLE_HISTORIES: [number, number | null, number][][] = [
  [[-60, -2, 1], [-30, -1, 1], [25, null, 0]],
  [[-100, 45, 1], [-10, -2, 1], [20, null, 0]],
  [[-45, 1, 1], [-18, 0, 0.4], [40, null, 0]],
  [[-125, null, 0], [-70, null, 0]],
];

export interface DemoInsightOptions {
  seed?: number;
  now?: Date;
  /** Only customers with an id above this are tagged by hand or given receivables (the ones the demo just made). */
  afterCustomerId?: number;
  log?: (line: string) => void;
}

export interface DemoInsightResult {
  tags: number;
  segments: number;
  receivables: number;
}

/**
 * The customer-insight side of the demo, made through the modules' own services as staff would
 * make it, in one transaction: a tag catalogue (rule tags from holdings and transactions, manual
 * tags set by customer managers on their own customers), a marketer's segments, and receivables
 * with credit limits on corporate customers, some paid late or overdue. Needs the demo's staff
 * (marketer, customer and branch managers) and business; what exists already is left alone.
 */
export async function generateDemoInsight(db: Db, options: DemoInsightOptions = {}): Promise<DemoInsightResult> {
  const r = seededRandom((options.seed ?? 20261123) ^ 0x1a5_16e7);
  const now = (options.now ?? new Date()).getTime();
  const after = options.afterCustomerId ?? 0;
  const result = await db.transaction(async (tx) => {
    const scoped = withinTransaction(db, tx);
    const actorOf = async (username: string): Promise<Actor | undefined> => {
      const user = await usersRepository.byUsername(scoped, username);
      return user ? loadActor(scoped, user) : undefined;
    };
    const marketer = await actorOf('marketer');
    if (!marketer) return { tags: 0, segments: 0, receivables: 0 };
    const tags = new TagsService(scoped, new CustomFieldsService(scoped));
    const segments = new SegmentsService(scoped, tags);
    const credit = new CreditService(scoped);

    // ---- tags
    const categories = new Map((await tags.categories()).map((c) => [c.nameZh, c.id]));
    for (const category of Object.values(CATEGORIES)) {
      if (!categories.has(category.nameZh)) categories.set(category.nameZh, (await tags.saveCategory(marketer, null, category)).id);
    }
    const existing = new Map((await tags.list({ includeInactive: true })).map((t) => [t.key, t]));
    let madeTags = 0;
    for (const { category, ...input } of TAGS) {
      if (existing.has(input.key)) continue;
      existing.set(input.key, await tags.create(marketer, { ...input, categoryId: categories.get(CATEGORIES[category].nameZh) ?? null }));
      madeTags++;
    }
    // Customer managers mark their two wealthiest new customers for close care, and note the one
    // who asked not to be called; a score of managers is enough for a lived-in catalogue.
    const managers = await scoped.query<{ username: string; customers: { id: number; kind: string }[] }>(
      `select u.username,
              (select json_agg(json_build_object('id', m.id, 'kind', m.kind) order by m.assets desc, m.id)
                 from (select c.id, c.kind, (select coalesce(sum(h.balance), 0) from holdings h
                                              where h.customer_id = c.id and h.status = 'active' and h.kind in ('deposit', 'investment')) as assets
                         from customers c where c.owner_id = u.id and c.id > $1 and c.deleted_at is null and c.status <> 'churned') m) as customers
         from users u join user_roles ur on ur.user_id = u.id join roles ro on ro.id = ur.role_id
        where ro.key = 'customer_manager' and u.username like 'cm%' order by u.id limit 20`,
      [after],
    );
    const keyTag = existing.get('key_relationship')!;
    const quietTag = existing.get('no_marketing')!;
    for (const [i, manager] of managers.entries()) {
      const mine = manager.customers ?? [];
      if (mine.length < 4) continue;
      const actor = (await actorOf(manager.username))!;
      await tags.assign(actor, keyTag.id, 'add', { customerIds: mine.slice(0, 2).map((c) => c.id) });
      const individuals = mine.slice(2).filter((c) => c.kind === 'individual');
      if (i % 2 === 0 && individuals.length) await tags.assign(actor, quietTag.id, 'add', { customerIds: [r.pick(individuals).id] });
    }

    // ---- segments
    const named = new Set((await segments.list(marketer)).map((s) => s.nameZh));
    let madeSegments = 0;
    for (const segment of SEGMENTS) {
      if (named.has(segment.nameZh)) continue;
      await segments.create(marketer, { ...segment, kind: 'dynamic' });
      madeSegments++;
    }

    // ---- receivables and credit limits on corporate customers, those with a loan first, by their managers
    const debtors = await scoped.query<{ id: number; code: string; manager: string; boss: string | null; debt: string }>(
      `select d.id, d.code, d.manager, d.boss, d.debt from (
         select c.id, c.code, u.username as manager, b.username as boss,
                (select coalesce(sum(h.balance), 0) from holdings h where h.customer_id = c.id and h.status = 'active' and h.kind = 'loan') as debt
           from customers c join users u on u.id = c.owner_id left join users b on b.id = u.manager_id
          where c.kind = 'organization' and c.status = 'active' and c.id > $1 and c.deleted_at is null
            and not exists (select 1 from receivables x where x.customer_id = c.id)) d
        order by d.debt > 0 desc, d.id limit 8`,
      [after],
    );
    const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);
    let madeReceivables = 0;
    for (const [k, debtor] of debtors.entries()) {
      const manager = (await actorOf(debtor.manager))!;
      let open = 0;
      for (const [n, [due, paidAfter, share]] of RECEIVABLE_HISTORIES[k % RECEIVABLE_HISTORIES.length]!.entries()) {
        // In the second round what is still owed is overdue longer: the ageing report then has every bucket.
        const dueIn = k >= RECEIVABLE_HISTORIES.length && due < 0 && share < 1 ? due - 22 : due;
        const amount = r.int(800_000, 12_000_000) / 100;
        const paid = Math.round(amount * share * 100) / 100;
        open += amount - paid;
        await credit.addReceivable(manager, debtor.id, {
          externalId: `AR-${debtor.code}-${n + 1}`,
          amount: amount.toFixed(2),
          currency: 'CNY',
          dueOn: day(dueIn),
          paidAmount: paid.toFixed(2),
          paidOn: paid > 0 ? day(dueIn + (paidAfter ?? 0)) : null,
        });
        madeReceivables++;
      }
      // The branch manager sets the limit: room to spare for most, one already over it.
      const boss = debtor.boss ? await actorOf(debtor.boss) : undefined;
      if (!boss) continue;
      const exposure = Number(debtor.debt) + open;
      const limit = k % RECEIVABLE_HISTORIES.length === 3 ? Math.floor((exposure * 0.85) / 10_000) * 10_000 : Math.ceil(Math.max(exposure * 1.5, 500_000) / 100_000) * 100_000;
      if (limit > 0) await credit.setLimit(boss, debtor.id, { amount: `${limit}.00`, currency: 'CNY' });
    }
    return { tags: madeTags, segments: madeSegments, receivables: madeReceivables };
  });
  options.log?.(`tags: ${result.tags}, segments: ${result.segments}, receivables: ${result.receivables}`);
  return result;
}
