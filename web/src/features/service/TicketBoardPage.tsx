import { Anchor, Badge, Box, Group, Paper, ScrollArea, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { PriorityBadge, SlaBadge, TypeBadge, isOverdue, useBilingual } from './labels.tsx';
import { useBoard, useProcesses } from './queries.ts';
import type { Ticket } from './types.ts';

/** Open tickets of one process by state, one column per state, the most urgent on top. */
export default function TicketBoardPage() {
  const { t } = useTranslation();
  usePageTitle(t('service.board.title'));
  const bilingual = useBilingual();
  const [params, setParams] = useSearchParams();
  const processKey = params.get('process') ?? 'complaint';
  const processes = useProcesses();
  const board = useBoard(processKey);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm" align="flex-end">
        <Title order={1} fz="h2">
          {t('service.board.title')}
        </Title>
        <Select
          label={t('service.board.process')}
          data={(processes.data ?? []).map((p) => ({ value: p.key, label: bilingual(p.nameZh, p.nameEn) }))}
          value={processKey}
          onChange={(value) => value && setParams({ process: value }, { replace: true })}
          allowDeselect={false}
          w={240}
          data-testid="board-process"
        />
      </Group>
      {board.error && <ErrorAlert error={board.error} />}
      {board.isPending && <PageLoader />}
      {board.data && (
        <ScrollArea type="auto" offsetScrollbars>
          <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm" data-testid="board">
            {board.data.columns.map((column) => (
              <Paper key={column.key} withBorder p="xs" w={260} miw={260} bg="var(--mantine-color-default-hover)" data-testid="board-column" data-state={column.key} component="section" aria-label={bilingual(column.nameZh, column.nameEn)}>
                <Group justify="space-between" mb="xs" wrap="nowrap">
                  <Text fw={600} size="sm">
                    {bilingual(column.nameZh, column.nameEn)}
                  </Text>
                  <Badge variant="light" color="gray" data-testid="board-count">
                    {column.count}
                  </Badge>
                </Group>
                <Stack gap="xs">
                  {column.tickets.map((ticket) => (
                    <BoardCard key={ticket.id} ticket={ticket} />
                  ))}
                  {column.tickets.length === 0 && (
                    <Text size="xs" c="dimmed" ta="center" py="sm">
                      {t('service.board.emptyColumn')}
                    </Text>
                  )}
                  {column.count > column.tickets.length && (
                    <Anchor component={Link} to={`/tickets?${new URLSearchParams({ state: column.key, status: 'open' })}`} size="xs" ta="center">
                      {t('service.board.more', { n: column.count - column.tickets.length })}
                    </Anchor>
                  )}
                </Stack>
              </Paper>
            ))}
          </Group>
        </ScrollArea>
      )}
    </Stack>
  );
}

function BoardCard({ ticket }: { ticket: Ticket }) {
  const late = isOverdue(ticket);
  return (
    <Paper
      component={Link}
      to={`/tickets/${ticket.id}`}
      withBorder
      p="xs"
      radius="sm"
      style={{ display: 'block', textDecoration: 'none', color: 'inherit', borderLeft: late ? '3px solid var(--mantine-color-red-6)' : undefined }}
      data-testid="board-card"
      data-id={ticket.id}
      data-overdue={late}
    >
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="xs" ff="monospace" c="dimmed">
          {ticket.number}
        </Text>
        <PriorityBadge priority={ticket.priority} size="xs" />
      </Group>
      <Text size="sm" fw={500} lineClamp={2} my={4}>
        {ticket.subject}
      </Text>
      <Box>
        <Group gap={4} wrap="wrap">
          <TypeBadge type={ticket.type} size="xs" />
          <SlaBadge ticket={ticket} size="xs" />
        </Group>
        <Text size="xs" c="dimmed" mt={4} truncate>
          {ticket.customerName}
          {ticket.assigneeName ? ` · ${ticket.assigneeName}` : ''}
        </Text>
      </Box>
    </Paper>
  );
}
