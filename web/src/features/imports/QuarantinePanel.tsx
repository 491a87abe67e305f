import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format.ts';
import type { ImportRun, QuarantinedRow, ReprocessResult } from '../../lib/types.ts';
import { ErrorAlert, PageLoader } from '../../app/components.tsx';
import { formatMoney, formatTransactionAmount } from '../holdings/money.ts';
import { useOpenQuarantine, useReprocessQuarantine, useRunQuarantine } from './queries.ts';

/** What a reprocess did: rows loaded, rows still waiting, with links to the runs it recorded. */
function ReprocessOutcome({ result }: { result: ReprocessResult }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (result.tried === 0) {
    return (
      <Alert color="gray" variant="light" data-testid="reprocess-result" data-resolved={0}>
        {t('imports.quarantine.nothing')}
      </Alert>
    );
  }
  return (
    <Alert color={result.resolved > 0 ? 'teal' : 'yellow'} variant="light" icon={<IconCircleCheck size={18} />} data-testid="reprocess-result" data-resolved={result.resolved}>
      <Stack gap={4}>
        <Text size="sm">{t('imports.quarantine.result', { resolved: format.number(result.resolved), tried: format.number(result.tried), open: format.number(result.open) })}</Text>
        <Group gap="sm">
          {result.runs.map((run) => (
            <Anchor key={run.id} component={Link} to={`/imports?run=${run.id}`} size="sm" data-testid="reprocess-run">
              {t('imports.run.title', { id: run.id })}
            </Anchor>
          ))}
        </Group>
      </Stack>
    </Alert>
  );
}

/** An account number or transaction id with what matters of its values: the amount or balance. */
function RowSummary({ row }: { row: QuarantinedRow }) {
  const { i18n } = useTranslation();
  const values = row.values;
  const amount = typeof values.amount === 'string' ? values.amount : typeof values.balance === 'string' ? values.balance : null;
  const currency = typeof values.currency === 'string' ? values.currency : 'CNY';
  // Written as the preview wrote the same row: a transaction as a movement, a balance as it stands.
  return (
    <Stack gap={0}>
      <Text size="sm" className="mono">
        {row.externalId ?? '—'}
      </Text>
      {amount !== null && (
        <Text size="xs" c="dimmed" data-testid="quarantine-amount">
          {row.target === 'transactions' ? formatTransactionAmount(amount, currency, values.direction, i18n.language) : formatMoney(amount, currency, i18n.language)}
        </Text>
      )}
    </Stack>
  );
}

/** A run's quarantined rows, and the action that loads those whose customer is known by now. */
export function QuarantinePanel({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  const pages = useRunQuarantine(run.id);
  const reprocess = useReprocessQuarantine();
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const open = pages.data?.pages[0]?.open ?? 0;
  return (
    <Stack gap="xs" data-testid="run-quarantine">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3} fz="h5">
          {t('imports.quarantine.title')}
        </Title>
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconRefresh size={14} />}
          loading={reprocess.isPending}
          disabled={pages.isPending || open === 0}
          onClick={() => reprocess.mutate(run.id)}
          data-testid="reprocess-run-quarantine"
        >
          {t('imports.quarantine.reprocess')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('imports.quarantine.intro')}
      </Text>
      {pages.data && (
        <Text size="sm" data-testid="quarantine-count">
          {t('imports.quarantine.count', { open: format.number(open), resolved: format.number(Math.max(0, run.rowsQuarantined - open)) })}
        </Text>
      )}
      {reprocess.data && <ReprocessOutcome result={reprocess.data} />}
      {reprocess.error ? <ErrorAlert error={reprocess.error} /> : null}
      {pages.isPending && <PageLoader />}
      {pages.error && <ErrorAlert error={pages.error} />}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={520} maxHeight={420}>
          <Table verticalSpacing={4} striped withTableBorder stickyHeader data-testid="quarantine-rows">
            <Table.Thead>
              <Table.Tr>
                {(['row', 'customer', 'reference', 'reason', 'status'] as const).map((key) => (
                  <Table.Th key={key} scope="col" style={{ whiteSpace: 'nowrap' }}>
                    {key === 'row' ? t('imports.errors.row') : key === 'status' ? t('imports.history.columns.status') : t(`imports.quarantine.${key}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id} data-testid="quarantine-row" data-row={row.rowNo} data-status={row.status}>
                  <Table.Td className="mono">{format.number(row.rowNo)}</Table.Td>
                  <Table.Td className="mono" style={{ overflowWrap: 'anywhere' }}>
                    {row.customerCode ?? row.customerExternalId ?? '—'}
                  </Table.Td>
                  <Table.Td>
                    <RowSummary row={row} />
                  </Table.Td>
                  <Table.Td>{row.message}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge color={row.status === 'open' ? 'orange' : 'teal'} variant="light" miw="max-content">
                      {t(`imports.quarantine.status.${row.status}`)}
                    </Badge>
                    {row.resolvedRunId !== null && (
                      <Text size="xs" c="dimmed">
                        {t('imports.quarantine.resolvedBy', { id: row.resolvedRunId })}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages.hasNextPage && (
        <Group>
          <Button variant="default" size="xs" loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()} data-testid="quarantine-more">
            {t('imports.quarantine.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Above the import history: how many rows of all runs wait in quarantine, and the action that retries them all. */
export function QuarantineSummary() {
  const { t } = useTranslation();
  const format = useFormat();
  const open = useOpenQuarantine();
  const reprocess = useReprocessQuarantine();
  const n = open.data?.open ?? 0;
  if (!reprocess.data && n === 0) return null;
  return (
    <Stack gap="xs" data-testid="quarantine-summary">
      {n > 0 && (
        <Alert color="orange" variant="light">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm">{t('imports.quarantine.openRows', { n: format.number(n), count: n })}</Text>
            <Button
              size="compact-sm"
              variant="light"
              color="orange"
              leftSection={<IconRefresh size={14} />}
              loading={reprocess.isPending}
              onClick={() => reprocess.mutate(undefined)}
              data-testid="reprocess-all"
            >
              {t('imports.quarantine.reprocessAll', { n: format.number(n), count: n })}
            </Button>
          </Group>
        </Alert>
      )}
      {reprocess.data && <ReprocessOutcome result={reprocess.data} />}
      {reprocess.error ? <ErrorAlert error={reprocess.error} /> : null}
    </Stack>
  );
}
