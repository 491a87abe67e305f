import { useState } from 'react';
import { Anchor, Button, Checkbox, EmptyState, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBook2, IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { useFormat } from '../../lib/format.ts';
import { ArticleStatusBadge, categoryOptions, localText } from './labels.tsx';
import { useArticleSearch, useTicketCategories } from './queries.ts';

/** The knowledge base: cases and experience shared across departments, searched by any words of them. */
export default function KbListPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('kb.title'));
  const format = useFormat();
  const can = usePermissions();
  const canManage = can('ticket:manage');
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q, 300);
  const categoryId = Number(params.get('category')) || null;
  const drafts = canManage && params.get('drafts') === '1';
  const categories = useTicketCategories();
  const options = categoryOptions(categories.data ?? [], i18n.language);
  const names = new Map(options.map((o) => [o.category.id, o.label]));
  const results = useArticleSearch(debounced, categoryId, drafts);

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} fz="h2">
          {t('kb.title')}
        </Title>
        {canManage && (
          <Button component={Link} to="/kb/new" leftSection={<IconPlus size={16} />} data-testid="kb-new">
            {t('kb.new')}
          </Button>
        )}
      </Group>
      <Text c="dimmed" size="sm" maw={760}>
        {t('kb.intro')}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          flex="1 1 280px"
          leftSection={<IconSearch size={16} />}
          label={t('kb.search')}
          placeholder={t('kb.searchPlaceholder')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setParam('q', e.currentTarget.value.trim() || null);
          }}
          data-testid="kb-search"
        />
        <Select
          w={{ base: '100%', xs: 280 }}
          label={t('kb.fields.category')}
          placeholder={t('kb.allCategories')}
          data={options.map((o) => ({ value: o.value, label: o.label }))}
          value={categoryId ? String(categoryId) : null}
          onChange={(value) => setParam('category', value)}
          clearable
          searchable
          data-testid="kb-category-filter"
        />
        {canManage && <Checkbox label={t('kb.showDrafts')} checked={drafts} onChange={(e) => setParam('drafts', e.currentTarget.checked ? '1' : null)} mb={8} data-testid="kb-drafts" />}
      </Group>
      {results.error && <ErrorAlert error={results.error} />}
      {results.isPending && <PageLoader />}
      {results.data && results.data.length === 0 && (
        <Paper withBorder>
          <EmptyState py="xl" icon={<IconBook2 size={28} />} title={debounced.trim() || categoryId ? t('kb.noMatch') : t('kb.empty')} description={canManage ? t('kb.emptyHint') : undefined} data-testid="kb-empty" />
        </Paper>
      )}
      {results.data && results.data.length > 0 && (
        <Stack gap="sm" data-testid="kb-results" aria-busy={results.isFetching}>
          {results.data.map((a) => (
            <Paper key={a.id} withBorder p="md" component="article" data-testid="kb-hit" data-id={a.id}>
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <Anchor component={Link} to={`/kb/${a.id}`} fw={600} data-testid="kb-hit-title">
                  {localText(a.titleZh, a.titleEn, i18n.language)}
                </Anchor>
                {a.status !== 'published' && <ArticleStatusBadge status={a.status} size="sm" />}
              </Group>
              <Text size="sm" c="dimmed" lineClamp={2} mt={4}>
                {localText(a.excerptZh, a.excerptEn, i18n.language)}
              </Text>
              <Group gap="md" mt={6}>
                {a.categoryId && names.get(a.categoryId) && (
                  <Text size="xs" c="dimmed">
                    {names.get(a.categoryId)}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {t('kb.updated', { at: format.date(a.updatedAt) })}
                </Text>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
