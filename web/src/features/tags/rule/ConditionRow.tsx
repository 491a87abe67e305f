import { ActionIcon, Group, Paper, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { TagPicker } from '../TagPicker.tsx';
import type { Comparison } from '../types.ts';
import { useRuleContext } from './context.ts';
import { operatorsFor } from './fields.ts';
import { HoldingsCondition, TransactionsCondition } from './MeasureConditions.tsx';
import { arity, type AttributeNode, type ConditionNode, type TagNode } from './model.ts';
import { ValueInput } from './ValueInput.tsx';

/** One condition of the rule, with its own inputs, the server's complaint about it and a remove button. */
export function ConditionRow({ node }: { node: ConditionNode }) {
  const { t } = useTranslation();
  const { update, errors, incomplete, readOnly } = useRuleContext();
  const messages = errors.get(node.id) ?? [];
  const unfinished = incomplete.has(node.id);
  return (
    <Paper
      withBorder
      radius="sm"
      p="xs"
      data-testid="rule-condition"
      data-type={node.type}
      data-invalid={messages.length > 0 || undefined}
      style={messages.length ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">
            {t(`tags.rule.type.${node.type}`)}
          </Text>
          {!readOnly && (
            <Tooltip label={t('tags.rule.removeCondition')}>
              <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => update(node.id, () => null)} aria-label={t('tags.rule.removeCondition')} data-testid="rule-remove">
                <IconTrash size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
        <fieldset disabled={readOnly} style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
          {node.type === 'attribute' && <AttributeCondition node={node} />}
          {node.type === 'holdings' && <HoldingsCondition node={node} />}
          {node.type === 'transactions' && <TransactionsCondition node={node} />}
          {node.type === 'tag' && <TagCondition node={node} />}
        </fieldset>
        {messages.map((message) => (
          <Group key={message} gap={4} wrap="nowrap" c="red" role="alert" data-testid="rule-condition-error">
            <IconAlertCircle size={14} style={{ flexShrink: 0 }} />
            <Text size="xs" inherit>
              {message}
            </Text>
          </Group>
        ))}
        {unfinished && messages.length === 0 && (
          <Text size="xs" c="dimmed" data-testid="rule-condition-incomplete">
            {t('tags.rule.incomplete')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** The operator's name; dates read as before / after. */
export function opLabel(t: TFunction, op: Comparison, date: boolean): string {
  if (date && (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte')) return t(`tags.rule.opDate.${op}`);
  return t(`tags.rule.op.${op}`);
}

function AttributeCondition({ node }: { node: AttributeNode }) {
  const { t } = useTranslation();
  const { update, fields, byKey, errors } = useRuleContext();
  const field = byKey.get(node.field);
  const ops = operatorsFor(field?.kind ?? 'text');
  const set = (patch: Partial<AttributeNode>) => update(node.id, (n) => ({ ...(n as AttributeNode), ...patch }));
  const groups = [
    { group: t('tags.rule.fieldGroup.customer'), items: fields.filter((f) => f.group === 'customer').map((f) => ({ value: f.key, label: f.label })) },
    { group: t('tags.rule.fieldGroup.value'), items: fields.filter((f) => f.group === 'value').map((f) => ({ value: f.key, label: f.label })) },
    { group: t('tags.rule.fieldGroup.custom'), items: fields.filter((f) => f.group === 'custom').map((f) => ({ value: f.key, label: f.label })) },
  ].filter((g) => g.items.length > 0);
  // A field the app no longer offers (a switched-off custom field) still shows by its key.
  const data = node.field && !field ? [{ group: t('tags.rule.fieldGroup.unknown'), items: [{ value: node.field, label: node.field }] }, ...groups] : groups;

  return (
    <Group gap="xs" align="flex-start" wrap="wrap">
      <Select
        aria-label={t('tags.rule.fieldLabel')}
        placeholder={t('tags.rule.fieldPlaceholder')}
        data={data}
        value={node.field || null}
        onChange={(value) => {
          if (!value) return;
          const kind = byKey.get(value)?.kind ?? 'text';
          const keepOp = operatorsFor(kind).includes(node.op);
          // A new field keeps the operator when it can, and starts with no value (ages are not dates).
          set({ field: value, op: keepOp ? node.op : 'eq', values: [] });
        }}
        searchable
        allowDeselect={false}
        w={190}
        data-testid="rule-field"
        error={Boolean(errors.get(node.id)?.length && !field)}
      />
      <Select
        aria-label={t('tags.rule.opLabel')}
        data={ops.map((op) => ({ value: op, label: opLabel(t, op, field?.kind === 'date') }))}
        value={node.op}
        onChange={(value) => {
          if (!value) return;
          const op = value as Comparison;
          const same = arity(op) === arity(node.op);
          set({ op, values: same ? node.values : arity(op) === 'many' || arity(op) === 'one' ? node.values.slice(0, 1).filter(Boolean) : [] });
        }}
        allowDeselect={false}
        w={150}
        data-testid="rule-op"
      />
      <ValueInput field={field} fieldKey={node.field} op={node.op} values={node.values} onChange={(values) => set({ values })} error={Boolean(errors.get(node.id)?.length)} />
    </Group>
  );
}

function TagCondition({ node }: { node: TagNode }) {
  const { t } = useTranslation();
  const { update, selfKey } = useRuleContext();
  const set = (patch: Partial<TagNode>) => update(node.id, (n) => ({ ...(n as TagNode), ...patch }));
  return (
    <Group gap="xs" align="flex-start" wrap="wrap">
      <Select
        aria-label={t('tags.rule.hasLabel')}
        data={[
          { value: 'true', label: t('tags.rule.has.true') },
          { value: 'false', label: t('tags.rule.has.false') },
        ]}
        value={String(node.has)}
        onChange={(value) => value && set({ has: value === 'true' })}
        allowDeselect={false}
        w={170}
        data-testid="rule-tag-has"
      />
      <TagPicker
        by="key"
        aria-label={t('tags.rule.type.tag')}
        placeholder={t('tags.rule.tagPlaceholder')}
        value={node.tag || null}
        onChange={(value) => set({ tag: value ?? '' })}
        filter={(tag) => tag.key !== selfKey}
        miw={220}
        style={{ flex: 1 }}
        data-testid="rule-tag"
      />
    </Group>
  );
}
