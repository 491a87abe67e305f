/** Shapes of the tags API (dates arrive as ISO strings); api-contract.ts checks them against the server. */

export const TAG_KINDS = ['manual', 'rule', 'imported'] as const;
export type TagKind = (typeof TAG_KINDS)[number];

export interface TagCategory {
  id: number;
  parentId: number | null;
  nameZh: string;
  nameEn: string | null;
  sort: number;
  tagCount: number;
}

export interface TagCategoryBody {
  parentId?: number | null;
  nameZh: string;
  nameEn?: string | null;
  sort?: number;
}

export interface Tag {
  id: number;
  key: string;
  categoryId: number | null;
  nameZh: string;
  nameEn: string | null;
  kind: TagKind;
  description: string | null;
  ownerId: number | null;
  /** A Rule for rule tags; read through parseRule, as the server documents it loosely. */
  rule: unknown;
  active: boolean;
  memberCount: number;
  computedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const COMPARISONS = ['eq', 'ne', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'between', 'is_null', 'not_null'] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const MEASURE_OPS = ['gte', 'gt', 'eq', 'lte', 'lt'] as const;
export type MeasureOp = (typeof MEASURE_OPS)[number];
export const HOLDING_STATUSES = ['active', 'dormant', 'closed'] as const;
export type HoldingStatus = (typeof HOLDING_STATUSES)[number];

type Scalar = string | number;
export interface AttributeRule {
  field: string;
  op: Comparison;
  value?: Scalar | Scalar[];
}
export interface HoldingsRule {
  holdings: { kind?: string[]; productCode?: string[]; status?: HoldingStatus[] };
  measure: 'count' | 'balance' | 'creditLimit';
  op: MeasureOp;
  value: number;
}
export interface TransactionsRule {
  transactions: { withinDays: number; direction?: 'debit' | 'credit'; channel?: string[]; category?: string[]; productCode?: string[] };
  measure: 'count' | 'sum' | 'max';
  op: MeasureOp;
  value: number;
}
export interface TagRule {
  tag: string;
  has: boolean;
}
/** The rule language of rule tags (server/modules/tags/rules.ts). */
export type Rule = AttributeRule | HoldingsRule | TransactionsRule | TagRule | { all: Rule[] } | { any: Rule[] } | { not: Rule };

export interface TagBody {
  key: string;
  categoryId: number | null;
  nameZh: string;
  nameEn: string | null;
  kind: TagKind;
  description: string | null;
  rule: Rule | null;
  active: boolean;
}

export interface RulePreview {
  count: number;
  sample: { id: number; code: string; name: string }[];
}

export interface RecomputeResult {
  tags: number;
  gained: number;
  lost: number;
}

export interface AssignResult {
  changed: number;
  unchanged: number;
  notFound: number;
}

export interface TagMember {
  id: number;
  code: string;
  name: string;
  orgUnitId: number;
  ownerId: number | null;
  since: string;
}

export interface TagMembersPage {
  items: TagMember[];
  /** The `after` of the next page, or null at the end. */
  next: number | null;
}

export interface CustomerTag extends Tag {
  since: string;
  setBy: number | null;
}

export interface TagHistoryEntry {
  id: number;
  tagId: number;
  tagKey: string;
  nameZh: string;
  nameEn: string | null;
  change: 'gained' | 'lost';
  /** 'manual', 'rule' or 'import'. */
  source: string;
  actorName: string | null;
  at: string;
}

export interface CustomerTags {
  tags: CustomerTag[];
  history: TagHistoryEntry[];
}
