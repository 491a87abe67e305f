import { Group, MultiSelect, NumberInput, Select, TagsInput, Text, TextInput, Autocomplete } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { orgUnitLabel } from '../../../app/components.tsx';
import { DayInput } from '../../../app/DayInput.tsx';
import { useOrgUnits, useRegions } from '../../customers/queries.ts';
import { OrgUnitSelect } from '../../customers/OrgUnitSelect.tsx';
import { UserSelect } from '../../customers/UserSelect.tsx';
import type { Comparison } from '../types.ts';
import { SOURCE_CHANNELS, type FieldDef } from './fields.ts';
import { arity } from './model.ts';

interface Props {
  field: FieldDef | undefined;
  /** The raw field key, for fields the app no longer knows (a switched-off custom field). */
  fieldKey: string;
  op: Comparison;
  values: string[];
  onChange: (values: string[]) => void;
  error?: boolean;
}

const numberText = (v: number | string | bigint) => (v === '' ? '' : String(v));

/** The value part of an attribute condition: the input suits the field and how many values the operator takes. */
export function ValueInput({ field, fieldKey, op, values, onChange, error }: Props) {
  const { t } = useTranslation();
  const need = arity(op);
  if (need === 'none') return null;
  const kind = field?.kind ?? 'text';
  const label = t('tags.rule.value');

  if (need === 'two') {
    const [from = '', to = ''] = values;
    const set = (index: 0 | 1, v: string) => onChange(index === 0 ? [v, to] : [from, v]);
    const one = (index: 0 | 1, value: string, testId: string, aria: string) =>
      kind === 'date' ? (
        <DayInput value={value} onChange={(day) => set(index, day)} aria-label={aria} error={error} data-testid={testId} w={160} />
      ) : (
        <NumberInput value={value} onChange={(v) => set(index, numberText(v))} aria-label={aria} error={error} data-testid={testId} w={110} hideControls />
      );
    return (
      <Group gap={6} wrap="nowrap">
        {one(0, from, 'rule-value-from', t('tags.rule.from'))}
        <Text size="sm" c="dimmed">
          {t('tags.rule.and')}
        </Text>
        {one(1, to, 'rule-value-to', t('tags.rule.to'))}
      </Group>
    );
  }

  const single = values[0] ?? '';
  const setSingle = (v: string | null) => onChange(v ? [v] : []);
  const common = { 'aria-label': label, error, 'data-testid': 'rule-value', miw: 180, style: { flex: 1 } } as const;

  switch (kind) {
    case 'number':
      return need === 'many' ? (
        <TagsInput {...common} value={values} onChange={onChange} placeholder={t('tags.rule.listHint')} splitChars={[',', ' ', '\n']} />
      ) : (
        <NumberInput {...common} value={single} onChange={(v) => setSingle(numberText(v))} hideControls />
      );
    case 'date':
      return <DayInput {...common} value={single} onChange={setSingle} />;
    case 'choice':
      return need === 'many' ? (
        <MultiSelect {...common} data={field?.options ?? []} value={values} onChange={onChange} searchable />
      ) : (
        <Select {...common} data={field?.options ?? []} value={single || null} onChange={setSingle} searchable allowDeselect={false} />
      );
    case 'province':
      return <ProvinceInput many={need === 'many'} values={values} onChange={onChange} common={common} />;
    case 'orgUnit':
      return <OrgUnitInput many={need === 'many'} values={values} onChange={onChange} common={common} />;
    case 'user':
      return need === 'many' ? (
        <TagsInput {...common} value={values} onChange={onChange} placeholder={t('tags.rule.userIdsHint')} splitChars={[',', ' ']} />
      ) : (
        <UserSelect {...common} value={single || null} onChange={(v) => setSingle(v)} placeholder={t('tags.rule.userPlaceholder')} />
      );
    default: {
      const suggestions = fieldKey === 'sourceChannel' ? SOURCE_CHANNELS.map((value) => ({ value, label: t(`customer.channel.${value}`) })) : [];
      if (need === 'many') {
        return <TagsInput {...common} data={suggestions.map((s) => s.value)} value={values} onChange={onChange} placeholder={t('tags.rule.listHint')} splitChars={[',', '\n']} />;
      }
      return suggestions.length ? (
        <Autocomplete {...common} data={suggestions.map((s) => s.value)} value={single} onChange={(v) => onChange([v])} />
      ) : (
        <TextInput {...common} value={single} onChange={(e) => onChange([e.currentTarget.value])} />
      );
    }
  }
}

type Common = { 'aria-label': string; error?: boolean; 'data-testid': string; miw: number; style: { flex: number } };

function ProvinceInput({ many, values, onChange, common }: { many: boolean; values: string[]; onChange: (v: string[]) => void; common: Common }) {
  const provinces = useRegions(null);
  const data = (provinces.data ?? []).map((r) => ({ value: r.code, label: r.name }));
  return many ? (
    <MultiSelect {...common} data={data} value={values} onChange={onChange} searchable />
  ) : (
    <Select {...common} data={data} value={values[0] ?? null} onChange={(v) => onChange(v ? [v] : [])} searchable allowDeselect={false} />
  );
}

function OrgUnitInput({ many, values, onChange, common }: { many: boolean; values: string[]; onChange: (v: string[]) => void; common: Common }) {
  const { t, i18n } = useTranslation();
  const units = useOrgUnits();
  // Without the right to list org units the ids are typed.
  if (units.isError) {
    return many ? (
      <TagsInput {...common} value={values} onChange={onChange} placeholder={t('tags.rule.listHint')} />
    ) : (
      <NumberInput {...common} value={values[0] ?? ''} onChange={(v) => onChange(v === '' ? [] : [String(v)])} hideControls />
    );
  }
  if (many) {
    const data = (units.data ?? []).map((u) => ({ value: String(u.id), label: orgUnitLabel(u, i18n.language) }));
    return <MultiSelect {...common} data={data} value={values} onChange={onChange} searchable />;
  }
  return <OrgUnitSelect {...common} units={units.data ?? []} value={values[0] ?? null} onChange={(v) => onChange(v ? [v] : [])} />;
}
