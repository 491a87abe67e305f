import { Group, Pill } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';

type Named = { nameZh: string; nameEn: string | null };

/** The name of the tag or segment the list is narrowed to; the same keys as those pages, so one answer serves both. */
function useNamed(kind: 'tags' | 'segments', id: number | undefined) {
  return useQuery({
    queryKey: [kind, 'one', id ?? 0],
    queryFn: ({ signal }) => api.get<Named>(`/${kind}/${id}`, undefined, signal),
    enabled: Boolean(id),
    retry: false,
    staleTime: 60_000,
  });
}

/** "Segment: women 28-60 ×": the filters that arrive by link from a tag or segment, each removable. */
export function MembershipChips({ tagId, segmentId, onRemove }: { tagId?: number; segmentId?: number; onRemove: (param: 'tagId' | 'segmentId') => void }) {
  const { t, i18n } = useTranslation();
  const tag = useNamed('tags', tagId);
  const segment = useNamed('segments', segmentId);
  const name = (item: Named | undefined, id: number) => (item ? (i18n.language === 'en' && item.nameEn ? item.nameEn : item.nameZh) : `#${id}`);
  const chips = [
    ...(tagId ? [{ param: 'tagId' as const, label: t('customers.filter.tagChip', { name: name(tag.data, tagId) }) }] : []),
    ...(segmentId ? [{ param: 'segmentId' as const, label: t('customers.filter.segmentChip', { name: name(segment.data, segmentId) }) }] : []),
  ];
  if (chips.length === 0) return null;
  return (
    <Group gap="xs" mt="sm" data-testid="membership-chips">
      {chips.map((chip) => (
        <Pill
          key={chip.param}
          size="md"
          withRemoveButton
          onRemove={() => onRemove(chip.param)}
          // Pills hide their remove button from keyboards and screen readers (they are made for inputs); here it is the only way to remove the filter.
          removeButtonProps={{ 'aria-hidden': false, tabIndex: 0, 'aria-label': t('customers.filter.removeChip', { label: chip.label }) }}
          data-testid="membership-chip"
          data-param={chip.param}
        >
          {chip.label}
        </Pill>
      ))}
    </Group>
  );
}
