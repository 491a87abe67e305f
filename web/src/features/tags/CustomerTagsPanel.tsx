import { useState } from 'react';
import { Badge, Button, CloseButton, Divider, Group, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMinus, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.ts';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert } from '../../app/components.tsx';
import type { CustomerPanelProps } from '../customers/panels.ts';
import { KIND_COLORS, categoryPath, localName } from './labels.tsx';
import { useCustomerTags, useSetCustomerTag, useTagCategories, useTags } from './queries.ts';
import { TagPicker } from './TagPicker.tsx';
import type { CustomerTag, TagHistoryEntry } from './types.ts';

const HISTORY_SHOWN = 5;

/** The customer's tags by category, setting and removing manual ones, and what was gained or lost when. */
export function CustomerTagsPanel({ customer }: CustomerPanelProps) {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const data = useCustomerTags(customer.id);
  const categories = useTagCategories();
  const canAssign = can('tag:assign');
  // The catalogue is only needed to add tags.
  const catalogue = useTags(canAssign);
  const setTag = useSetCustomerTag(customer.id);
  const [picked, setPicked] = useState<string | null>(null);

  if (data.isPending) return <Skeleton height={60} />;
  if (data.error) return <ErrorAlert error={data.error} />;
  const { tags, history } = data.data;
  const has = new Set(tags.map((tag) => tag.id));

  // Grouped by category path, in the server's order (category, then name).
  const groups = new Map<string, CustomerTag[]>();
  for (const tag of tags) {
    const name = categoryPath(categories.data ?? [], tag.categoryId, i18n.language) || t('tags.uncategorised');
    groups.set(name, [...(groups.get(name) ?? []), tag]);
  }

  const change = (tagId: number, on: boolean, name: string) =>
    setTag.mutate(
      { tagId, on },
      {
        onSuccess: () => {
          setPicked(null);
          notifications.show({ color: 'teal', message: t(on ? 'tags.panel.added' : 'tags.panel.removed', { name }) });
        },
      },
    );

  return (
    <Stack gap="sm" data-testid="customer-tags">
      {tags.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="customer-tags-empty">
          {t('tags.panel.none')}
        </Text>
      )}
      {[...groups].map(([group, items]) => (
        <Stack key={group} gap={4} data-testid="customer-tag-group">
          <Text size="xs" c="dimmed">
            {group}
          </Text>
          <Group gap={6}>
            {items.map((tag) => {
              const name = localName(tag, i18n.language);
              const removable = canAssign && tag.kind !== 'rule';
              return (
                <Tooltip key={tag.id} label={t(`tags.panel.setBy.${tag.kind}`)} openDelay={400}>
                  <Badge
                    variant="light"
                    color={KIND_COLORS[tag.kind]}
                    size="lg"
                    tt="none"
                    fw={500}
                    data-testid="customer-tag"
                    data-key={tag.key}
                    data-kind={tag.kind}
                    rightSection={
                      removable ? (
                        <CloseButton
                          size="xs"
                          variant="transparent"
                          aria-label={t('tags.panel.remove', { name })}
                          onClick={() => change(tag.id, false, name)}
                          disabled={setTag.isPending}
                          data-testid="remove-customer-tag"
                        />
                      ) : undefined
                    }
                  >
                    {name}
                  </Badge>
                </Tooltip>
              );
            })}
          </Group>
        </Stack>
      ))}
      {setTag.error && <ErrorAlert error={setTag.error} />}
      {canAssign && (
        <TagPicker
          by="id"
          value={picked}
          onChange={(value) => {
            setPicked(value);
            if (!value) return;
            const tag = catalogue.data?.find((x) => x.id === Number(value));
            change(Number(value), true, tag ? localName(tag, i18n.language) : value);
          }}
          filter={(tag) => tag.active && tag.kind !== 'rule' && !has.has(tag.id)}
          placeholder={t('tags.panel.addPlaceholder')}
          aria-label={t('tags.panel.add')}
          leftSection={<IconPlus size={14} />}
          disabled={setTag.isPending}
          size="sm"
          data-testid="add-customer-tag"
        />
      )}
      <TagHistory history={history} />
    </Stack>
  );
}

function TagHistory({ history }: { history: TagHistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [all, setAll] = useState(false);
  if (history.length === 0) return null;
  const shown = all ? history : history.slice(0, HISTORY_SHOWN);
  return (
    <>
      <Divider label={t('tags.panel.history')} labelPosition="left" />
      <Stack gap={6} data-testid="customer-tag-history">
        {shown.map((entry) => {
          const gained = entry.change === 'gained';
          return (
            <Group key={entry.id} gap={8} wrap="nowrap" align="flex-start" data-testid="tag-history-entry" data-change={entry.change} data-source={entry.source}>
              {gained ? <IconPlus size={14} color="var(--mantine-color-teal-7)" style={{ marginTop: 3, flexShrink: 0 }} /> : <IconMinus size={14} color="var(--mantine-color-red-7)" style={{ marginTop: 3, flexShrink: 0 }} />}
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm">
                  {t(gained ? 'tags.panel.gained' : 'tags.panel.lost', { name: localName(entry, i18n.language) })}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`tags.source.${entry.source}` as 'tags.source.manual', { defaultValue: entry.source })}
                  {entry.actorName ? ` · ${entry.actorName}` : ''} ·{' '}
                  <time dateTime={entry.at} title={format.dateTime(entry.at)}>
                    {format.relative(entry.at)}
                  </time>
                </Text>
              </Stack>
            </Group>
          );
        })}
      </Stack>
      {history.length > HISTORY_SHOWN && (
        <Button variant="subtle" size="xs" onClick={() => setAll((v) => !v)} data-testid="tag-history-toggle" style={{ alignSelf: 'flex-start' }}>
          {all ? t('tags.panel.historyLess') : t('tags.panel.historyAll', { n: history.length })}
        </Button>
      )}
    </>
  );
}
