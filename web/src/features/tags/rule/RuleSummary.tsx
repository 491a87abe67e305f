import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { localName } from '../labels.tsx';
import { useTags } from '../queries.ts';
import { opLabel } from './ConditionRow.tsx';
import { arity, fromRule, type ConditionNode, type RuleNode } from './model.ts';
import { useRuleFields } from './useRuleFields.ts';

/** A stored rule in words, for those who read the tag rather than edit it. */
export function RuleSummary({ rule }: { rule: unknown }) {
  return (
    <div data-testid="rule-summary">
      <NodeText node={fromRule(rule)} />
    </div>
  );
}

function NodeText({ node }: { node: RuleNode }) {
  const { t } = useTranslation();
  if (node.type !== 'group') return <ConditionText node={node} />;
  const heading = `${node.negate ? `${t('tags.rule.notShort')} ` : ''}${t(`tags.rule.join.${node.join}`)}`;
  return (
    <>
      <Text size="sm" fw={600} c={node.negate ? 'red.7' : undefined}>
        {heading}
      </Text>
      <List size="sm" withPadding spacing={2}>
        {node.children.map((child) => (
          <List.Item key={child.id}>
            <NodeText node={child} />
          </List.Item>
        ))}
      </List>
    </>
  );
}

function ConditionText({ node }: { node: ConditionNode }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { byKey } = useRuleFields();
  const tags = useTags();
  const list = (items: string[], none: string) => (items.length ? format.list(items) : none);
  let text: string;
  switch (node.type) {
    case 'attribute': {
      const field = byKey.get(node.field);
      const show = (v: string) => field?.options?.find((o) => o.value === v)?.label ?? v;
      const values = arity(node.op) === 'two' ? `${show(node.values[0] ?? '')} ${t('tags.rule.and')} ${show(node.values[1] ?? '')}` : format.list(node.values.map(show));
      text = `${field?.label ?? node.field} ${opLabel(t, node.op, field?.kind === 'date')} ${values}`.trim();
      break;
    }
    case 'holdings':
      text = `${t('tags.rule.type.holdings')} (${list(
        node.kinds.map((k) => t(`holdings.kind.${k}` as 'holdings.kind.other', { defaultValue: k })),
        t('tags.rule.anyKind'),
      )}; ${list(node.statuses.map((s) => t(`holdings.status.${s}`)), '')}${node.productCodes.length ? `; ${format.list(node.productCodes)}` : ''}): ${t(
        `tags.rule.holdingsMeasure.${node.measure}`,
      )} ${t(`tags.rule.measureOp.${node.op}`)} ${format.number(Number(node.value))}`;
      break;
    case 'transactions': {
      const filters = [
        node.direction ? t(`holdings.transactions.direction.${node.direction}`) : '',
        node.channels.length ? format.list(node.channels) : '',
        node.categories.length ? format.list(node.categories) : '',
        node.productCodes.length ? format.list(node.productCodes) : '',
      ].filter(Boolean);
      text = `${t('tags.rule.lastDays', { n: node.withinDays })}${filters.length ? ` (${filters.join('; ')})` : ''}: ${t(`tags.rule.transactionsMeasure.${node.measure}`)} ${t(
        `tags.rule.measureOp.${node.op}`,
      )} ${format.number(Number(node.value))}`;
      break;
    }
    case 'tag': {
      const tag = tags.data?.find((x) => x.key === node.tag);
      text = `${t(`tags.rule.has.${node.has}`)} ${tag ? localName(tag, i18n.language) : node.tag}`;
      break;
    }
  }
  return (
    <Text size="sm" span data-testid="rule-summary-condition">
      {text}
    </Text>
  );
}
