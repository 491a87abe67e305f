import { useMemo } from 'react';
import { Select, type ComboboxItemGroup, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { categoryPath, localName } from './labels.tsx';
import { useTagCategories, useTags } from './queries.ts';
import type { Tag } from './types.ts';

type Props = {
  /** The tag's key (rules refer to keys) or its id (memberships). */
  by: 'key' | 'id';
  value: string | null;
  onChange: (value: string | null) => void;
  /** Which tags may be picked. */
  filter?: (tag: Tag) => boolean;
} & Omit<SelectProps, 'data' | 'value' | 'onChange' | 'filter'>;

/** A searchable pick of a tag out of a catalogue of hundreds, grouped by category; search matches either name or the key. */
export function TagPicker({ by, value, onChange, filter, ...props }: Props) {
  const { t, i18n } = useTranslation();
  const tags = useTags();
  const categories = useTagCategories();
  const data = useMemo(() => {
    const groups = new Map<string, ComboboxItemGroup<{ value: string; label: string }>>();
    for (const tag of tags.data ?? []) {
      const chosen = String(by === 'key' ? tag.key : tag.id) === value;
      if (filter && !filter(tag) && !chosen) continue;
      const group = categoryPath(categories.data ?? [], tag.categoryId, i18n.language) || t('tags.uncategorised');
      const entry = groups.get(group) ?? { group, items: [] };
      entry.items.push({ value: String(by === 'key' ? tag.key : tag.id), label: `${localName(tag, i18n.language)} (${tag.key})` });
      groups.set(group, entry);
    }
    return [...groups.values()];
  }, [tags.data, categories.data, by, value, filter, i18n.language, t]);
  // A key no longer in the catalogue still shows, so the server's complaint about it makes sense.
  const withValue = value && !data.some((g) => g.items.some((i) => i.value === value)) ? [{ group: t('tags.unknownTag'), items: [{ value, label: value }] }, ...data] : data;
  return (
    <Select
      searchable
      data={withValue}
      value={value}
      onChange={onChange}
      limit={100}
      nothingFoundMessage={tags.isPending ? t('common.loading') : t('common.nothingFound')}
      {...props}
    />
  );
}
