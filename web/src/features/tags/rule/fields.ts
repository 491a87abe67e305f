import type { TFunction } from 'i18next';
import type { CustomField } from '../../../lib/types.ts';
import { CUSTOMER_KINDS, CUSTOMER_STATUSES, GENDERS, ID_TYPES, SIZES } from '../../../lib/types.ts';
import type { Comparison } from '../types.ts';

/** What the value input of an attribute condition is: it decides the operators and the input shown. */
export type ValueKind = 'number' | 'date' | 'text' | 'choice' | 'orgUnit' | 'user' | 'province';

export interface FieldDef {
  key: string;
  label: string;
  group: 'customer' | 'value' | 'custom';
  kind: ValueKind;
  /** For choices: value and label. */
  options?: { value: string; label: string }[];
}

/** The customer attributes a rule may read (ATTRIBUTE_FIELDS on the server), with the input each wants. */
const ATTRIBUTES: { key: string; kind: ValueKind; options?: readonly string[]; optionKey?: string }[] = [
  { key: 'age', kind: 'number' },
  { key: 'gender', kind: 'choice', options: GENDERS, optionKey: 'customer.gender' },
  { key: 'kind', kind: 'choice', options: CUSTOMER_KINDS, optionKey: 'customer.kind' },
  { key: 'status', kind: 'choice', options: CUSTOMER_STATUSES, optionKey: 'customer.status' },
  { key: 'birthDate', kind: 'date' },
  { key: 'customerYears', kind: 'number' },
  { key: 'createdAt', kind: 'date' },
  { key: 'provinceCode', kind: 'province' },
  { key: 'cityCode', kind: 'text' },
  { key: 'districtCode', kind: 'text' },
  { key: 'orgUnitId', kind: 'orgUnit' },
  { key: 'ownerId', kind: 'user' },
  { key: 'sourceChannel', kind: 'text' },
  { key: 'industry', kind: 'text' },
  { key: 'size', kind: 'choice', options: SIZES, optionKey: 'customer.size' },
  { key: 'idType', kind: 'choice', options: ID_TYPES, optionKey: 'customer.idType' },
];

/** RFM segments and lifecycle stages as the value module computes them. */
export const RFM_SEGMENT_KEYS = ['champions', 'loyal', 'potential', 'new', 'need_attention', 'at_risk', 'hibernating', 'lost'] as const;
export const LIFECYCLE_STAGES = ['new', 'rising', 'peak', 'declining', 'dormant'] as const;

/** The value module's figures (customer_value), read beside the customer. Tier keys are the administrator's, so they come in as an argument. */
const VALUE_ATTRIBUTES: { key: string; kind: ValueKind; options?: readonly string[]; optionKey?: string }[] = [
  { key: 'valueTier', kind: 'choice', optionKey: 'value.tier' },
  { key: 'rfmSegment', kind: 'choice', options: RFM_SEGMENT_KEYS, optionKey: 'value.segment' },
  { key: 'rfmR', kind: 'number' },
  { key: 'rfmF', kind: 'number' },
  { key: 'rfmM', kind: 'number' },
  { key: 'contribution', kind: 'number' },
  { key: 'paretoCore', kind: 'choice' },
  { key: 'lifecycle', kind: 'choice', options: LIFECYCLE_STAGES, optionKey: 'tags.rule.lifecycle' },
  { key: 'matrixTier', kind: 'choice', optionKey: 'value.tier' },
  { key: 'customerClass', kind: 'choice', options: ['key', 'potential', 'ordinary'], optionKey: 'value.class' },
  { key: 'vip', kind: 'choice' },
  { key: 'clv', kind: 'number' },
];

/** Suggestions for free-text fields whose usual values the app knows. */
export const SOURCE_CHANNELS = ['branch', 'online', 'phone', 'referral', 'campaign', 'import'] as const;

export function fieldDefs(t: TFunction, customFields: CustomField[], locale: string, tiers: string[] = []): FieldDef[] {
  const lookup = t as unknown as (key: string, options?: { defaultValue: string }) => string;
  const own: FieldDef[] = ATTRIBUTES.map((a) => ({
    key: a.key,
    label: lookup(`tags.rule.field.${a.key}`),
    group: 'customer',
    kind: a.kind,
    options: a.options?.map((value) => ({ value, label: lookup(`${a.optionKey}.${value}`, { defaultValue: value }) })),
  }));
  const value: FieldDef[] = VALUE_ATTRIBUTES.map((a) => ({
    key: a.key,
    label: lookup(`tags.rule.field.${a.key}`),
    group: 'value',
    kind: a.kind,
    options:
      a.key === 'paretoCore' || a.key === 'vip'
        ? [
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]
        : (a.key === 'valueTier' || a.key === 'matrixTier' ? tiers : a.options)?.map((v) => ({ value: v, label: lookup(`${a.optionKey}.${v}`, { defaultValue: v }) })),
  }));
  // Multiple-choice custom fields are stored as lists, which the rule language does not compare.
  const custom: FieldDef[] = customFields
    .filter((f) => f.active && f.entity === 'customer' && f.type !== 'multiselect')
    .map((f) => ({
      key: `custom.${f.key}`,
      label: locale === 'en' ? f.labelEn : f.labelZh,
      group: 'custom',
      kind: f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : f.type === 'select' || f.type === 'boolean' ? 'choice' : 'text',
      options:
        f.type === 'boolean'
          ? [
              { value: 'true', label: t('common.yes') },
              { value: 'false', label: t('common.no') },
            ]
          : f.type === 'select'
            ? f.options.map((o) => ({ value: o.value, label: locale === 'en' ? o.labelEn : o.labelZh }))
            : undefined,
    }));
  return [...own, ...value, ...custom];
}

/** Operators that make sense for a kind of value, in the order people look for them. */
export function operatorsFor(kind: ValueKind): Comparison[] {
  switch (kind) {
    case 'number':
      return ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in', 'is_null', 'not_null'];
    case 'date':
      return ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'is_null', 'not_null'];
    default:
      return ['eq', 'ne', 'in', 'not_in', 'is_null', 'not_null'];
  }
}

/** Numbers travel as JSON numbers (ids and counts); everything else as text. */
export const isNumericKind = (kind: ValueKind | undefined) => kind === 'number' || kind === 'orgUnit' || kind === 'user';

export const HOLDING_KINDS = ['deposit', 'loan', 'mortgage', 'credit_card', 'debit_card', 'insurance', 'investment', 'service_contract', 'membership', 'other'] as const;
