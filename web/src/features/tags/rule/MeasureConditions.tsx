import { Group, MultiSelect, NumberInput, Select, SimpleGrid, TagsInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { HOLDING_STATUSES, MEASURE_OPS, type HoldingStatus, type MeasureOp } from '../types.ts';
import { useRuleContext } from './context.ts';
import { HOLDING_KINDS } from './fields.ts';
import type { HoldingsNode, NumberValue, TransactionsNode } from './model.ts';

const asNumber = (v: number | string): NumberValue => (v === '' || typeof v === 'number' ? v : Number(v));

/** "at least 3", "more than 100,000": the comparison that ends a holdings or transactions condition. */
function MeasureComparison({ measures, measure, op, value, onChange, prefix }: {
  measures: { value: string; label: string }[];
  measure: string;
  op: MeasureOp;
  value: NumberValue;
  onChange: (patch: { measure?: string; op?: MeasureOp; value?: NumberValue }) => void;
  prefix: string;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" align="flex-start" wrap="wrap">
      <Select
        aria-label={t('tags.rule.measureLabel')}
        data={measures}
        value={measure}
        onChange={(v) => v && onChange({ measure: v })}
        allowDeselect={false}
        w={190}
        data-testid={`${prefix}-measure`}
      />
      <Select
        aria-label={t('tags.rule.opLabel')}
        data={MEASURE_OPS.map((o) => ({ value: o, label: t(`tags.rule.measureOp.${o}`) }))}
        value={op}
        onChange={(v) => v && onChange({ op: v as MeasureOp })}
        allowDeselect={false}
        w={130}
        data-testid={`${prefix}-op`}
      />
      <NumberInput
        aria-label={t('tags.rule.value')}
        value={value}
        onChange={(v) => onChange({ value: asNumber(v) })}
        thousandSeparator=","
        min={0}
        w={150}
        hideControls
        data-testid={`${prefix}-value`}
      />
    </Group>
  );
}

export function HoldingsCondition({ node }: { node: HoldingsNode }) {
  const { t } = useTranslation();
  const { update } = useRuleContext();
  const set = (patch: Partial<HoldingsNode>) => update(node.id, (n) => ({ ...(n as HoldingsNode), ...patch }));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs" verticalSpacing="xs">
      <MultiSelect
        label={t('tags.rule.holdingKinds')}
        placeholder={node.kinds.length ? undefined : t('tags.rule.anyKind')}
        data={HOLDING_KINDS.map((k) => ({ value: k, label: t(`holdings.kind.${k}`) }))}
        value={node.kinds}
        onChange={(kinds) => set({ kinds })}
        searchable
        size="xs"
        data-testid="rule-holding-kinds"
      />
      <MultiSelect
        label={t('tags.rule.holdingStatuses')}
        data={HOLDING_STATUSES.map((s) => ({ value: s, label: t(`holdings.status.${s}`) }))}
        value={node.statuses}
        onChange={(statuses) => set({ statuses: statuses as HoldingStatus[] })}
        placeholder={node.statuses.length ? undefined : t('holdings.status.active')}
        size="xs"
        data-testid="rule-holding-statuses"
      />
      <TagsInput
        label={t('tags.rule.productCodes')}
        placeholder={node.productCodes.length ? undefined : t('tags.rule.anyProduct')}
        value={node.productCodes}
        onChange={(productCodes) => set({ productCodes })}
        splitChars={[',', ' ', '\n']}
        size="xs"
        data-testid="rule-holding-products"
      />
      <div style={{ gridColumn: '1 / -1' }}>
        <MeasureComparison
          prefix="rule-holdings"
          measures={(['count', 'balance', 'creditLimit'] as const).map((m) => ({ value: m, label: t(`tags.rule.holdingsMeasure.${m}`) }))}
          measure={node.measure}
          op={node.op}
          value={node.value}
          onChange={({ measure, ...rest }) => set({ ...rest, ...(measure ? { measure: measure as HoldingsNode['measure'] } : {}) })}
        />
      </div>
    </SimpleGrid>
  );
}

export function TransactionsCondition({ node }: { node: TransactionsNode }) {
  const { t } = useTranslation();
  const { update } = useRuleContext();
  const set = (patch: Partial<TransactionsNode>) => update(node.id, (n) => ({ ...(n as TransactionsNode), ...patch }));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs" verticalSpacing="xs">
      <NumberInput
        label={t('tags.rule.withinDays')}
        value={node.withinDays}
        onChange={(v) => set({ withinDays: asNumber(v) })}
        min={1}
        max={3660}
        allowDecimal={false}
        size="xs"
        data-testid="rule-tx-days"
      />
      <Select
        label={t('tags.rule.direction')}
        data={[
          { value: '', label: t('tags.rule.anyDirection') },
          { value: 'debit', label: t('holdings.transactions.direction.debit') },
          { value: 'credit', label: t('holdings.transactions.direction.credit') },
        ]}
        value={node.direction}
        onChange={(v) => set({ direction: (v ?? '') as TransactionsNode['direction'] })}
        allowDeselect={false}
        size="xs"
        data-testid="rule-tx-direction"
      />
      <TagsInput
        label={t('tags.rule.channels')}
        placeholder={node.channels.length ? undefined : t('tags.rule.anyValue')}
        value={node.channels}
        onChange={(channels) => set({ channels })}
        splitChars={[',', '\n']}
        size="xs"
        data-testid="rule-tx-channels"
      />
      <TagsInput
        label={t('tags.rule.categories')}
        placeholder={node.categories.length ? undefined : t('tags.rule.anyValue')}
        value={node.categories}
        onChange={(categories) => set({ categories })}
        splitChars={[',', '\n']}
        size="xs"
        data-testid="rule-tx-categories"
      />
      <TagsInput
        label={t('tags.rule.productCodes')}
        placeholder={node.productCodes.length ? undefined : t('tags.rule.anyProduct')}
        value={node.productCodes}
        onChange={(productCodes) => set({ productCodes })}
        splitChars={[',', ' ', '\n']}
        size="xs"
        data-testid="rule-tx-products"
      />
      <div style={{ gridColumn: '1 / -1' }}>
        <MeasureComparison
          prefix="rule-tx"
          measures={(['count', 'sum', 'max'] as const).map((m) => ({ value: m, label: t(`tags.rule.transactionsMeasure.${m}`) }))}
          measure={node.measure}
          op={node.op}
          value={node.value}
          onChange={({ measure, ...rest }) => set({ ...rest, ...(measure ? { measure: measure as TransactionsNode['measure'] } : {}) })}
        />
      </div>
    </SimpleGrid>
  );
}
