import { z } from 'zod';
import { CUSTOMER_SINCE_SQL } from '#modules/customers/customers.repository.ts';
import { inYuan } from '#modules/currencies/exchange-rates.ts';

/**
 * The condition language of rule tags (and, later, of segments): AND / OR / NOT over customer
 * attributes, holdings, transaction aggregates over a time window, and other tags. A rule is
 * data (JSON), validated here and compiled to one SQL condition on `customers c`; user values only
 * ever travel as query parameters.
 */

export const ATTRIBUTE_FIELDS = [
  'kind', 'gender', 'status', 'idType', 'provinceCode', 'cityCode', 'districtCode', 'industry', 'size', 'sourceChannel',
  'orgUnitId', 'ownerId', 'age', 'customerYears', 'birthDate', 'createdAt',
  'valueTier', 'rfmSegment', 'rfmR', 'rfmF', 'rfmM', 'contribution', 'paretoCore', 'lifecycle',
  'matrixTier', 'customerClass', 'vip', 'clv',
] as const;
/**
 * A value computed by the value module (nightly or on demand), read beside the customer: looked up
 * per customer, or read from a joined row when the compiler is given one (`valueAlias`).
 */
const valueOf = (column: string) => ({ sql: `(select v.${column} from customer_value v where v.customer_id = c.id)`, value: column });
const COLUMN: Record<(typeof ATTRIBUTE_FIELDS)[number], { sql: string; value?: string; type: 'text' | 'number' | 'date' }> = {
  kind: { sql: 'c.kind', type: 'text' },
  gender: { sql: 'c.gender', type: 'text' },
  status: { sql: 'c.status', type: 'text' },
  idType: { sql: 'c.id_type', type: 'text' },
  provinceCode: { sql: 'c.province_code', type: 'text' },
  cityCode: { sql: 'c.city_code', type: 'text' },
  districtCode: { sql: 'c.district_code', type: 'text' },
  industry: { sql: 'c.industry', type: 'text' },
  size: { sql: 'c.size', type: 'text' },
  sourceChannel: { sql: 'c.source_channel', type: 'text' },
  orgUnitId: { sql: 'c.org_unit_id', type: 'number' },
  ownerId: { sql: 'c.owner_id', type: 'number' },
  // Whole years, as people count them.
  age: { sql: 'extract(year from age(current_date, c.birth_date))', type: 'number' },
  // Since the relationship began, as the credit scorecard counts it.
  customerYears: { sql: `extract(year from age(current_date, ${CUSTOMER_SINCE_SQL}))`, type: 'number' },
  birthDate: { sql: 'c.birth_date', type: 'date' },
  createdAt: { sql: 'c.created_at::date', type: 'date' },
  valueTier: { ...valueOf('tier'), type: 'text' },
  rfmSegment: { ...valueOf('rfm_segment'), type: 'text' },
  rfmR: { ...valueOf('r'), type: 'number' },
  rfmF: { ...valueOf('f'), type: 'number' },
  rfmM: { ...valueOf('m'), type: 'number' },
  contribution: { ...valueOf('contribution'), type: 'number' },
  // 'true' or 'false'
  paretoCore: { ...valueOf('pareto_core::text'), type: 'text' },
  lifecycle: { ...valueOf('lifecycle'), type: 'text' },
  matrixTier: { ...valueOf('matrix_tier'), type: 'text' },
  // 'key', 'potential' or 'ordinary'
  customerClass: { ...valueOf('customer_class'), type: 'text' },
  // 'true' or 'false'
  vip: { ...valueOf('vip::text'), type: 'text' },
  clv: { ...valueOf('clv'), type: 'number' },
};

export const COMPARISONS = ['eq', 'ne', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'between', 'is_null', 'not_null'] as const;
type Comparison = (typeof COMPARISONS)[number];
const scalar = z.union([z.string().max(200), z.number()]);
const value = z.union([scalar, z.array(scalar).min(1).max(500)]).optional();

const Attribute = z.strictObject({
  field: z.union([z.enum(ATTRIBUTE_FIELDS), z.string().regex(/^custom\.[a-z][a-z0-9_]{0,49}$/)]).describe("A customer attribute, or 'custom.<key>' for a custom field"),
  op: z.enum(COMPARISONS),
  value,
});
const Holdings = z.strictObject({
  holdings: z.strictObject({
    kind: z.array(z.string().max(50)).max(20).optional(),
    productCode: z.array(z.string().max(100)).max(100).optional(),
    status: z.array(z.enum(['active', 'dormant', 'closed'])).optional().describe('default: active'),
  }),
  measure: z.enum(['count', 'balance', 'creditLimit']).default('count').describe('count of matching holdings, or the sum of their balances / limits in yuan'),
  op: z.enum(['gt', 'gte', 'lt', 'lte', 'eq']).default('gte'),
  value: z.number().default(1),
});
const Transactions = z.strictObject({
  transactions: z.strictObject({
    withinDays: z.number().int().min(1).max(3660),
    direction: z.enum(['debit', 'credit']).optional(),
    channel: z.array(z.string().max(100)).max(50).optional(),
    category: z.array(z.string().max(100)).max(50).optional(),
    productCode: z.array(z.string().max(100)).max(100).optional(),
  }),
  measure: z.enum(['count', 'sum', 'max']).default('count').describe('how many, their total amount in yuan, or the largest'),
  op: z.enum(['gt', 'gte', 'lt', 'lte', 'eq']).default('gte'),
  value: z.number().default(1),
});
const TagCondition = z.strictObject({ tag: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/), has: z.boolean().default(true) });

export type Rule =
  | z.infer<typeof Attribute>
  | z.infer<typeof Holdings>
  | z.infer<typeof Transactions>
  | z.infer<typeof TagCondition>
  | { all: Rule[] }
  | { any: Rule[] }
  | { not: Rule };

export const RuleSchema: z.ZodType<Rule> = z
  .lazy(() =>
    z.union([
      z.strictObject({ all: z.array(RuleSchema).min(1).max(50) }),
      z.strictObject({ any: z.array(RuleSchema).min(1).max(50) }),
      z.strictObject({ not: RuleSchema }),
      Attribute,
      Holdings,
      Transactions,
      TagCondition,
    ]),
  )
  .meta({ id: 'TagRule', description: 'AND (all) / OR (any) / NOT over attributes, holdings, transactions in a window, and tags' }) as z.ZodType<Rule>;

/** Conditions in a rule, for the size limit and for listing the tags it reads. */
export function conditionsOf(rule: Rule): Rule[] {
  if ('all' in rule) return rule.all.flatMap(conditionsOf);
  if ('any' in rule) return rule.any.flatMap(conditionsOf);
  if ('not' in rule) return conditionsOf(rule.not);
  return [rule];
}

export class RuleError extends Error {
  constructor(
    readonly path: string,
    readonly reason: 'value' | 'custom_field' | 'tag' | 'too_large',
  ) {
    super(`${path}: ${reason}`);
  }
}

export interface CompileContext {
  /**
   * The alias of customer_value already joined to `c` (left join, one row per customer), read
   * directly instead of looked up for each customer: the value recompute passes over all of them.
   */
  valueAlias?: string;
  /**
   * When given, holdings and transaction measures are computed once for every customer (grouped,
   * joined to `c` by the `left join`s added here) instead of looked up per customer: for passes over
   * all of them, where a million look-ups cost several times one grouped scan.
   */
  joins?: string[];
  /** Active custom fields and their types. */
  customFields: Map<string, string>;
  /** Tag keys to ids. */
  tagIds: Map<string, number>;
}

const SQL_OP: Record<'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte', string> = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const MAX_CONDITIONS = 100;

/** The rule as one SQL condition on `customers c`; its values are appended to `params`. */
export function compileRule(rule: Rule, ctx: CompileContext, params: unknown[], path = 'rule'): string {
  if (path === 'rule' && conditionsOf(rule).length > MAX_CONDITIONS) throw new RuleError(path, 'too_large');
  const param = (v: unknown, cast: string) => {
    params.push(v);
    return `$${params.length}::${cast}`;
  };
  if ('all' in rule) return `(${rule.all.map((r, i) => compileRule(r, ctx, params, `${path}.all.${i}`)).join(' and ')})`;
  if ('any' in rule) return `(${rule.any.map((r, i) => compileRule(r, ctx, params, `${path}.any.${i}`)).join(' or ')})`;
  // coalesce: NOT of an unknown (a null attribute) is true, as people expect of "not".
  if ('not' in rule) return `(not coalesce(${compileRule(rule.not, ctx, params, `${path}.not`)}, false))`;
  if ('tag' in rule) {
    const id = ctx.tagIds.get(rule.tag);
    if (id === undefined) throw new RuleError(`${path}.tag`, 'tag');
    return `(${rule.has ? '' : 'not '}exists (select 1 from customer_tags ct where ct.customer_id = c.id and ct.tag_id = ${param(id, 'bigint')}))`;
  }
  // A measure of the customer's holdings or transactions: 0 when he has none, either way.
  // Amounts are added up in yuan (a currency without an exchange rate is left out).
  const measured = (from: 'holdings h' | 'transactions t', measure: string, where: string[]) => {
    const alias = from.slice(-1);
    if (!ctx.joins) return `(select coalesce(${measure}, 0) from ${from} where ${alias}.customer_id = c.id and ${where.join(' and ')})`;
    // Named after the parameter count, which only grows while a statement is compiled.
    const name = `m${params.length}_${ctx.joins.length}`;
    ctx.joins.push(`left join (select ${alias}.customer_id, ${measure} as v from ${from} where ${where.join(' and ')} group by ${alias}.customer_id) ${name} on ${name}.customer_id = c.id`);
    return `coalesce(${name}.v, 0)`;
  };
  if ('holdings' in rule) {
    const where = [`h.status = any(${param(rule.holdings.status ?? ['active'], 'text[]')})`];
    if (rule.holdings.kind) where.push(`h.kind = any(${param(rule.holdings.kind, 'text[]')})`);
    if (rule.holdings.productCode) where.push(`h.product_code = any(${param(rule.holdings.productCode, 'text[]')})`);
    const measure = rule.measure === 'count' ? 'count(*)' : `sum(${inYuan(`h.${rule.measure === 'balance' ? 'balance' : 'credit_limit'}`, 'h.currency')})`;
    return `(${measured('holdings h', measure, where)} ${SQL_OP[rule.op]} ${param(rule.value, 'numeric')})`;
  }
  if ('transactions' in rule) {
    const w = rule.transactions;
    const where = [`t.occurred_at >= now() - make_interval(days => ${param(w.withinDays, 'int')})`];
    if (w.direction) where.push(`t.direction = ${param(w.direction, 'text')}`);
    if (w.channel) where.push(`t.channel = any(${param(w.channel, 'text[]')})`);
    if (w.category) where.push(`t.category = any(${param(w.category, 'text[]')})`);
    if (w.productCode) where.push(`t.product_code = any(${param(w.productCode, 'text[]')})`);
    const measure = rule.measure === 'count' ? 'count(*)' : `${rule.measure}(${inYuan('t.amount', 't.currency')})`;
    return `(${measured('transactions t', measure, where)} ${SQL_OP[rule.op]} ${param(rule.value, 'numeric')})`;
  }
  return compileAttribute(rule, ctx, param, path);
}

function compileAttribute(rule: z.infer<typeof Attribute>, ctx: CompileContext, param: (v: unknown, cast: string) => string, path: string): string {
  let column: { sql: string; type: 'text' | 'number' | 'date' };
  if (rule.field.startsWith('custom.')) {
    const key = rule.field.slice('custom.'.length);
    const type = ctx.customFields.get(key);
    if (!type) throw new RuleError(`${path}.field`, 'custom_field');
    const text = `(c.custom ->> '${key}')`;
    // Compared as numbers or dates when the field is one; a malformed stored value never matches.
    column =
      type === 'number'
        ? { sql: `(case when ${text} ~ '^-?[0-9]+(\\.[0-9]+)?$' then ${text}::numeric end)`, type: 'number' }
        : type === 'date'
          ? { sql: `(case when ${text} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then ${text}::date end)`, type: 'date' }
          : { sql: text, type: 'text' };
  } else {
    const known = COLUMN[rule.field as (typeof ATTRIBUTE_FIELDS)[number]];
    column = known.value && ctx.valueAlias ? { ...known, sql: `${ctx.valueAlias}.${known.value}` } : known;
  }
  const cast = column.type === 'number' ? 'numeric' : column.type === 'date' ? 'date' : 'text';
  const op: Comparison = rule.op;
  if (op === 'is_null') return `(${column.sql} is null)`;
  if (op === 'not_null') return `(${column.sql} is not null)`;
  const values = Array.isArray(rule.value) ? rule.value : rule.value === undefined ? [] : [rule.value];
  const bad = () => new RuleError(`${path}.value`, 'value');
  const valid = (v: string | number) =>
    column.type === 'number' ? typeof v === 'number' || /^-?\d+(\.\d+)?$/.test(v) : column.type === 'date' ? /^\d{4}-\d{2}-\d{2}$/.test(String(v)) : true;
  if (values.length === 0 || !values.every(valid)) throw bad();
  const asText = values.map(String);
  if (op === 'in' || op === 'not_in') return `(${op === 'not_in' ? 'not ' : ''}coalesce(${column.sql} = any(${param(asText, `${cast}[]`)}), false))`;
  if (op === 'between') {
    if (values.length !== 2) throw bad();
    return `(${column.sql} between ${param(asText[0], cast)} and ${param(asText[1], cast)})`;
  }
  if (values.length !== 1) throw bad();
  return `(${column.sql} ${SQL_OP[op]} ${param(asText[0], cast)})`;
}

/** Tag keys a rule reads (a rule tag that reads another is recomputed after it). */
export function tagsRead(rule: Rule): string[] {
  return conditionsOf(rule).flatMap((c) => ('tag' in c ? [c.tag] : []));
}
