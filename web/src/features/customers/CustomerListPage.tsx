import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  Anchor,
  Box,
  Button,
  Collapse,
  EmptyState,
  Group,
  LoadingOverlay,
  Menu,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAdjustments, IconChevronDown, IconChevronLeft, IconChevronRight, IconDownload, IconFilterOff, IconPlus, IconSearch, IconUsers } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, StatusBadge, usePageTitle } from '../../app/components.tsx';
import { useFormat } from '../../lib/format.ts';
import {
  CUSTOMER_KINDS,
  CUSTOMER_STATUSES,
  SORTS,
  type CustomerListFilter,
} from '../../lib/types.ts';
import { OrgUnitSelect } from './OrgUnitSelect.tsx';
import { exportUrl, useCustomerList, useOrgUnits } from './queries.ts';

const PAGE_SIZES = ['20', '50', '100'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.includes(value as T) ? (value as T) : undefined;
}

/** The filter lives in the address, so a filtered list can be bookmarked, shared and reloaded. */
function filterFrom(params: URLSearchParams): CustomerListFilter {
  const orgUnitId = Number(params.get('orgUnitId'));
  const date = (key: string) => {
    const value = params.get(key);
    return value && DATE.test(value) ? value : undefined;
  };
  return {
    q: params.get('q')?.trim() || undefined,
    kind: oneOf(CUSTOMER_KINDS, params.get('kind')),
    status: oneOf(CUSTOMER_STATUSES, params.get('status')),
    orgUnitId: Number.isSafeInteger(orgUnitId) && orgUnitId > 0 ? orgUnitId : undefined,
    createdFrom: date('createdFrom'),
    createdTo: date('createdTo'),
    sort: oneOf(SORTS, params.get('sort')) ?? '-createdAt',
  };
}

export default function CustomerListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFrom(params), [params]);
  const limit = Number(oneOf(PAGE_SIZES, params.get('limit')) ?? 20);
  const filterKey = JSON.stringify([filter, limit]);
  const orgUnits = useOrgUnits();
  usePageTitle(t('customers.list.title'));

  // Keyset paging: the cursors of the pages before this one, so "previous" can go back.
  const [paging, setPaging] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: filterKey, cursors: [undefined] });
  const cursors = paging.key === filterKey ? paging.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];
  const list = useCustomerList(filter, cursor, limit);
  const page = list.data;

  const [q, setQ] = useState(filter.q ?? '');
  useEffect(() => setQ(filter.q ?? ''), [filter.q]);

  function update(changes: Record<string, string | null | undefined>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: false });
  }

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    update({ q: q.trim() || null });
  }

  const activeFilters = [filter.kind, filter.status, filter.orgUnitId, filter.createdFrom, filter.createdTo].filter(Boolean).length;
  const hasFilter = Boolean(filter.q) || activeFilters > 0;
  // Filters beyond the search box start open on wide screens, folded on phones.
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [moreChoice, setMoreOpen] = useState<boolean | null>(null);
  const moreOpen = moreChoice ?? !phone;
  const pageNumber = cursors.length;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} fz="h2">
          {t('customers.list.title')}
        </Title>
        <Group gap="xs">
          {can('customer:export') && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} data-testid="export-menu">
                  {t('customers.list.export')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('customers.list.exportHint')}</Menu.Label>
                <Menu.Item component="a" href={exportUrl(filter, 'csv')} download data-testid="export-csv">
                  {t('customers.list.exportCsv')}
                </Menu.Item>
                <Menu.Item component="a" href={exportUrl(filter, 'xlsx')} download data-testid="export-xlsx">
                  {t('customers.list.exportXlsx')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
          {can('customer:create') && (
            <Button component={Link} to="/customers/new" leftSection={<IconPlus size={16} />}>
              {t('customers.list.new')}
            </Button>
          )}
        </Group>
      </Group>

      <Paper withBorder p="md" component="section" aria-label={t('customers.filter.label')}>
        <form onSubmit={submitSearch} role="search">
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <TextInput
              label={t('customers.filter.q')}
              placeholder={t('customers.filter.qPlaceholder')}
              value={q}
              onChange={(event) => setQ(event.currentTarget.value)}
              onBlur={() => q.trim() !== (filter.q ?? '') && update({ q: q.trim() || null })}
              leftSection={<IconSearch size={16} />}
              type="search"
              data-testid="filter-q"
              style={{ flex: 1, maxWidth: 480 }}
            />
            <Button type="submit">{t('customers.filter.apply')}</Button>
            <Button
              variant="subtle"
              leftSection={<IconAdjustments size={16} />}
              onClick={() => setMoreOpen(!moreOpen)}
              aria-expanded={moreOpen}
              aria-controls="more-filters"
              data-testid="toggle-filters"
              visibleFrom="xs"
            >
              {moreOpen ? t('customers.filter.fewer') : activeFilters > 0 ? t('customers.filter.moreActive', { n: activeFilters }) : t('customers.filter.more')}
            </Button>
          </Group>
          <Button
            variant="subtle"
            size="compact-sm"
            mt="xs"
            leftSection={<IconAdjustments size={16} />}
            onClick={() => setMoreOpen(!moreOpen)}
            aria-expanded={moreOpen}
            aria-controls="more-filters"
            hiddenFrom="xs"
          >
            {moreOpen ? t('customers.filter.fewer') : activeFilters > 0 ? t('customers.filter.moreActive', { n: activeFilters }) : t('customers.filter.more')}
          </Button>
          <Collapse expanded={moreOpen} id="more-filters">
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="sm" verticalSpacing="sm" mt="sm">
              <Select
                label={t('customers.filter.status')}
                placeholder={t('common.all')}
                data={CUSTOMER_STATUSES.map((s) => ({ value: s, label: t(`customer.status.${s}`) }))}
                value={filter.status ?? null}
                onChange={(value) => update({ status: value })}
                clearable
                data-testid="filter-status"
              />
              <Select
                label={t('customers.filter.kind')}
                placeholder={t('common.all')}
                data={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`customer.kind.${k}`) }))}
                value={filter.kind ?? null}
                onChange={(value) => update({ kind: value })}
                clearable
                data-testid="filter-kind"
              />
              <OrgUnitSelect
                label={t('customers.filter.orgUnit')}
                placeholder={t('customers.filter.orgUnitPlaceholder')}
                units={orgUnits.data ?? []}
                value={filter.orgUnitId ? String(filter.orgUnitId) : null}
                onChange={(value) => update({ orgUnitId: value })}
                data-testid="filter-org-unit"
              />
              <Select
                label={t('customers.filter.sort')}
                data={SORTS.map((s) => ({ value: s, label: t(`customers.sort.${s}`) }))}
                value={filter.sort ?? '-createdAt'}
                onChange={(value) => update({ sort: value === '-createdAt' ? null : value })}
                allowDeselect={false}
                data-testid="filter-sort"
              />
              <TextInput
                type="date"
                label={t('customers.filter.createdFrom')}
                value={filter.createdFrom ?? ''}
                max={filter.createdTo}
                onChange={(event) => update({ createdFrom: event.currentTarget.value })}
                data-testid="filter-created-from"
              />
              <TextInput
                type="date"
                label={t('customers.filter.createdTo')}
                value={filter.createdTo ?? ''}
                min={filter.createdFrom}
                onChange={(event) => update({ createdTo: event.currentTarget.value })}
                data-testid="filter-created-to"
              />
              <Group align="flex-end">
                <Button
                  variant="default"
                  leftSection={<IconFilterOff size={16} />}
                  disabled={!hasFilter}
                  onClick={() => {
                    setQ('');
                    setParams(new URLSearchParams(filter.sort && filter.sort !== '-createdAt' ? { sort: filter.sort } : {}));
                  }}
                  data-testid="reset-filters"
                >
                  {t('customers.filter.reset')}
                </Button>
              </Group>
            </SimpleGrid>
          </Collapse>
        </form>
      </Paper>

      {list.error && <ErrorAlert error={list.error} />}

      <Paper withBorder pos="relative" component="section" aria-label={t('customers.list.results')} aria-busy={list.isFetching}>
        <LoadingOverlay visible={list.isFetching && !list.isPending} zIndex={5} overlayProps={{ blur: 0, backgroundOpacity: 0.4 }} loaderProps={{ size: 'sm' }} />
        <Group justify="space-between" px="md" py="sm" wrap="wrap" gap="xs">
          <Text size="sm" c="dimmed" data-testid="list-total" aria-live="polite">
            {page
              ? page.totalIsEstimate
                ? t('customers.list.totalEstimate', { n: format.number(page.total) })
                : t('customers.list.total', { n: format.number(page.total) })
              : t('common.loading')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('customers.list.page', { page: format.number(pageNumber) })}
          </Text>
        </Group>
        {phone ? (
          <Stack gap={0} data-testid="customer-table" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {page?.items.map((customer) => (
              <Box
                component="li"
                key={customer.id}
                px="md"
                py="sm"
                data-testid="customer-row"
                style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
              >
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                  <Anchor component={Link} to={`/customers/${customer.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {customer.name}
                  </Anchor>
                  <StatusBadge status={customer.status} />
                </Group>
                <Text size="xs" c="dimmed" mt={2}>
                  <span className="mono">{customer.code}</span> · {t(`customer.kind.${customer.kind}`)}
                  {customer.mobile ? <> · <span className="mono">{customer.mobile}</span></> : null}
                </Text>
                <Text size="xs" c="dimmed">
                  {[customer.orgUnitName, customer.ownerName, format.date(customer.createdAt)].filter(Boolean).join(' · ')}
                </Text>
              </Box>
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="customer-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>{t('customer.fields.code')}</Table.Th>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>{t('customer.fields.name')}</Table.Th>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>{t('customer.fields.status')}</Table.Th>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>{t('customer.fields.mobile')}</Table.Th>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>{t('customer.fields.orgUnit')}</Table.Th>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>{t('customer.fields.owner')}</Table.Th>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>{t('customer.fields.createdAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.isPending &&
                  Array.from({ length: 5 }, (_, i) => (
                    <Table.Tr key={i} aria-hidden>
                      <Table.Td colSpan={7}>
                        <Text c="dimmed" size="sm">
                          &nbsp;
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                {page?.items.map((customer) => (
                  <Table.Tr key={customer.id} data-testid="customer-row">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor component={Link} to={`/customers/${customer.id}`} className="mono" size="sm">
                        {customer.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td miw={180}>
                      <Anchor component={Link} to={`/customers/${customer.id}`} size="sm" fw={500} tabIndex={-1}>
                        {customer.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {t(`customer.kind.${customer.kind}`)}
                        {customer.nameEn ? ` · ${customer.nameEn}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <StatusBadge status={customer.status} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" className="mono">
                        {customer.mobile ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{customer.orgUnitName ?? ''}</Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{customer.ownerName ?? ''}</Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{format.date(customer.createdAt)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {page && page.items.length === 0 && (
          <EmptyState
            py="xl"
            icon={<IconUsers size={28} />}
            title={hasFilter ? t('customers.list.emptyFiltered') : t('customers.list.empty')}
            description={hasFilter ? t('customers.list.emptyFilteredHint') : t('customers.list.emptyHint')}
            data-testid="list-empty"
          >
            <Group justify="center" mt="sm">
              {hasFilter && (
                <Button variant="default" onClick={() => setParams(new URLSearchParams())}>
                  {t('customers.filter.reset')}
                </Button>
              )}
              {can('customer:create') && (
                <Button component={Link} to="/customers/new" leftSection={<IconPlus size={16} />}>
                  {t('customers.list.new')}
                </Button>
              )}
            </Group>
          </EmptyState>
        )}
        <Group justify="space-between" px="md" py="sm" wrap="wrap" gap="xs">
          <Select
            aria-label={t('customers.list.pageSize')}
            data={PAGE_SIZES.map((size) => ({ value: size, label: t('customers.list.perPage', { n: size }) }))}
            value={String(limit)}
            onChange={(value) => update({ limit: value === '20' ? null : value })}
            allowDeselect={false}
            w={140}
            size="xs"
          />
          <Group gap="xs">
            <Button
              variant="default"
              size="sm"
              leftSection={<IconChevronLeft size={16} />}
              disabled={cursors.length <= 1}
              onClick={() => setPaging({ key: filterKey, cursors: cursors.slice(0, -1) })}
              data-testid="page-previous"
            >
              {t('customers.list.previous')}
            </Button>
            <Button
              variant="default"
              size="sm"
              rightSection={<IconChevronRight size={16} />}
              disabled={!page?.nextCursor || list.isPlaceholderData}
              onClick={() => page?.nextCursor && setPaging({ key: filterKey, cursors: [...cursors, page.nextCursor] })}
              data-testid="page-next"
            >
              {t('customers.list.next')}
            </Button>
          </Group>
        </Group>
      </Paper>
    </Stack>
  );
}
