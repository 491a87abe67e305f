import { useMemo } from 'react';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Grid,
  Group,
  Pagination,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconRefresh, IconSearch, IconTags } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormat } from '../../lib/format.ts';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { CategoryTree } from './CategoryTree.tsx';
import { KindBadge, categoryPath, localName, otherName, subtreeIds } from './labels.tsx';
import { useRecompute, useTagCategories, useTags } from './queries.ts';
import { TAG_KINDS, type Tag, type TagKind } from './types.ts';

const PAGE_SIZE = 50;

/** The tag catalogue: categories on the side, the tags of the chosen one with search and kind filter. */
export default function TagCatalogPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('tags.title'));
  const can = usePermissions();
  const canManage = can('tag:manage');
  const format = useFormat();
  const tags = useTags();
  const categories = useTagCategories();
  const recompute = useRecompute();
  const [params, setParams] = useSearchParams();
  const category = Number(params.get('category')) || null;
  const kindParam = params.get('kind');
  const kind = (TAG_KINDS as readonly string[]).includes(kindParam ?? '') ? (kindParam as TagKind) : null;
  const inactive = params.get('inactive') === '1';
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [search] = useDebouncedValue(q.trim().toLowerCase(), 200);

  const set = (patch: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(patch)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        // A changed filter starts again on page one.
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );

  const filtered = useMemo(() => {
    const within = category ? subtreeIds(categories.data ?? [], category) : null;
    return (tags.data ?? []).filter(
      (tag) =>
        (inactive || tag.active) &&
        (!kind || tag.kind === kind) &&
        (!within || (tag.categoryId !== null && within.has(tag.categoryId))) &&
        (!search || tag.key.includes(search) || tag.nameZh.toLowerCase().includes(search) || (tag.nameEn ?? '').toLowerCase().includes(search)),
    );
  }, [tags.data, categories.data, category, kind, inactive, search]);
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const shown = filtered.slice((Math.min(page, pages) - 1) * PAGE_SIZE, Math.min(page, pages) * PAGE_SIZE);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} fz="h2">
          {t('tags.title')}
        </Title>
        {canManage && (
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={recompute.isPending}
              onClick={() =>
                recompute.mutate(null, {
                  onSuccess: (r) => notifications.show({ color: 'teal', message: t('tags.recomputedAll', { tags: r.tags, gained: r.gained, lost: r.lost }) }),
                  onError: (error) => notifications.show({ color: 'red', message: error.message }),
                })
              }
              data-testid="recompute-all"
            >
              {t('tags.recomputeAll')}
            </Button>
            <Button component={Link} to={category ? `/tags/new?category=${category}` : '/tags/new'} leftSection={<IconPlus size={16} />} data-testid="new-tag">
              {t('tags.new')}
            </Button>
          </Group>
        )}
      </Group>
      <Text c="dimmed" size="sm" maw={760}>
        {t('tags.intro')}
      </Text>
      {(tags.error || categories.error) && <ErrorAlert error={tags.error ?? categories.error} />}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
          <Paper withBorder p="xs" component="nav" aria-label={t('tags.categories.title')}>
            {categories.data && (
              <CategoryTree
                categories={categories.data}
                total={(tags.data ?? []).filter((tag) => inactive || tag.active).length}
                selected={category}
                onSelect={(id) => set({ category: id ? String(id) : null })}
                canManage={canManage}
              />
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
          <Stack gap="sm">
            <Group gap="sm" wrap="wrap" align="flex-end">
              <TextInput
                leftSection={<IconSearch size={16} />}
                placeholder={t('tags.searchPlaceholder')}
                aria-label={t('tags.search')}
                value={q}
                onChange={(e) => set({ q: e.currentTarget.value })}
                style={{ flex: 1, minWidth: 200 }}
                data-testid="tag-search"
              />
              <SegmentedControl
                value={kind ?? 'all'}
                onChange={(value) => set({ kind: value === 'all' ? null : value })}
                data={[{ value: 'all', label: t('common.all') }, ...TAG_KINDS.map((k) => ({ value: k, label: t(`tags.kind.${k}`) }))]}
                aria-label={t('tags.fields.kind')}
                data-testid="tag-kind-filter"
              />
              <Switch label={t('tags.showInactive')} checked={inactive} onChange={(e) => set({ inactive: e.currentTarget.checked ? '1' : null })} data-testid="tag-show-inactive" />
            </Group>

            <Paper withBorder component="section" aria-label={t('tags.title')}>
              {tags.isPending && <PageLoader />}
              {tags.data && filtered.length === 0 && (
                <EmptyState py="xl" icon={<IconTags size={28} />} title={tags.data.length ? t('tags.emptyFiltered') : t('tags.empty')} description={canManage ? t('tags.emptyHint') : undefined} data-testid="tags-empty" />
              )}
              {shown.length > 0 && (
                <Table.ScrollContainer minWidth={720}>
                  <Table striped highlightOnHover verticalSpacing="xs" data-testid="tags-table">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('tags.fields.name')}</Table.Th>
                        <Table.Th scope="col">{t('tags.fields.key')}</Table.Th>
                        <Table.Th scope="col">{t('tags.fields.kind')}</Table.Th>
                        <Table.Th scope="col">{t('tags.fields.category')}</Table.Th>
                        <Table.Th scope="col" ta="right">
                          {t('tags.fields.memberCount')}
                        </Table.Th>
                        <Table.Th scope="col">
                          {t('tags.fields.computedAt')}
                        </Table.Th>
                        {canManage && (
                          <Table.Th scope="col">
                            <VisuallyHidden>{t('tags.actions')}</VisuallyHidden>
                          </Table.Th>
                        )}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {shown.map((tag) => (
                        <TagRow key={tag.id} tag={tag} category={categoryPath(categories.data ?? [], tag.categoryId, i18n.language)} canManage={canManage} format={format} />
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>
            {filtered.length > 0 && (
              <Group justify="space-between" wrap="wrap">
                <Text size="sm" c="dimmed" data-testid="tags-count">
                  {t('tags.shown', { n: format.number(filtered.length), count: filtered.length })}
                </Text>
                {pages > 1 && <Pagination total={pages} value={Math.min(page, pages)} onChange={(p) => set({ page: String(p) })} size="sm" />}
              </Group>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function TagRow({ tag, category, canManage, format }: { tag: Tag; category: string; canManage: boolean; format: ReturnType<typeof useFormat> }) {
  const { t, i18n } = useTranslation();
  const other = otherName(tag, i18n.language);
  return (
    <Table.Tr data-testid="tag-row" data-key={tag.key} data-active={tag.active} c={tag.active ? undefined : 'dimmed'}>
      <Table.Td miw={160}>
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/tags/${tag.id}`} size="sm" fw={500} data-testid="tag-name">
            {localName(tag, i18n.language)}
          </Anchor>
          {/* Only the exception is marked: most tags are active. */}
          {!tag.active && (
            <Badge variant="outline" color="gray" size="xs" miw="max-content" data-testid="tag-inactive">
              {t('tags.inactive')}
            </Badge>
          )}
        </Group>
        {other && (
          <Text size="xs" c="dimmed">
            {other}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="xs" className="mono">
          {tag.key}
        </Text>
      </Table.Td>
      <Table.Td>
        <KindBadge kind={tag.kind} />
      </Table.Td>
      <Table.Td maw={160}>
        <Text size="sm" truncate title={category}>
          {category || '—'}
        </Text>
      </Table.Td>
      <Table.Td ta="right" data-testid="tag-member-count">
        {format.number(tag.memberCount)}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {tag.kind === 'rule' && tag.computedAt ? (
          <Text size="sm" title={format.dateTime(tag.computedAt)}>
            {format.relative(tag.computedAt)}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      {canManage && (
        <Table.Td>
          <Tooltip label={t('tags.editNamed', { name: localName(tag, i18n.language) })}>
            <ActionIcon component={Link} to={`/tags/${tag.id}/edit`} variant="subtle" aria-label={t('tags.editNamed', { name: localName(tag, i18n.language) })} data-testid="edit-tag">
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
