import { useDeferredValue, useMemo } from 'react';
import { Badge, Button, Chip, CloseButton, EmptyState, Group, Highlight, Paper, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconBook2, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert, usePageTitle } from '../../app/components.tsx';
import { api } from '../../lib/api.ts';
import type { DictionaryEntry } from './types.ts';

/** The records the dictionary describes, in the order people meet them; 'custom' picks the custom fields. */
const ENTITIES = ['customer', 'contact', 'holding', 'transaction'] as const;
const FILTERS = ['all', ...ENTITIES, 'custom'] as const;
type Filter = (typeof FILTERS)[number];
const isFilter = (value: string | null): value is Filter => (FILTERS as readonly string[]).includes(value ?? '');

const ENTITY_COLORS: Record<string, string> = { customer: 'blue', contact: 'cyan', holding: 'teal', transaction: 'grape' };

function useDictionary() {
  return useQuery({
    queryKey: ['data-dictionary'] as const,
    queryFn: ({ signal }) => api.get<DictionaryEntry[]>('/data-dictionary', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** Lower case without spaces, so "id number" finds "ID number" and "idNumber". */
const fold = (text: string | null | undefined) => (text ?? '').toLocaleLowerCase().replace(/\s+/g, '');

/** Every field of customers, contacts, holdings and transactions, and the custom fields: meaning and source. */
export default function DictionaryPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('dictionary.title'));
  const en = i18n.language === 'en';
  const dictionary = useDictionary();
  // The search and filter live in the address, so a link to "the mobile field" can be shared.
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const entityParam = params.get('entity');
  const filter: Filter = isFilter(entityParam) ? entityParam : 'all';
  const search = useDeferredValue(q);

  const update = (changes: Record<string, string>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value && !(key === 'entity' && value === 'all')) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const pick = (zh: string | null, english: string | null) => (en ? english || zh : zh || english) ?? '';
  const other = (zh: string | null, english: string | null) => (en ? zh : english) ?? '';

  const entries = dictionary.data;
  const shown = useMemo(() => {
    if (!entries) return [];
    const needle = fold(search);
    const order = (entity: string) => {
      const index = (ENTITIES as readonly string[]).indexOf(entity);
      return index < 0 ? ENTITIES.length : index;
    };
    return entries
      .filter((e) => (filter === 'all' ? true : filter === 'custom' ? e.custom : e.entity === filter))
      // Both languages are searched: a bilingual team types whichever comes to mind.
      .filter((e) => !needle || [e.field, e.labelZh, e.labelEn, e.meaningZh, e.meaningEn, e.sourceZh, e.sourceEn].some((text) => fold(text).includes(needle)))
      .map((e, i) => ({ e, i }))
      .sort((a, b) => order(a.e.entity) - order(b.e.entity) || Number(a.e.custom) - Number(b.e.custom) || a.i - b.i)
      .map(({ e }) => e);
  }, [entries, filter, search]);

  const count = (f: Filter) => (entries ?? []).filter((e) => (f === 'all' ? true : f === 'custom' ? e.custom : e.entity === f)).length;
  const entityLabel = (entity: string) => t(`dictionary.entity.${entity}` as 'dictionary.entity.customer', { defaultValue: entity });
  const words = q.trim() ? [q.trim()] : [];

  return (
    <Stack gap="md" data-testid="dictionary">
      <div>
        <Title order={1} fz="h2">
          {t('dictionary.title')}
        </Title>
        <Text c="dimmed" size="sm" maw={760}>
          {t('dictionary.intro')}
        </Text>
      </div>
      <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
        <Stack gap="sm">
          <TextInput
            label={t('dictionary.search')}
            placeholder={t('dictionary.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            rightSection={q ? <CloseButton size="sm" aria-label={t('dictionary.clear')} onClick={() => update({ q: '' })} /> : null}
            value={q}
            onChange={(event) => update({ q: event.currentTarget.value })}
            maw={420}
            data-testid="dictionary-search"
          />
          <Chip.Group multiple={false} value={filter} onChange={(value) => update({ entity: value })}>
            <Group gap={6} wrap="wrap" role="radiogroup" aria-label={t('dictionary.filter')} data-testid="dictionary-filter">
              {FILTERS.map((f) => (
                <Chip key={f} value={f} size="sm" variant="outline" wrapperProps={{ 'data-testid': `dictionary-filter-${f}` }}>
                  {f === 'all' ? t('common.all') : t(`dictionary.entity.${f}`)}
                  {entries ? ` (${count(f)})` : ''}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
      </Paper>

      {dictionary.isPending ? (
        <Stack gap="xs" aria-busy>
          <Skeleton height={28} />
          <Skeleton height={28} />
          <Skeleton height={28} />
        </Stack>
      ) : dictionary.error ? (
        <ErrorAlert error={dictionary.error} />
      ) : shown.length === 0 ? (
        <EmptyState
          py="xl"
          icon={<IconBook2 size={24} />}
          title={t('dictionary.empty')}
          description={t('dictionary.emptyHint')}
          data-testid="dictionary-empty"
        >
          <Button variant="default" mt="sm" onClick={() => update({ q: '', entity: 'all' })}>
            {t('dictionary.showAll')}
          </Button>
        </EmptyState>
      ) : (
        <Paper withBorder>
          <Text size="xs" c="dimmed" px="md" pt="sm" aria-live="polite" data-testid="dictionary-count">
            {t('dictionary.count', { n: shown.length, total: entries?.length ?? 0 })}
          </Text>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" horizontalSpacing="md" striped data-testid="dictionary-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w="24%">
                    {t('dictionary.columns.field')}
                  </Table.Th>
                  <Table.Th scope="col" w={110}>
                    {t('dictionary.columns.entity')}
                  </Table.Th>
                  <Table.Th scope="col">{t('dictionary.columns.meaning')}</Table.Th>
                  <Table.Th scope="col" w="22%">
                    {t('dictionary.columns.source')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((e) => (
                  <Table.Tr key={`${e.entity}.${e.field}`} data-testid="dictionary-row" data-entity={e.entity} data-field={e.field} data-custom={e.custom || undefined}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap" align="baseline">
                        <Highlight highlight={words} size="sm" fw={600} component="span" data-testid="dictionary-label">
                          {pick(e.labelZh, e.labelEn)}
                        </Highlight>
                        {e.custom && (
                          <Badge size="xs" variant="light" color="orange" miw="max-content">
                            {t('dictionary.custom')}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed" lang={en ? 'zh-CN' : 'en'}>
                        {other(e.labelZh, e.labelEn)}
                      </Text>
                      <Text size="xs" c="dimmed" className="mono">
                        {e.field}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={ENTITY_COLORS[e.entity] ?? 'gray'} miw="max-content">
                        {entityLabel(e.entity)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {pick(e.meaningZh, e.meaningEn) ? (
                        <Highlight highlight={words} size="sm" data-testid="dictionary-meaning">
                          {pick(e.meaningZh, e.meaningEn)}
                        </Highlight>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {pick(e.sourceZh, e.sourceEn)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
