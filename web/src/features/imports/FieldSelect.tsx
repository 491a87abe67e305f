import { useMemo } from 'react';
import { Select, Stack, Text, type ComboboxItem, type ComboboxParsedItem, type OptionsFilter, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldOption } from './labels.tsx';

export interface FieldSelectProps extends Omit<SelectProps, 'data' | 'filter' | 'renderOption' | 'value' | 'onChange'> {
  options: FieldOption[];
  value: string | null;
  onChange: (value: string | null) => void;
}

/**
 * The field a column fills: required fields first, searchable in both languages and by key, each
 * option showing its name in the other language. Used by the import wizard and the source form.
 */
export function FieldSelect({ options, value, onChange, ...props }: FieldSelectProps) {
  const { t } = useTranslation();
  const byKey = useMemo(() => new Map(options.map((o) => [o.key, o])), [options]);
  const data = useMemo(() => {
    const item = (o: FieldOption): ComboboxItem => ({ value: o.key, label: o.label });
    const required = options.filter((o) => o.required);
    const other = options.filter((o) => !o.required);
    return [
      ...(required.length ? [{ group: t('imports.mapping.requiredGroup'), items: required.map(item) }] : []),
      { group: t('imports.mapping.otherGroup'), items: other.map(item) },
    ];
  }, [options, t]);
  const filter: OptionsFilter = ({ options: items, search }) => {
    const q = search.trim().toLowerCase();
    if (!q) return items;
    const match = (item: ComboboxItem) => [item.label, byKey.get(item.value)?.otherLabel, item.value].some((text) => text?.toLowerCase().includes(q));
    return items.flatMap((entry): ComboboxParsedItem[] => {
      if ('group' in entry) {
        const kept = entry.items.filter(match);
        return kept.length ? [{ ...entry, items: kept }] : [];
      }
      return match(entry) ? [entry] : [];
    });
  };
  return (
    <Select
      data={data}
      value={value}
      onChange={onChange}
      filter={filter}
      searchable
      clearable
      nothingFoundMessage={t('common.nothingFound')}
      renderOption={({ option }) => {
        const field = byKey.get(option.value);
        return (
          <Stack gap={0}>
            <Text size="sm">{option.label}</Text>
            <Text size="xs" c="dimmed">
              {field?.otherLabel && field.otherLabel !== option.label ? `${field.otherLabel} · ` : ''}
              <span className="mono">{option.value}</span>
            </Text>
          </Stack>
        );
      }}
      comboboxProps={{ width: 'target', withinPortal: true }}
      {...props}
    />
  );
}
