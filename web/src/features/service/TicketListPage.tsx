import { useCallback, useEffect, useState } from 'react';
import { Anchor, Button, Checkbox, EmptyState, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconLayoutKanban, IconPlus, IconSearch, IconTicket } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { DayInput } from '../../app/DayInput.tsx';
import type { Query } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { CategorySelect, PriorityBadge, SlaBadge, StateBadge, TypeBadge, isOverdue, useBilingual, useServiceLabels } from './labels.tsx';
import { useCategories, useProcessStates, useTicketList } from './queries.ts';
import { filtersOf, TicketViews } from './TicketViews.tsx';
import { CHANNELS, PRIORITIES, TICKET_TYPES, type Ticket } from './types.ts';
import { addressNow } from '../../lib/address-filter.ts';

/** The address's filters as the API's query. */
function listQuery(params: URLSearchParams): Query {
  const f = filtersOf(params);
  return {
    type: f.type,
    status: f.status,
    state: f.state,
    priority: f.priority,
    channel: f.channel,
    categoryId: f.categoryId,
    overdue: f.overdue === '1' ? 'true' : undefined,
    assignedToMe: f.mine === '1' ? 'true' : undefined,
    q: f.q?.trim() || undefined,
    createdFrom: f.from,
    createdTo: f.to,
  };
}

/** The ticket queue: filters kept in the address (and in saved views), newest first, a page at a time. */
export default function TicketListPage() {
  const { t } = useTranslation();
  usePageTitle(t('service.list.title'));
  const can = usePermissions();
  const labels = useServiceLabels();
  const bilingual = useBilingual();
  const [params, setParams] = useSearchParams();
  const categories = useCategories();
  const states = useProcessStates();
  const query = listQuery(params);
  const list = useTicketList(query);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search, 300);

  const apply = useCallback((next: URLSearchParams, replace = false) => setParams(next, { replace }), [setParams]);
  const set = (key: string, value: string | null) => {
    const next = addressNow();
    if (value) next.set(key, value);
    else next.delete(key);
    apply(next, key === 'q');
  };
  useEffect(() => {
    if ((params.get('q') ?? '') !== debounced.trim()) set('q', debounced.trim() || null);
    // Only the typed text drives this; the address follows it.
  }, [debounced]);
  // A search from elsewhere (a saved view, back in history) shows in the box.
  const urlQ = params.get('q') ?? '';
  useEffect(() => setSearch(urlQ), [urlQ]);

  const options = (values: readonly string[], label: (v: string) => string) => values.map((value) => ({ value, label: label(value) }));
  const tickets = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.keys(filtersOf(params)).length > 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} fz="h2">
          {t('service.list.title')}
        </Title>
        <Group gap="xs">
          <Button component={Link} to="/tickets/board" variant="default" leftSection={<IconLayoutKanban size={16} />}>
            {t('service.board.title')}
          </Button>
          {can('ticket:create') && (
            <Button component={Link} to="/tickets/new" leftSection={<IconPlus size={16} />} data-testid="new-ticket">
              {t('service.new.title')}
            </Button>
          )}
        </Group>
      </Group>

      <Paper withBorder p="sm" component="section" aria-label={t('service.list.filters')}>
        <Stack gap="sm">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              type="search"
              label={t('service.list.search')}
              placeholder={t('service.list.searchHint')}
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              style={{ flex: '1 1 240px' }}
              data-testid="ticket-search"
            />
            <TicketViews params={params} onApply={apply} />
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
            <Select label={t('service.fields.type')} data={options(TICKET_TYPES, labels.type)} value={params.get('type')} onChange={(v) => set('type', v)} clearable placeholder={t('common.all')} data-testid="filter-type" />
            <Select
              label={t('service.fields.status')}
              data={[
                { value: 'open', label: t('service.status.open') },
                { value: 'closed', label: t('service.status.closed') },
              ]}
              value={params.get('status')}
              onChange={(v) => set('status', v)}
              clearable
              placeholder={t('common.all')}
              data-testid="filter-status"
            />
            <Select
              label={t('service.fields.state')}
              data={states.map((s) => ({ value: s.key, label: bilingual(s.nameZh, s.nameEn) }))}
              value={params.get('state')}
              onChange={(v) => set('state', v)}
              clearable
              searchable
              placeholder={t('common.all')}
              data-testid="filter-state"
            />
            <Select label={t('service.fields.priority')} data={options(PRIORITIES, labels.priority)} value={params.get('priority')} onChange={(v) => set('priority', v)} clearable placeholder={t('common.all')} data-testid="filter-priority" />
            <Select label={t('service.fields.channel')} data={options(CHANNELS, labels.channel)} value={params.get('channel')} onChange={(v) => set('channel', v)} clearable placeholder={t('common.all')} data-testid="filter-channel" />
            <CategorySelect label={t('service.fields.category')} categories={categories.data} activeOnly={false} value={params.get('categoryId')} onChange={(v) => set('categoryId', v)} placeholder={t('common.all')} data-testid="filter-category" />
          </SimpleGrid>
          <Group gap="md" align="flex-end" wrap="wrap">
            <DayInput label={t('service.list.createdFrom')} value={params.get('from')} max={params.get('to')} onChange={(day) => set('from', day || null)} style={{ flex: '1 1 140px', maxWidth: 200 }} data-testid="filter-from" />
            <DayInput label={t('service.list.createdTo')} value={params.get('to')} min={params.get('from')} onChange={(day) => set('to', day || null)} style={{ flex: '1 1 140px', maxWidth: 200 }} data-testid="filter-to" />
            <Checkbox label={t('service.list.overdue')} checked={params.get('overdue') === '1'} onChange={(e) => set('overdue', e.currentTarget.checked ? '1' : null)} mb={8} data-testid="filter-overdue" />
            <Checkbox label={t('service.list.mine')} checked={params.get('mine') === '1'} onChange={(e) => set('mine', e.currentTarget.checked ? '1' : null)} mb={8} data-testid="filter-mine" />
            {filtered && (
              <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={() => apply(new URLSearchParams())} mb={2} data-testid="filter-clear">
                {t('service.list.clear')}
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>

      {list.error && <ErrorAlert error={list.error} />}
      <Paper withBorder component="section" aria-label={t('service.list.title')}>
        {list.isPending && <PageLoader />}
        {list.data && tickets.length === 0 && (
          <EmptyState py="xl" icon={<IconTicket size={28} />} title={filtered ? t('service.list.noMatch') : t('service.list.empty')} data-testid="tickets-empty" />
        )}
        {tickets.length > 0 && (
          <Table.ScrollContainer minWidth={980}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="tickets-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('service.fields.number')}</Table.Th>
                  <Table.Th scope="col">{t('service.fields.subject')}</Table.Th>
                  <Table.Th scope="col">{t('service.fields.customer')}</Table.Th>
                  <Table.Th scope="col">{t('service.fields.priority')}</Table.Th>
                  <Table.Th scope="col">{t('service.fields.state')}</Table.Th>
                  <Table.Th scope="col">{t('service.fields.assignee')}</Table.Th>
                  <Table.Th scope="col">{t('service.fields.sla')}</Table.Th>
                  <Table.Th scope="col">{t('service.fields.createdAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tickets.map((ticket) => (
                  <TicketRow key={ticket.id} ticket={ticket} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="tickets-more">
            {t('service.list.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Who has the ticket now: a person, else the unit or role's pool. */
export function useAssigneeText() {
  const { t } = useTranslation();
  return (ticket: Pick<Ticket, 'assigneeName' | 'assigneeUnitId' | 'assigneeRole' | 'status'>) => {
    if (ticket.status === 'closed') return '—';
    if (ticket.assigneeName) return ticket.assigneeName;
    if (ticket.assigneeRole) return t('service.assignee.role', { role: t(`roles.${ticket.assigneeRole}` as 'roles.admin', { defaultValue: ticket.assigneeRole }) });
    if (ticket.assigneeUnitId) return t('service.assignee.unit');
    return '—';
  };
}

function TicketRow({ ticket }: { ticket: Ticket }) {
  const format = useFormat();
  const labels = useServiceLabels();
  const assignee = useAssigneeText();
  const late = isOverdue(ticket);
  return (
    <Table.Tr data-testid="ticket-row" data-id={ticket.id} data-overdue={late} style={late ? { boxShadow: 'inset 3px 0 0 var(--mantine-color-red-6)' } : undefined}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Anchor component={Link} to={`/tickets/${ticket.id}`} size="sm" ff="monospace" data-testid="ticket-number">
          {ticket.number}
        </Anchor>
      </Table.Td>
      <Table.Td miw={220}>
        <Group gap={6} wrap="nowrap">
          <TypeBadge type={ticket.type} size="xs" />
          <Anchor component={Link} to={`/tickets/${ticket.id}`} size="sm" fw={500} c="inherit" lineClamp={1}>
            {ticket.subject}
          </Anchor>
        </Group>
        <Text size="xs" c="dimmed">
          {labels.channel(ticket.channel)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/customers/${ticket.customerId}`} size="sm">
          {ticket.customerName}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <PriorityBadge priority={ticket.priority} size="sm" />
      </Table.Td>
      <Table.Td>
        <StateBadge ticket={ticket} size="sm" />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{assignee(ticket)}</Text>
      </Table.Td>
      <Table.Td>
        <SlaBadge ticket={ticket} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" title={format.dateTime(ticket.createdAt)}>
          {format.date(ticket.createdAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
