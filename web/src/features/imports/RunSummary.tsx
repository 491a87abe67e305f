import { Alert, Anchor, Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconCurrencyYuan, IconDownload, IconHourglass, IconListSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermissions } from '../../app/auth.tsx';
import { useFormat } from '../../lib/format.ts';
import type { ImportRowError, ImportRun } from '../../lib/types.ts';
import { errorReportUrl, rejectedRowsUrl } from './queries.ts';
import { useExchangeRates } from '../admin/queries-rates.ts';
import { formatDuration, runFileName, runStartedBy } from './labels.tsx';

const COUNTS = [
  ['read', 'rowsRead', undefined],
  ['inserted', 'rowsInserted', 'teal'],
  ['updated', 'rowsUpdated', 'blue'],
  ['unchanged', 'rowsUnchanged', undefined],
  ['rejected', 'rowsRejected', 'red'],
  ['quarantined', 'rowsQuarantined', 'orange'],
] as const;

/** One figure of a run, with a line saying what it means where the name alone would mislead. */
function CountTile({ name, label, value, color, note }: { name: string; label: string; value: number; color?: string; note?: string }) {
  const format = useFormat();
  return (
    <Paper withBorder p="xs" radius="sm" data-testid={`count-${name}`}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="xl" fw={700} c={value > 0 ? color : undefined} data-testid={`count-${name}-value`}>
        {format.number(value)}
      </Text>
      {note && (
        <Text size="xs" c="dimmed" data-testid={`count-${name}-note`}>
          {note}
        </Text>
      )}
    </Paper>
  );
}

/** The six figures of a run: read, inserted, updated, unchanged, rejected, quarantined. */
export function RunCounts({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  if (run.status === 'rejected') {
    // The whole file was refused: "rejected 1" would read as if only that row had stayed out.
    return (
      <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="xs" maw={640} data-testid="run-counts" data-whole-file-rejected="true">
        <CountTile name="read" label={t('imports.counts.read')} value={run.rowsRead} />
        <CountTile name="errorRows" label={t('imports.counts.errorRows')} value={run.rowsRejected} color="red" />
        <CountTile name="loaded" label={t('imports.counts.loaded')} value={0} note={t('imports.counts.wholeFileNotLoaded')} />
      </SimpleGrid>
    );
  }
  return (
    <SimpleGrid cols={{ base: 2, xs: 3, md: 6 }} spacing="xs" data-testid="run-counts">
      {COUNTS.map(([name, key, color]) => (
        <CountTile
          key={name}
          name={name}
          label={t(`imports.counts.${name}`)}
          value={run[key]}
          color={color}
          note={name === 'quarantined' && run[key] > 0 ? t('imports.counts.quarantinedNote') : undefined}
        />
      ))}
    </SimpleGrid>
  );
}

/**
 * Rows held for a customer not known yet: why they were held, what loads them, and the way to the
 * run's quarantine list (in the import history, where they can be reprocessed).
 */
export function RunQuarantineNotice({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (run.status !== 'succeeded' || run.rowsQuarantined === 0 || run.source === 'quarantine') return null;
  const n = run.rowsQuarantined;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconHourglass size={18} />}
      title={t('imports.run.quarantinedTitle', { n: format.number(n), count: n })}
      data-testid="run-quarantined"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('imports.run.quarantinedBody', { count: n })}</Text>
        <Button
          component={Link}
          to={`/imports?run=${run.id}`}
          variant="light"
          color="orange"
          size="compact-sm"
          leftSection={<IconListSearch size={16} />}
          data-testid="run-quarantine-link"
        >
          {t('imports.run.quarantinedOpen', { n: format.number(n), count: n })}
        </Button>
      </Stack>
    </Alert>
  );
}

/**
 * After accounts or transactions are loaded: currencies kept without an exchange rate are left out
 * of every total (credit, tags, segments, value) until an administrator sets one, which a clerk
 * loading a file of US-dollar accounts should hear at once rather than find out from a wrong total.
 */
export function RunRatesNotice({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const relevant = run.status === 'succeeded' && (run.target === 'holdings' || run.target === 'transactions') && run.rowsInserted + run.rowsUpdated > 0;
  const rates = useExchangeRates(relevant);
  const missing = rates.data?.missing ?? [];
  if (!relevant || missing.length === 0) return null;
  const currencies = missing.map((m) => m.currency).join(', ');
  return (
    <Alert color="orange" variant="light" icon={<IconCurrencyYuan size={18} />} title={t('imports.run.ratesMissingTitle', { currencies })} data-testid="run-rates-missing">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('imports.run.ratesMissingBody')}</Text>
        {can('settings:manage') ? (
          <Button component={Link} to="/admin/exchange-rates" variant="light" color="orange" size="compact-sm" data-testid="run-rates-link">
            {t('imports.run.ratesMissingOpen')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {t('imports.run.ratesMissingAsk')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** A run's figures in one cell: inserted / updated / unchanged, and what did not load. */
export function RunCountsLine({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (run.status === 'rejected') {
    return (
      <Stack gap={0}>
        <Text size="sm">{t('imports.history.readRows', { n: format.number(run.rowsRead), count: run.rowsRead })}</Text>
        <Text size="xs" c="dimmed">
          {t('imports.history.rejectedLine', { n: format.number(run.rowsRejected), count: run.rowsRejected })}
        </Text>
      </Stack>
    );
  }
  const parts: [string, number, string | undefined][] = [
    [t('imports.counts.inserted'), run.rowsInserted, 'teal'],
    [t('imports.counts.updated'), run.rowsUpdated, 'blue'],
    [t('imports.counts.unchanged'), run.rowsUnchanged, undefined],
    [t('imports.counts.rejected'), run.rowsRejected, 'red'],
    [t('imports.counts.quarantined'), run.rowsQuarantined, 'orange'],
  ];
  return (
    <Stack gap={0}>
      <Text size="sm">{t('imports.history.readRows', { n: format.number(run.rowsRead), count: run.rowsRead })}</Text>
      <Text size="xs" c="dimmed">
        {parts
          .filter(([, n]) => n > 0)
          .map(([label, n]) => `${label} ${format.number(n)}`)
          .join(' · ') || '—'}
      </Text>
    </Stack>
  );
}

/** A run's duration; one that took under 0.1 s reads "<0.1 s", not "0 s". */
export function runDuration(ms: number | null | undefined, locale: string): string {
  if (ms === null || ms === undefined) return '';
  return ms < 100 ? `<${formatDuration(100, locale)}` : formatDuration(ms, locale);
}

/**
 * Why a run ended as it did, when it did not simply succeed; a finished run's duration, unless the
 * run's facts beside it already say it (`withFacts`).
 */
export function RunOutcome({ run, withFacts = false }: { run: ImportRun; withFacts?: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  if (run.status === 'running') return null;
  if (run.status === 'rejected') {
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<IconAlertTriangle size={18} />}
        title={t('imports.run.rejectedTitle', { n: format.number(run.rowsRead), count: run.rowsRead })}
        data-testid="run-rejected"
      >
        {t('imports.run.rejectedBody', { n: format.number(run.rowsRejected), count: run.rowsRejected })}
      </Alert>
    );
  }
  if (run.status === 'failed' && run.controlMatched === false) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('imports.control.mismatchTitle')} data-testid="run-control-mismatch">
        {t('imports.control.mismatchBody')}
      </Alert>
    );
  }
  if (run.status === 'failed') {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('imports.run.failedTitle')} data-testid="run-failed">
        {run.error === 'interrupted' ? t('imports.run.interrupted') : (run.error ?? t('imports.run.failedBody'))}
      </Alert>
    );
  }
  if (withFacts) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="run-duration">
      {t('imports.run.finishedIn', { duration: runDuration(run.durationMs, i18n.language), at: format.dateTime(run.finishedAt) })}
    </Text>
  );
}

/** An exact decimal string with the reader's digit grouping; the string goes to Intl as it is, so no digit is lost. */
function formatDecimal(value: string | null, locale: string): string {
  if (value === null) return '—';
  try {
    return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 20 }).format(value as unknown as number);
  } catch {
    return value;
  }
}

/** The control totals given with the file beside what the run found in it, and whether they agree. */
export function RunControl({ run }: { run: ImportRun }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  if (run.controlMatched === null) return null;
  const lines: [string, string, string, boolean][] = [];
  if (run.controlRows !== null) lines.push([t('imports.control.rowsLabel'), format.number(run.controlRows), format.number(run.rowsRead), run.controlRows === run.rowsRead]);
  if (run.controlAmountSum !== null) {
    const expected = formatDecimal(run.controlAmountSum, i18n.language);
    const found = formatDecimal(run.amountSum, i18n.language);
    lines.push([t('imports.control.amountLabel'), expected, found, run.controlMatched || expected === found]);
  }
  return (
    <Stack gap={4} data-testid="run-control" data-matched={String(run.controlMatched)}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {t('imports.control.label')}
        </Text>
        <Badge color={run.controlMatched ? 'teal' : 'red'} variant="light" data-testid="run-control-status">
          {t(run.controlMatched ? 'imports.control.matched' : 'imports.control.mismatched')}
        </Badge>
      </Group>
      <Table withTableBorder verticalSpacing={4} fz="sm" maw={520}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" />
            <Table.Th scope="col">{t('imports.control.expected')}</Table.Th>
            <Table.Th scope="col">{t('imports.control.found')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map(([label, expected, found, same]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" fw={400}>
                {label}
              </Table.Th>
              <Table.Td className="mono" data-testid="control-expected">
                {expected}
              </Table.Td>
              <Table.Td className="mono" c={same ? undefined : 'red'} fw={same ? undefined : 700} data-testid="control-found">
                {found}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** For a duplicate of a customer the reader may see: open that customer, or merge the row's own customer into it. */
function DuplicateLink({ duplicate }: { duplicate: NonNullable<ImportRowError['duplicate']> }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const merge = duplicate.sourceId !== null && can('customer:merge');
  return (
    <Anchor
      component={Link}
      to={merge ? `/customers/${duplicate.customerId}/merge?source=${duplicate.sourceId}` : `/customers/${duplicate.customerId}`}
      target="_blank"
      size="sm"
      data-testid={merge ? 'duplicate-merge' : 'duplicate-open'}
    >
      {t(merge ? 'imports.errors.merge' : 'imports.errors.openCustomer')}
    </Anchor>
  );
}

/**
 * The run's error report (row, column, value, reason) and the rows with errors as the file had
 * them, to correct and import again (both UTF-8 CSV, open in Excel).
 */
export function ErrorReportLink({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  if (run.rowsRejected === 0 || run.status === 'running') return null;
  return (
    <Group gap="md" wrap="wrap">
      <Anchor href={errorReportUrl(run.id)} download size="sm" data-testid="error-report">
        <Group gap={4} component="span" wrap="nowrap">
          <IconDownload size={16} />
          {t('imports.errors.report')}
        </Group>
      </Anchor>
      {run.rejectedRowsAllowed ? (
        <Anchor href={rejectedRowsUrl(run.id)} download size="sm" title={t('imports.errors.rejectedRowsHint')} data-testid="rejected-rows">
          <Group gap={4} component="span" wrap="nowrap">
            <IconDownload size={16} />
            {t('imports.errors.rejectedRows')}
          </Group>
        </Anchor>
      ) : (
        <Text size="xs" c="dimmed" data-testid="rejected-rows-masked">
          {t('imports.errors.rejectedRowsMasked', { name: run.startedByName ?? '—' })}
        </Text>
      )}
    </Group>
  );
}

/** Row errors: row number, column, the value as found and what is wrong with it. */
export function RowErrorsTable({ errors, testId = 'row-errors' }: { errors: ImportRowError[]; testId?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  // On a phone four columns leave the reason off-screen: each error is a block there.
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const value = (e: ImportRowError) =>
    e.value === null ? (
      <Text span c="dimmed" size="sm">
        —
      </Text>
    ) : e.value === '' ? (
      <Text span c="dimmed" size="sm" fs="italic">
        {t('imports.errors.emptyValue')}
      </Text>
    ) : (
      e.value
    );
  const message = (e: ImportRowError) => (
    <>
      {e.message}
      {e.duplicate ? (
        <>
          {' '}
          <DuplicateLink duplicate={e.duplicate} />
        </>
      ) : null}
    </>
  );
  if (phone) {
    return (
      <Stack component="ul" gap={0} p={0} m={0} mah={420} style={{ listStyle: 'none', overflowY: 'auto' }} data-testid={testId}>
        {errors.map((e, i) => (
          <Box
            component="li"
            key={`${e.rowNo}-${e.column}-${i}`}
            py={6}
            style={i > 0 ? { borderTop: '1px solid var(--mantine-color-default-border)' } : undefined}
            data-testid="row-error"
            data-row={e.rowNo}
          >
            <Text size="xs" c="dimmed">
              {t('imports.errors.rowAt', { row: format.number(e.rowNo) })}
              {e.column ? ` · ${e.column}` : ''}
              {' · '}
              <span className="mono" style={{ overflowWrap: 'anywhere' }}>
                {value(e)}
              </span>
            </Text>
            <Text size="sm">{message(e)}</Text>
          </Box>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={520} maxHeight={420}>
      <Table verticalSpacing={4} striped withTableBorder stickyHeader data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {(['row', 'column', 'value', 'message'] as const).map((key) => (
              <Table.Th key={key} scope="col" style={{ whiteSpace: 'nowrap' }}>
                {t(`imports.errors.${key}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((e, i) => (
            <Table.Tr key={`${e.rowNo}-${e.column}-${i}`} data-testid="row-error" data-row={e.rowNo}>
              <Table.Td className="mono">{format.number(e.rowNo)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.column ?? '—'}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }} className="mono">
                {value(e)}
              </Table.Td>
              <Table.Td>{message(e)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A run's facts: its file, what it held, where from, the policy, who started it, when, and how long it took. */
export function RunFacts({ run }: { run: ImportRun }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const source = typeof run.options.sourceSystem === 'string' ? run.options.sourceSystem : null;
  const facts: [string, string][] = [
    [t('imports.history.columns.file'), runFileName(t, run)],
    [t('imports.history.columns.target'), t(`imports.targets.${run.target}` as 'imports.targets.customers', { defaultValue: run.target })],
    [t('imports.options.sourceSystem'), source ?? '—'],
    [t('imports.options.policy'), t(`imports.policy.${run.policy}` as 'imports.policy.reject_file', { defaultValue: run.policy })],
    [t('imports.file.format'), [run.format?.toUpperCase(), run.encoding].filter(Boolean).join(' · ') || '—'],
    [t('imports.history.columns.by'), runStartedBy(t, run) ?? '—'],
    [t('imports.history.columns.at'), format.dateTime(run.startedAt)],
    ...(run.finishedAt ? ([[t('imports.run.finishedAt'), format.dateTime(run.finishedAt)]] as [string, string][]) : []),
    [t('imports.history.columns.duration'), runDuration(run.durationMs, i18n.language) || '—'],
  ];
  return (
    <Stack gap={4}>
      {facts.map(([label, value]) => (
        <Group key={label} gap="xs" wrap="nowrap" align="flex-start" data-testid="run-fact">
          <Text size="sm" c="dimmed" w={110} style={{ flexShrink: 0 }}>
            {label}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
