import type { Comparison, HoldingStatus, HoldingsRule, MeasureOp, Rule, TransactionsRule } from '../types.ts';
import { COMPARISONS, MEASURE_OPS } from '../types.ts';

/**
 * The rule as the builder edits it: a tree of groups and conditions with stable ids (so React keys
 * and server error paths can be matched to rows), values kept as the inputs hold them. toRule turns
 * it into the server's rule JSON and records where each node landed in it.
 */

export type Join = 'all' | 'any';
export type NumberValue = number | '';

export interface GroupNode {
  id: string;
  type: 'group';
  join: Join;
  /** NOT: the group matches customers its conditions do not. */
  negate: boolean;
  children: RuleNode[];
}

export interface AttributeNode {
  id: string;
  type: 'attribute';
  field: string;
  op: Comparison;
  /** One value, two for between, several for in / not_in; as the inputs hold them. */
  values: string[];
}

export interface HoldingsNode {
  id: string;
  type: 'holdings';
  kinds: string[];
  productCodes: string[];
  statuses: HoldingStatus[];
  measure: HoldingsRule['measure'];
  op: MeasureOp;
  value: NumberValue;
}

export interface TransactionsNode {
  id: string;
  type: 'transactions';
  withinDays: NumberValue;
  direction: '' | 'debit' | 'credit';
  channels: string[];
  categories: string[];
  productCodes: string[];
  measure: TransactionsRule['measure'];
  op: MeasureOp;
  value: NumberValue;
}

export interface TagNode {
  id: string;
  type: 'tag';
  tag: string;
  has: boolean;
}

export type ConditionNode = AttributeNode | HoldingsNode | TransactionsNode | TagNode;
export type RuleNode = GroupNode | ConditionNode;
export type ConditionType = ConditionNode['type'];

let counter = 0;
const nextId = () => `n${++counter}`;

export const newGroup = (join: Join = 'all', children: RuleNode[] = []): GroupNode => ({ id: nextId(), type: 'group', join, negate: false, children });

export function newCondition(type: ConditionType): ConditionNode {
  switch (type) {
    case 'attribute':
      return { id: nextId(), type, field: '', op: 'eq', values: [] };
    case 'holdings':
      return { id: nextId(), type, kinds: [], productCodes: [], statuses: ['active'], measure: 'count', op: 'gte', value: 1 };
    case 'transactions':
      return { id: nextId(), type, withinDays: 90, direction: '', channels: [], categories: [], productCodes: [], measure: 'count', op: 'gte', value: 1 };
    case 'tag':
      return { id: nextId(), type, tag: '', has: true };
  }
}

/** How many values an operator takes. */
export const arity = (op: Comparison): 'none' | 'one' | 'two' | 'many' =>
  op === 'is_null' || op === 'not_null' ? 'none' : op === 'between' ? 'two' : op === 'in' || op === 'not_in' ? 'many' : 'one';

/** Whether a condition says enough to be sent; unfinished rows are left out of the count until they do. */
export function isComplete(node: ConditionNode): boolean {
  switch (node.type) {
    case 'attribute': {
      if (!node.field) return false;
      const filled = node.values.filter((v) => v.trim() !== '');
      const need = arity(node.op);
      return need === 'none' || (need === 'one' && filled.length >= 1) || (need === 'two' && filled.length === 2 && node.values.length === 2) || (need === 'many' && filled.length >= 1);
    }
    case 'holdings':
      return node.value !== '';
    case 'transactions':
      return node.value !== '' && node.withinDays !== '';
    case 'tag':
      return node.tag !== '';
  }
}

const hasContent = (node: RuleNode): boolean => (node.type === 'group' ? node.children.some(hasContent) : isComplete(node));

export interface Compiled {
  /** null when nothing is complete yet. */
  rule: Rule | null;
  /** Server path of each node ('rule.all.1'), for placing the server's errors. */
  paths: Map<string, string>;
  /** Conditions left out because they are unfinished. */
  incomplete: Set<string>;
  conditions: number;
}

/** The builder's tree as the server's rule. `numeric(field)` tells which attribute values are numbers. */
export function toRule(root: GroupNode, numeric: (field: string) => boolean): Compiled {
  const paths = new Map<string, string>();
  const incomplete = new Set<string>();
  let conditions = 0;

  const visit = (node: RuleNode, path: string): Rule | null => {
    if (node.type !== 'group') {
      if (!isComplete(node)) {
        incomplete.add(node.id);
        return null;
      }
      paths.set(node.id, path);
      conditions++;
      return conditionRule(node, numeric);
    }
    if (!hasContent(node)) {
      node.children.forEach((child) => visit(child, path));
      return null;
    }
    paths.set(node.id, path);
    const inner = node.negate ? `${path}.not` : path;
    const kids: Rule[] = [];
    for (const child of node.children) {
      const rule = visit(child, `${inner}.${node.join}.${kids.length}`);
      if (rule) kids.push(rule);
    }
    const group: Rule = node.join === 'all' ? { all: kids } : { any: kids };
    return node.negate ? { not: group } : group;
  };

  const rule = visit(root, 'rule');
  return { rule, paths, incomplete, conditions };
}

const asNumber = (v: string) => (/^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v.trim()) : v.trim());
const list = <T extends string>(values: T[]) => (values.length ? values : undefined);

function conditionRule(node: ConditionNode, numeric: (field: string) => boolean): Rule {
  switch (node.type) {
    case 'attribute': {
      const convert = (v: string) => (numeric(node.field) ? asNumber(v) : v.trim());
      const values = node.values.filter((v) => v.trim() !== '').map(convert);
      const need = arity(node.op);
      if (need === 'none') return { field: node.field, op: node.op };
      return { field: node.field, op: node.op, value: need === 'one' ? values[0] : values };
    }
    case 'holdings':
      return {
        holdings: { kind: list(node.kinds), productCode: list(node.productCodes), status: list(node.statuses) },
        measure: node.measure,
        op: node.op,
        value: Number(node.value),
      };
    case 'transactions':
      return {
        transactions: {
          withinDays: Number(node.withinDays),
          direction: node.direction || undefined,
          channel: list(node.channels),
          category: list(node.categories),
          productCode: list(node.productCodes),
        },
        measure: node.measure,
        op: node.op,
        value: Number(node.value),
      };
    case 'tag':
      return { tag: node.tag, has: node.has };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const numberOr = (v: unknown, fallback: NumberValue): NumberValue => (typeof v === 'number' ? v : fallback);
const measureOp = (v: unknown): MeasureOp => ((MEASURE_OPS as readonly unknown[]).includes(v) ? (v as MeasureOp) : 'gte');

/** A stored rule as the builder's tree; the root is always a group. Unknown parts are dropped. */
export function fromRule(rule: unknown): GroupNode {
  const node = parse(rule);
  if (!node) return newGroup();
  return node.type === 'group' ? node : newGroup('all', [node]);
}

function parse(rule: unknown): RuleNode | null {
  if (!isObject(rule)) return null;
  if (Array.isArray(rule.all) || Array.isArray(rule.any)) {
    const join: Join = Array.isArray(rule.all) ? 'all' : 'any';
    const children = ((rule[join] as unknown[]) ?? []).map(parse).filter((n): n is RuleNode => n !== null);
    return newGroup(join, children);
  }
  if ('not' in rule) {
    const inner = parse(rule.not);
    if (!inner) return null;
    // NOT is a group's switch: NOT of a condition becomes a group of one.
    const group = inner.type === 'group' ? inner : newGroup('all', [inner]);
    return { ...group, negate: !group.negate };
  }
  if (typeof rule.tag === 'string') return { id: nextId(), type: 'tag', tag: rule.tag, has: rule.has !== false };
  if (isObject(rule.holdings)) {
    const h = rule.holdings;
    return {
      id: nextId(),
      type: 'holdings',
      kinds: strings(h.kind),
      productCodes: strings(h.productCode),
      statuses: (strings(h.status).length ? strings(h.status) : ['active']) as HoldingStatus[],
      measure: rule.measure === 'balance' || rule.measure === 'creditLimit' ? rule.measure : 'count',
      op: measureOp(rule.op),
      value: numberOr(rule.value, 1),
    };
  }
  if (isObject(rule.transactions)) {
    const w = rule.transactions;
    return {
      id: nextId(),
      type: 'transactions',
      withinDays: numberOr(w.withinDays, 90),
      direction: w.direction === 'debit' || w.direction === 'credit' ? w.direction : '',
      channels: strings(w.channel),
      categories: strings(w.category),
      productCodes: strings(w.productCode),
      measure: rule.measure === 'sum' || rule.measure === 'max' ? rule.measure : 'count',
      op: measureOp(rule.op),
      value: numberOr(rule.value, 1),
    };
  }
  if (typeof rule.field === 'string' && (COMPARISONS as readonly unknown[]).includes(rule.op)) {
    const value = rule.value;
    const values = Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)];
    return { id: nextId(), type: 'attribute', field: rule.field, op: rule.op as Comparison, values };
  }
  return null;
}

/**
 * The server's field errors ('body.rule.all.1.field') placed at the builder's nodes: each goes to
 * the deepest node whose path it starts with. Errors that name no node stay under the key ''.
 */
export function placeErrors(errors: { field: string; message: string }[], paths: Map<string, string>): Map<string, string[]> {
  const placed = new Map<string, string[]>();
  for (const error of errors) {
    const field = error.field.replace(/^body\./, '');
    if (field !== 'rule' && !field.startsWith('rule.')) continue;
    let best = '';
    let bestLength = -1;
    for (const [id, path] of paths) {
      if ((field === path || field.startsWith(`${path}.`)) && path.length > bestLength) {
        best = id;
        bestLength = path.length;
      }
    }
    placed.set(best, [...(placed.get(best) ?? []), error.message]);
  }
  return placed;
}

/** Immutable edits of the tree, by node id. */
export function updateNode(root: GroupNode, id: string, change: (node: RuleNode) => RuleNode | null): GroupNode {
  const walk = (node: RuleNode): RuleNode | null => {
    if (node.id === id) return change(node);
    if (node.type !== 'group') return node;
    const children = node.children.map(walk).filter((n): n is RuleNode => n !== null);
    return children.length === node.children.length && children.every((c, i) => c === node.children[i]) ? node : { ...node, children };
  };
  return (walk(root) as GroupNode | null) ?? newGroup();
}
