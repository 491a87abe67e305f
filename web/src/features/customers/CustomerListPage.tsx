import { Fragment, useCallback, useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import {
  Anchor,
  Badge,
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
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconAdjustments,
  IconChevronDown,
  IconChevronLeft,
  IconChevronRight,
  IconDownload,
  IconFilterOff,
  IconPlus,
  IconRestore,
  IconSearch,
  IconUsers,
} from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePermissions } from '../../app/auth.tsx';
import { customerUnitLabel, ErrorAlert, StatusBadge, usePageTitle } from '../../app/components.tsx';
import { DayInput } from '../../app/DayInput.tsx';
import { api } from '../../lib/api.ts';
import { formatMobile, useFormat, type Formatters } from '../../lib/format.ts';
import { CUSTOMER_KINDS, CUSTOMER_STATUSES, SORTS, type Customer, type CustomField } from '../../lib/types.ts';
import { ColumnChooser, type ColumnOption } from './ColumnChooser.tsx';
import { CustomFieldFilter } from './CustomFieldFilter.tsx';
import { MembershipChips } from './MembershipChips.tsx';
import { customFieldLabel, customValueText } from './fieldText.ts';
import { BUILTIN_COLUMNS, columnsFrom, DEFAULT_COLUMNS, DEFAULT_SORT, filterFrom, limitFrom, PAGE_SIZES, sameColumns } from './listState.ts';
import { OrgUnitSelect } from './OrgUnitSelect.tsx';
import { customerKeys, exportUrl, useCustomerList, useCustomFields, useOrgUnits } from './queries.ts';
import { SavedViews } from './SavedViews.tsx';
import { UserSelect } from './UserSelect.tsx';
import { addressNow } from '../../lib/address-filter.ts';

interface Column extends ColumnOption {
  /** Table cell content. */
  cell: (customer: Customer) => ReactNode;
  /** Plain text, for the phone layout's summary lines. */
  text: (customer: Customer) => string;
  nowrap?: boolean;
}

type T = TFunction;

function columnDefs(t: T, format: Formatters, fields: CustomField[], locale: string): Column[] {
  const choice = (prefix: 'size' | 'channel', value: string | null) =>
    value ? t(`customer.${prefix}.${value}` as 'customer.size.small', { defaultValue: value }) : '';
  const plain = (id: (typeof BUILTIN_COLUMNS)[number], text: (c: Customer) => string, mono = false): Column => ({
    id,
    label: t(`customer.fields.${id}`),
    text,
    cell: (c) => (
      <Text size="sm" className={mono ? 'mono' : undefined}>
        {text(c)}
      </Text>
    ),
    nowrap: true,
  });
  const builtins: Column[] = [
    {
      id: 'code',
      label: t('customer.fields.code'),
      text: (c) => c.code,
      cell: (c) =>
        c.deletedAt ? (
          <Text size="sm" className="mono">
            {c.code}
          </Text>
        ) : (
          <Anchor component={Link} to={`/customers/${c.id}`} className="mono" size="sm" tabIndex={-1}>
            {c.code}
          </Anchor>
        ),
      nowrap: true,
    },
    {
      id: 'name',
      label: t('customer.fields.name'),
      text: (c) => c.name,
      cell: (c) => (
        <>
          {c.deletedAt ? (
            <Text size="sm" fw={500}>
              {c.name}
            </Text>
          ) : (
            <Anchor component={Link} to={`/customers/${c.id}`} size="sm" fw={500}>
              {c.name}
            </Anchor>
          )}
          <Text size="xs" c="dimmed">
            {t(`customer.kind.${c.kind}`)}
            {c.nameEn ? ` · ${c.nameEn}` : ''}
          </Text>
        </>
      ),
    },
    plain('kind', (c) => t(`customer.kind.${c.kind}`)),
    { id: 'status', label: t('customer.fields.status'), text: (c) => t(`customer.status.${c.status}` as 'customer.status.active', { defaultValue: c.status }), cell: (c) => <StatusBadge status={c.status} />, nowrap: true },
    plain('mobile', (c) => formatMobile(c.mobile), true),
    plain('phone', (c) => c.phone ?? '', true),
    plain('email', (c) => c.email ?? ''),
    plain('orgUnit', (c) => customerUnitLabel(c)),
    plain('owner', (c) => c.ownerName ?? ''),
    plain('industry', (c) => c.industry ?? ''),
    plain('size', (c) => choice('size', c.size)),
    plain('sourceChannel', (c) => choice('channel', c.sourceChannel)),
    plain('postalCode', (c) => c.postalCode ?? '', true),
    plain('createdAt', (c) => format.date(c.createdAt)),
    plain('updatedAt', (c) => format.date(c.updatedAt)),
  ];
  const custom = fields.map((field): Column => {
    const text = (c: Customer) => customValueText(field, c.custom[field.key], format, t('common.yes'), t('common.no'));
    return { id: `custom.${field.key}`, label: customFieldLabel(field, locale), text, cell: (c) => <Text size="sm">{text(c)}</Text> };
  });
  return [...builtins, ...custom];
}

function RestoreButton({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const restore = useMutation({
    mutationFn: () => api.post<Customer>(`/customers/${customer.id}/restore`),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('customer.restore.done', { name: customer.name }) });
      await queryClient.invalidateQueries({ queryKey: customerKeys.all });
    },
    onError: (error) => notifications.show({ color: 'red', title: t('customer.restore.failed'), message: error instanceof Error ? error.message : '' }),
  });
  if (customer.mergedIntoId) {
    return (
      <Anchor component={Link} to={`/customers/${customer.mergedIntoId}`} size="xs" data-testid="merged-into">
        {t('customers.deleted.mergedInto')}
      </Anchor>
    );
  }
  return (
    <Button
      size="compact-sm"
      variant="light"
      leftSection={<IconRestore size={14} />}
      loading={restore.isPending}
      onClick={() => restore.mutate()}
      aria-label={t('customer.restore.labelFor', { name: customer.name })}
      data-testid="restore-customer"
    >
      {t('customer.restore.action')}
    </Button>
  );
}

export default function CustomerListPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFrom(params), [params]);
  const limit = limitFrom(params);
  const filterKey = JSON.stringify([filter, limit]);
  const orgUnits = useOrgUnits();
  const customFields = useCustomFields();
  const fields = useMemo(() => customFields.data ?? [], [customFields.data]);
  const columns = useMemo(() => columnsFrom(params, customFields.data), [params, customFields.data]);
  const allColumns = useMemo(() => columnDefs(t, format, fields, i18n.language), [t, format, fields, i18n.language]);
  const shownColumns = columns.map((id) => allColumns.find((c) => c.id === id)).filter((c): c is Column => Boolean(c));
  const deleted = Boolean(filter.deleted) && can('customer:restore');
  usePageTitle(t('customers.list.title'));

  // Keyset paging: the cursors of the pages before this one, so "previous" can go back.
  const [paging, setPaging] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: filterKey, cursors: [undefined] });
  const cursors = paging.key === filterKey ? paging.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];
  const list = useCustomerList({ ...filter, deleted: deleted || undefined }, cursor, limit);
  const page = list.data;

  const [q, setQ] = useState(filter.q ?? '');
  useEffect(() => setQ(filter.q ?? ''), [filter.q]);

  const apply = useCallback((next: URLSearchParams, replace = false) => setParams(next, { replace }), [setParams]);

  function update(changes: Record<string, string | null | undefined>) {
    const now = addressNow();
    const next = new URLSearchParams(now);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    // Enter in a field that changed nothing adds no step to Back.
    if (next.toString() !== now.toString()) setParams(next, { replace: false });
  }

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    update({ q: q.trim() || null });
  }

  const customCount = Object.keys(filter.custom ?? {}).length;
  const activeFilters = [filter.kind, filter.status, filter.orgUnitId, filter.ownerId, filter.createdFrom, filter.createdTo].filter(Boolean).length + customCount;
  const hasFilter = Boolean(filter.q) || activeFilters > 0 || Boolean(filter.tagId || filter.segmentId);
  // Filters beyond the search box start open on wide screens, folded on phones.
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [moreChoice, setMoreOpen] = useState<boolean | null>(null);
  const moreOpen = moreChoice ?? !phone;
  const pageNumber = cursors.length;

  /** Clears the filters; sort, columns, page size and the deleted toggle stay. */
  function resetFilters() {
    setQ('');
    const next = new URLSearchParams();
    const now = addressNow();
    for (const key of ['sort', 'cols', 'limit', 'deleted']) {
      const value = now.get(key);
      if (value) next.set(key, value);
    }
    setParams(next);
  }

  const moreLabel = moreOpen ? t('customers.filter.fewer') : activeFilters > 0 ? t('customers.filter.moreActive', { n: activeFilters }) : t('customers.filter.more');
  const tableMinWidth = Math.max(640, shownColumns.reduce((sum, c) => sum + (c.id === 'name' ? 200 : 120), 0) + (deleted ? 260 : 0));

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          <Title order={1} fz="h2">
            {t('customers.list.title')}
          </Title>
          {deleted && (
            <Badge color="red" variant="light" data-testid="deleted-badge">
              {t('customers.deleted.badge')}
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          {can('customer:export') && !deleted && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} data-testid="export-menu">
                  {t('customers.list.export')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('customers.list.exportHint')}</Menu.Label>
                <Menu.Item component="a" href={exportUrl({ ...filter, deleted: undefined }, 'csv')} download data-testid="export-csv">
                  {t('customers.list.exportCsv')}
                </Menu.Item>
                <Menu.Item component="a" href={exportUrl({ ...filter, deleted: undefined }, 'xlsx')} download data-testid="export-xlsx">
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
        <Group justify="space-between" align="flex-end" gap="sm" mb="sm" wrap="wrap">
          <SavedViews params={params} onApply={apply} />
          {can('customer:restore') && (
            <Switch
              label={t('customers.deleted.toggle')}
              checked={deleted}
              onChange={(event) => update({ deleted: event.currentTarget.checked ? 'true' : null })}
              data-testid="toggle-deleted"
              mb={6}
            />
          )}
        </Group>
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
              {moreLabel}
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
            {moreLabel}
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
              <UserSelect
                label={t('customers.filter.owner')}
                placeholder={t('customers.filter.ownerPlaceholder')}
                value={filter.ownerId ? String(filter.ownerId) : null}
                onChange={(value) => update({ ownerId: value })}
                data-testid="filter-owner"
              />
              <Select
                label={t('customers.filter.sort')}
                data={SORTS.map((s) => ({ value: s, label: t(`customers.sort.${s}`) }))}
                value={filter.sort ?? DEFAULT_SORT}
                onChange={(value) => update({ sort: value === DEFAULT_SORT ? null : value })}
                allowDeselect={false}
                data-testid="filter-sort"
              />
              <DayInput label={t('customers.filter.createdFrom')} value={filter.createdFrom} max={filter.createdTo} onChange={(createdFrom) => update({ createdFrom })} data-testid="filter-created-from" />
              <DayInput label={t('customers.filter.createdTo')} value={filter.createdTo} min={filter.createdFrom} onChange={(createdTo) => update({ createdTo })} data-testid="filter-created-to" />
              {fields.map((field) => (
                <CustomFieldFilter key={field.key} field={field} value={filter.custom?.[field.key]} onChange={(value) => update({ [`custom.${field.key}`]: value })} />
              ))}
              <Group align="flex-end">
                <Button variant="default" leftSection={<IconFilterOff size={16} />} disabled={!hasFilter} onClick={resetFilters} data-testid="reset-filters">
                  {t('customers.filter.reset')}
                </Button>
              </Group>
            </SimpleGrid>
          </Collapse>
        </form>
        <MembershipChips tagId={filter.tagId} segmentId={filter.segmentId} onRemove={(param) => update({ [param]: null })} />
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
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" c="dimmed">
              {t('customers.list.page', { page: format.number(pageNumber) })}
            </Text>
            <ColumnChooser
              options={allColumns}
              value={columns}
              onChange={(next) => update({ cols: sameColumns(next, DEFAULT_COLUMNS) ? null : next.join(',') })}
            />
          </Group>
        </Group>
        {phone ? (
          <Stack gap={0} data-testid="customer-table" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {page?.items.map((customer) => {
              const summary = shownColumns.filter((c) => c.id !== 'name' && c.id !== 'status').map((c) => c.text(customer)).filter(Boolean);
              return (
                <Box
                  component="li"
                  key={customer.id}
                  px="md"
                  py="sm"
                  data-testid="customer-row"
                  style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
                >
                  <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                    {customer.deletedAt ? (
                      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {customer.name}
                      </Text>
                    ) : (
                      <Anchor component={Link} to={`/customers/${customer.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {customer.name}
                      </Anchor>
                    )}
                    {columns.includes('status') && <StatusBadge status={customer.status} />}
                  </Group>
                  {summary.length > 0 && (
                    <Text size="xs" c="dimmed" mt={2} data-testid="customer-summary">
                      {/* Lines break between the values: a date or mobile stays whole, a long address may wrap. */}
                      {summary.map((part, i) => (
                        <Fragment key={i}>
                          {i > 0 && ' · '}
                          <span style={part.length <= 24 ? { whiteSpace: 'nowrap' } : { overflowWrap: 'anywhere' }}>{part}</span>
                        </Fragment>
                      ))}
                    </Text>
                  )}
                  {deleted && (
                    <Group justify="space-between" mt={4} gap="xs">
                      <Text size="xs" c="dimmed">
                        {t('customers.deleted.at', { at: format.dateTime(customer.deletedAt) })}
                      </Text>
                      <RestoreButton customer={customer} />
                    </Group>
                  )}
                </Box>
              );
            })}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={tableMinWidth}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="customer-table">
              <Table.Thead>
                <Table.Tr>
                  {shownColumns.map((column) => (
                    <Table.Th key={column.id} scope="col" style={{ whiteSpace: 'nowrap' }} data-column={column.id}>
                      {column.label}
                    </Table.Th>
                  ))}
                  {deleted && (
                    <>
                      <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>
                        {t('customers.deleted.deletedAt')}
                      </Table.Th>
                      <Table.Th scope="col">
                        <VisuallyHidden>{t('customers.deleted.actions')}</VisuallyHidden>
                      </Table.Th>
                    </>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.isPending &&
                  Array.from({ length: 5 }, (_, i) => (
                    <Table.Tr key={i} aria-hidden>
                      <Table.Td colSpan={shownColumns.length + (deleted ? 2 : 0)}>
                        <Text c="dimmed" size="sm">
                          &nbsp;
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                {page?.items.map((customer) => (
                  <Table.Tr key={customer.id} data-testid="customer-row">
                    {shownColumns.map((column) => (
                      <Table.Td key={column.id} style={column.nowrap ? { whiteSpace: 'nowrap' } : undefined} miw={column.id === 'name' ? 180 : undefined}>
                        {column.cell(customer)}
                      </Table.Td>
                    ))}
                    {deleted && (
                      <>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Text size="sm">{format.dateTime(customer.deletedAt)}</Text>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <RestoreButton customer={customer} />
                        </Table.Td>
                      </>
                    )}
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
            title={deleted ? t('customers.deleted.empty') : hasFilter ? t('customers.list.emptyFiltered') : t('customers.list.empty')}
            description={deleted ? t('customers.deleted.emptyHint') : hasFilter ? t('customers.list.emptyFilteredHint') : t('customers.list.emptyHint')}
            data-testid="list-empty"
          >
            <Group justify="center" mt="sm">
              {hasFilter && (
                <Button variant="default" onClick={resetFilters}>
                  {t('customers.filter.reset')}
                </Button>
              )}
              {can('customer:create') && !deleted && (
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
