import { Anchor, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert } from '../../app/components.tsx';
import { useFormat } from '../../lib/format.ts';
import type { CustomerPanelProps } from '../customers/panels.ts';
import { PriorityBadge, SlaBadge, StateBadge, TypeBadge, isOverdue } from './labels.tsx';
import { useCustomerTickets } from './queries.ts';

/** The customer's complaints, requests and inquiries on his 360 page, with a way to take a new one. */
export function TicketsPanel({ customer }: CustomerPanelProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const tickets = useCustomerTickets(customer.id);
  const items = tickets.data?.items ?? [];
  return (
    <Stack gap="xs" data-testid="tickets-panel">
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed">
          {tickets.data ? t('service.panel.count', { n: items.length, count: items.length, open: items.filter((i) => i.status === 'open').length }) : ''}
        </Text>
        {can('ticket:create') && (
          <Button size="xs" variant="light" component={Link} to={`/tickets/new?customerId=${customer.id}`} leftSection={<IconPlus size={14} />} data-testid="panel-new-ticket">
            {t('service.new.title')}
          </Button>
        )}
      </Group>
      {tickets.isPending && <Skeleton h={60} />}
      {tickets.error && <ErrorAlert error={tickets.error} />}
      {tickets.data && items.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="tickets-panel-empty">
          {t('service.panel.empty')}
        </Text>
      )}
      {items.slice(0, 10).map((ticket) => (
        <Stack
          key={ticket.id}
          gap={2}
          py={6}
          style={{ borderTop: '1px solid var(--mantine-color-default-border)', borderLeft: isOverdue(ticket) ? '3px solid var(--mantine-color-red-6)' : undefined, paddingLeft: isOverdue(ticket) ? 8 : undefined }}
          data-testid="panel-ticket"
          data-id={ticket.id}
        >
          <Group gap={6} wrap="nowrap">
            <TypeBadge type={ticket.type} size="xs" />
            <Anchor component={Link} to={`/tickets/${ticket.id}`} size="sm" fw={500} lineClamp={1}>
              {ticket.subject}
            </Anchor>
          </Group>
          <Group gap={6} wrap="wrap">
            <Text size="xs" c="dimmed" ff="monospace">
              {ticket.number}
            </Text>
            <StateBadge ticket={ticket} size="xs" />
            <PriorityBadge priority={ticket.priority} size="xs" />
            {ticket.status === 'open' && <SlaBadge ticket={ticket} size="xs" />}
            <Text size="xs" c="dimmed">
              {format.date(ticket.createdAt)}
            </Text>
          </Group>
        </Stack>
      ))}
      {items.length > 10 && (
        <Anchor component={Link} to={`/tickets?${new URLSearchParams({ q: customer.name })}`} size="xs">
          {t('service.panel.all')}
        </Anchor>
      )}
    </Stack>
  );
}
