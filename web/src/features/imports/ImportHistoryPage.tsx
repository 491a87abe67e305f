import { useEffect, useMemo, useState, type CSSProperties, type MouseEvent } from 'react';
import { Box, Button, Collapse, Drawer, EmptyState, Group, LoadingOverlay, Paper, Select, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAdjustments, IconCalendarTime, IconEye, IconFileImport, IconFileSearch, IconFilterOff, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dayParam, useAddressFilter } from '../../lib/address-filter.ts';
import { useFormat } from '../../lib/format.ts';
import type { ImportRun } from '../../lib/types.ts';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { DayInput } from '../../app/DayInput.tsx';
import { RunStatusBadge, runFileName, runStartedBy, TargetBadge, TARGETS } from './labels.tsx';
import { RUN_FILTER_SOURCES, RUN_FILTER_STATUSES, useImportErrors, useImportRun, useImportRuns, type RunFilter } from './queries.ts';
import { ErrorReportLink, RunControl, RunCounts, RunCountsLine, RunFacts, RunOutcome, RowErrorsTable, runDuration } from './RunSummary.tsx';
import { QuarantinePanel, QuarantineSummary } from './QuarantinePanel.tsx';

/** The drawer: a run's facts, figures and row errors, with the report to download. */
function RunDetail({ id, initial }: { id: number; initial: ImportRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useImportRun(id, initial);
  const run = query.data ?? initial;
  const errors = useImportErrors(id, run.status !== 'running' && run.rowsRejected > 0);
  return (
    <Stack gap="md" data-testid="run-detail">
      <Group gap="sm">
        <RunStatusBadge status={run.status} />
        <TargetBadge target={run.target} />
      </Group>
      <RunFacts run={run} />
      <RunCounts run={run} />
      {/* The facts above say how long it took: the outcome says only why it did not succeed. */}
      <RunOutcome run={run} withFacts />
      <RunControl run={run} />
      {run.rowsRejected > 0 && run.status !== 'running' && (
        <Stack gap="xs">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Title order={3} fz="h5">
              {t('imports.errors.title')}
            </Title>
            <ErrorReportLink run={run} />
          </Group>
          {errors.isPending && <PageLoader />}
          {errors.error && <ErrorAlert error={errors.error} />}
          {errors.data && (
            <>
              <RowErrorsTable errors={errors.data} testId="run-errors" />
              {errors.data.length >= 1000 && (
                <Text size="xs" c="dimmed">
                  {t('imports.errors.truncated', { n: format.number(errors.data.length) })}
                </Text>
              )}
            </>
          )}
        </Stack>
      )}
      {run.status === 'succeeded' && run.rowsQuarantined > 0 && run.source !== 'quarantine' && <QuarantinePanel run={run} />}
    </Stack>
  );
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined => (values.includes(value as T) ? (value as T) : undefined);

/** The history's filters live in the address (/imports?status=failed&startedFrom=2026-03-01), as the customer list's do. */
function filterFrom(params: URLSearchParams): RunFilter {
  return {
    target: oneOf(TARGETS, params.get('target')),
    status: oneOf(RUN_FILTER_STATUSES, params.get('status')),
    source: oneOf(RUN_FILTER_SOURCES, params.get('source')),
    startedFrom: dayParam(params, 'startedFrom'),
    startedTo: dayParam(params, 'startedTo'),
  };
}

export default function ImportHistoryPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  usePageTitle(t('imports.history.title'));
  const { params, setParams, update, clear } = useAddressFilter();
  const filter = useMemo(() => filterFrom(params), [params]);
  const runs = useImportRuns(filter);
  const items = useMemo(() => runs.data?.pages.flat() ?? [], [runs.data]);
  const activeFilters = Object.values(filter).filter((v) => v !== undefined).length;
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  // Open on wide screens; folded on phones until asked for.
  const [filtersChoice, setFiltersOpen] = useState<boolean | null>(null);
  const filtersOpen = !phone || (filtersChoice ?? false);
  const resetFilters = () => clear(['target', 'status', 'source', 'startedFrom', 'startedTo']);
  // Beside the navigation a tablet (up to 1024 px, landscape included) leaves under 760 px: too narrow for the
  // table's columns, which would scroll sideways and hide how each run ended. Tablets get the phone's cards.
  const cards = useMediaQuery('(max-width: 64em)', false, { getInitialValueInEffect: false });
  const [detail, setDetail] = useState<{ opened: boolean; run: ImportRun | null }>({ opened: false, run: null });
  const open = (run: ImportRun) => setDetail({ opened: true, run });
  // A row (a card on phones and tablets) opens its run; links and buttons inside it keep their own meaning.
  const openRow = (run: ImportRun) => (event: MouseEvent<HTMLElement>) => {
    if ((event.target as HTMLElement).closest('a,button')) return;
    open(run);
  };
  const fileName = (run: ImportRun) => runFileName(t, run);
  // A card needs a heading: a run without a file (a database source, the API) is named by its number, as its details are.
  const cardTitle = (run: ImportRun) => (run.fileName || run.source === 'quarantine' ? fileName(run) : t('imports.run.title', { id: run.id }));

  // /imports?run=12 opens that run's details (the scheduled sources page links here).
  const linkedId = Number(params.get('run')) || null;
  const linked = useImportRun(linkedId);
  const linkedRun = linked.data;
  useEffect(() => {
    if (linkedRun && linkedRun.id === linkedId) setDetail((d) => (d.opened && d.run?.id === linkedRun.id ? d : { opened: true, run: linkedRun }));
  }, [linkedRun, linkedId]);
  const close = () => {
    setDetail((d) => ({ ...d, opened: false }));
    if (linkedId !== null) {
      setParams(
        (current) => {
          current.delete('run');
          return current;
        },
        { replace: true },
      );
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={1} fz="h2">
            {t('imports.history.title')}
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('imports.history.intro')}
          </Text>
        </Stack>
        <Group gap="sm">
          <Button component={Link} to="/import-sources" variant="default" leftSection={<IconCalendarTime size={16} />} data-testid="to-import-sources">
            {t('imports.sources.title')}
          </Button>
          <Button component={Link} to="/imports/new" leftSection={<IconPlus size={16} />} data-testid="import-new">
            {t('imports.history.new')}
          </Button>
        </Group>
      </Group>

      {runs.error && <ErrorAlert error={runs.error} />}
      {linked.error && <ErrorAlert error={linked.error} />}
      <QuarantineSummary />

      <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label={t('imports.history.filters.label')} data-testid="imports-filters">
        {phone && (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconAdjustments size={16} />}
            onClick={() => setFiltersOpen(!filtersOpen)}
            aria-expanded={filtersOpen}
            aria-controls="imports-filter-fields"
            data-testid="imports-toggle-filters"
          >
            {activeFilters > 0 ? t('imports.history.filters.active', { n: activeFilters }) : t('imports.history.filters.label')}
          </Button>
        )}
        <Collapse expanded={filtersOpen} id="imports-filter-fields">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 5 }} spacing="sm" verticalSpacing="sm" mt={phone ? 'xs' : 0}>
            <Select
              label={t('imports.history.columns.target')}
              placeholder={t('common.all')}
              data={TARGETS.map((value) => ({ value, label: t(`imports.targets.${value}`) }))}
              value={filter.target ?? null}
              onChange={(value) => update({ target: value })}
              clearable
              data-testid="imports-filter-target"
            />
            <Select
              label={t('imports.history.columns.status')}
              placeholder={t('common.all')}
              data={RUN_FILTER_STATUSES.map((value) => ({ value, label: value === 'interrupted' ? t('imports.history.filters.interrupted') : t(`imports.status.${value}`) }))}
              value={filter.status ?? null}
              onChange={(value) => update({ status: value })}
              clearable
              data-testid="imports-filter-status"
            />
            <Select
              label={t('imports.history.filters.source')}
              placeholder={t('common.all')}
              data={RUN_FILTER_SOURCES.map((value) => ({ value, label: t(`imports.history.filters.sources.${value}`) }))}
              value={filter.source ?? null}
              onChange={(value) => update({ source: value })}
              clearable
              data-testid="imports-filter-source"
            />
            <DayInput label={t('imports.history.filters.from')} value={filter.startedFrom} max={filter.startedTo} onChange={(startedFrom) => update({ startedFrom })} data-testid="imports-filter-from" />
            <DayInput label={t('imports.history.filters.to')} value={filter.startedTo} min={filter.startedFrom} onChange={(startedTo) => update({ startedTo })} data-testid="imports-filter-to" />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" size="sm" leftSection={<IconFilterOff size={16} />} disabled={activeFilters === 0} onClick={resetFilters} data-testid="imports-filter-reset">
              {t('imports.history.filters.reset')}
            </Button>
          </Group>
        </Collapse>
      </Paper>

      <Paper withBorder pos="relative" component="section" aria-label={t('imports.history.title')} aria-busy={runs.isFetching}>
        <LoadingOverlay visible={runs.isFetching && !runs.isPending && !runs.isFetchingNextPage && runs.isPlaceholderData} zIndex={5} overlayProps={{ blur: 0, backgroundOpacity: 0.4 }} loaderProps={{ size: 'sm' }} />
        {runs.isPending && <PageLoader />}
        {runs.data && items.length === 0 && activeFilters > 0 && (
          <EmptyState
            py="xl"
            icon={<IconFileSearch size={28} />}
            title={t('imports.history.filters.empty')}
            description={t('imports.history.filters.emptyHint')}
            data-testid="imports-empty-filtered"
          >
            <Button variant="default" mt="md" leftSection={<IconFilterOff size={16} />} onClick={resetFilters}>
              {t('imports.history.filters.reset')}
            </Button>
          </EmptyState>
        )}
        {runs.data && items.length === 0 && activeFilters === 0 && (
          <EmptyState
            py="xl"
            icon={<IconFileImport size={28} />}
            title={t('imports.history.empty')}
            description={t('imports.history.emptyHint')}
            data-testid="imports-empty"
          >
            <Button component={Link} to="/imports/new" mt="md" leftSection={<IconPlus size={16} />}>
              {t('imports.history.new')}
            </Button>
          </EmptyState>
        )}
        {items.length > 0 && cards && (
          // On phones and tablets each run is a card: what it loaded, when, and how it ended, without scrolling sideways.
          <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="imports-table">
            {items.map((run, index) => (
              <Box
                component="li"
                key={run.id}
                px="md"
                py="sm"
                data-testid="import-row"
                data-status={run.status}
                data-target={run.target}
                onClick={openRow(run)}
                style={{ cursor: 'pointer', borderTop: index > 0 ? '1px solid var(--mantine-color-default-border)' : undefined }}
              >
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                  <Text size="sm" fw={600} truncate title={run.fileName ?? undefined} data-testid="import-file-name">
                    {cardTitle(run)}
                  </Text>
                  <RunStatusBadge status={run.status} />
                </Group>
                <Group gap={6} mt={4} wrap="nowrap">
                  <Text size="xs" c="dimmed" title={format.relative(run.startedAt)} style={{ whiteSpace: 'nowrap' }} data-testid="import-started">
                    {format.dateTime(run.startedAt)}
                  </Text>
                  <TargetBadge target={run.target} />
                </Group>
                <Group justify="space-between" wrap="nowrap" align="flex-end" gap="xs" mt={4}>
                  <Box data-testid="import-counts">
                    <RunCountsLine run={run} />
                  </Box>
                  <DetailsButton run={run} onOpen={open} style={{ flexShrink: 0 }} />
                </Group>
              </Box>
            ))}
          </Stack>
        )}
        {items.length > 0 && !cards && (
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="xs" data-testid="imports-table">
              <Table.Thead>
                <Table.Tr>
                  {(['at', 'target', 'file', 'status', 'counts'] as const).map((key) => (
                    <Table.Th key={key} scope="col" style={{ whiteSpace: 'nowrap' }}>
                      {t(`imports.history.columns.${key}`)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('imports.history.details')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((run) => (
                  <Table.Tr
                    key={run.id}
                    data-testid="import-row"
                    data-status={run.status}
                    data-target={run.target}
                    onClick={openRow(run)}
                    style={{ cursor: 'pointer' }}
                  >
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" title={format.relative(run.startedAt)} data-testid="import-started">
                        {format.dateTime(run.startedAt)}
                      </Text>
                      {/* Who started it and how long it took, under when: two columns fewer, so the table fits a laptop. */}
                      <Text size="xs" c="dimmed" data-testid="import-by">
                        {[runStartedBy(t, run), runDuration(run.durationMs, i18n.language)].filter(Boolean).join(' · ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <TargetBadge target={run.target} />
                    </Table.Td>
                    <Table.Td maw={260}>
                      <Text size="sm" truncate title={run.fileName ?? undefined} data-testid="import-file-name">
                        {fileName(run)}
                      </Text>
                      {typeof run.options.sourceSystem === 'string' && (
                        <Text size="xs" c="dimmed" className="mono">
                          {run.options.sourceSystem}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <RunStatusBadge status={run.status} />
                    </Table.Td>
                    <Table.Td miw={200} data-testid="import-counts">
                      <RunCountsLine run={run} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <DetailsButton run={run} onOpen={open} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {items.length > 0 && (
          <Group justify="space-between" px="md" py="sm" wrap="wrap" gap="xs">
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('imports.history.shown', { n: format.number(items.length) })}
            </Text>
            {runs.hasNextPage && (
              <Button variant="default" size="sm" loading={runs.isFetchingNextPage} onClick={() => void runs.fetchNextPage()} data-testid="imports-more">
                {t('imports.history.more')}
              </Button>
            )}
          </Group>
        )}
      </Paper>

      <Drawer
        opened={detail.opened}
        onClose={close}
        position="right"
        size={phone ? '100%' : 'xl'}
        title={detail.run ? t('imports.run.title', { id: detail.run.id }) : ''}
      >
        {detail.run && (
          <Box>
            <RunDetail key={detail.run.id} id={detail.run.id} initial={detail.run} />
          </Box>
        )}
      </Drawer>
    </Stack>
  );
}

/** Opens a run's details: on its card and in its table row alike. */
function DetailsButton({ run, onOpen, style }: { run: ImportRun; onOpen: (run: ImportRun) => void; style?: CSSProperties }) {
  const { t } = useTranslation();
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      leftSection={<IconEye size={14} />}
      onClick={() => onOpen(run)}
      aria-label={t('imports.history.detailsOf', { id: run.id })}
      data-testid="import-open"
      style={style}
    >
      {t('imports.history.details')}
    </Button>
  );
}
