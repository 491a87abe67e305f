import { useMemo, useState } from 'react';
import { Box, Button, EmptyState, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Table, Text, Title, useMantineTheme } from '@mantine/core';
import { IconChartBar, IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePermissions } from '../../app/auth.tsx';
import { Chart } from '../../app/Chart.tsx';
import { ErrorAlert, usePageTitle } from '../../app/components.tsx';
import { DayInput } from '../../app/DayInput.tsx';
import type { SeriesChartOption } from '../../app/SeriesChart.tsx';
import { useFormat } from '../../lib/format.ts';
import { presetRange, useRowLabel } from './labels.ts';
import { downloadReport, useTicketReport } from './queries.ts';
import { REPORT_DIMENSIONS, TICKET_TYPES, type ReportDimension, type ReportQuery, type ReportRow, type TicketType } from './types.ts';

const PRESETS = ['month', 'quarter', 'year'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Complaint analysis: tickets of a period grouped by one dimension, with response and resolution times, SLA, reopening and satisfaction. */
export default function ReportPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('serviceReports.title'));
  const format = useFormat();
  const can = usePermissions();
  const [params, setParams] = useSearchParams();
  const fallback = presetRange('month');
  const from = DAY.test(params.get('from') ?? '') ? params.get('from')! : fallback.from;
  const to = DAY.test(params.get('to') ?? '') ? params.get('to')! : fallback.to;
  const by = (REPORT_DIMENSIONS as readonly string[]).includes(params.get('by') ?? '') ? (params.get('by') as ReportDimension) : 'category';
  const type = (TICKET_TYPES as readonly string[]).includes(params.get('type') ?? '') ? (params.get('type') as TicketType) : undefined;
  const query: ReportQuery = { by, from, to, ...(type ? { type } : {}) };
  const report = useTicketReport(query);
  const label = useRowLabel(by);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  const set = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const activePreset = PRESETS.find((p) => presetRange(p).from === from && presetRange(p).to === to);

  async function exportExcel() {
    setExporting(true);
    setExportError(null);
    try {
      await downloadReport(query, i18n.language);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} fz="h2">
          {t('serviceReports.title')}
        </Title>
        {can('customer:export') && (
          <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} loading={exporting} onClick={exportExcel} data-testid="report-export">
            {t('serviceReports.export')}
          </Button>
        )}
      </Group>
      <Text c="dimmed" size="sm" maw={760}>
        {t('serviceReports.intro')}
      </Text>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group gap="xs" wrap="wrap">
            {PRESETS.map((p) => (
              <Button key={p} size="xs" variant={activePreset === p ? 'filled' : 'light'} onClick={() => set(presetRange(p))} data-testid={`report-preset-${p}`}>
                {t(`serviceReports.preset.${p}`)}
              </Button>
            ))}
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            <DayInput label={t('serviceReports.from')} value={from} max={to} clearable={false} onChange={(day) => DAY.test(day) && set({ from: day })} data-testid="report-from" />
            <DayInput label={t('serviceReports.to')} value={to} min={from} clearable={false} onChange={(day) => DAY.test(day) && set({ to: day })} data-testid="report-to" />
            <Select
              label={t('serviceReports.typeFilter')}
              placeholder={t('serviceReports.allTypes')}
              data={TICKET_TYPES.map((v) => ({ value: v, label: t(`serviceReports.type.${v}`) }))}
              value={type ?? null}
              onChange={(v) => set({ type: v })}
              clearable
              data-testid="report-type"
            />
            <Select
              label={t('serviceReports.groupBy')}
              data={REPORT_DIMENSIONS.map((v) => ({ value: v, label: t(`serviceReports.by.${v}`) }))}
              value={by}
              onChange={(v) => set({ by: v })}
              allowDeselect={false}
              data-testid="report-by"
            />
          </SimpleGrid>
        </Stack>
      </Paper>
      {exportError ? <ErrorAlert error={exportError} /> : null}
      {report.error && <ErrorAlert error={report.error} />}
      {report.isPending && <Skeleton height={240} />}
      {report.data && report.data.total.tickets === 0 && (
        <Paper withBorder>
          <EmptyState py="xl" icon={<IconChartBar size={28} />} title={t('serviceReports.empty')} data-testid="report-empty" />
        </Paper>
      )}
      {report.data && report.data.total.tickets > 0 && (
        <>
          <Figures total={report.data.total} />
          <Paper withBorder p="md" component="section" aria-label={t('serviceReports.chartCount')}>
            <Title order={2} fz="h4" mb="xs">
              {t('serviceReports.chartCount')}
            </Title>
            <CountChart rows={report.data.rows} by={by} label={label} />
          </Paper>
          {by === 'month' && (
            <Paper withBorder p="md" component="section" aria-label={t('serviceReports.chartTrend')}>
              <Title order={2} fz="h4" mb="xs">
                {t('serviceReports.chartTrend')}
              </Title>
              <TrendChart rows={report.data.rows} />
            </Paper>
          )}
          <Paper withBorder component="section" aria-label={t('serviceReports.table')}>
            <ReportTable rows={report.data.rows} total={report.data.total} by={by} label={label} format={format} />
          </Paper>
        </>
      )}
    </Stack>
  );
}

const hours = (v: number | null, locale: string) => (v === null ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v));
const percent = (v: number | null, locale: string) => (v === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v));
const score = (v: number | null, locale: string) => (v === null ? '—' : new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(v));

function Figures({ total }: { total: ReportRow }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const items: [string, string, string][] = [
    ['tickets', t('serviceReports.col.tickets'), new Intl.NumberFormat(locale).format(total.tickets)],
    ['open', t('serviceReports.col.open'), new Intl.NumberFormat(locale).format(total.open)],
    ['resolution', t('serviceReports.col.resolutionMedian'), hours(total.resolutionMedianHours, locale)],
    ['sla', t('serviceReports.col.slaBreach'), percent(total.slaBreachRate, locale)],
    ['satisfaction', t('serviceReports.col.satisfaction'), score(total.satisfactionAvg, locale)],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm" data-testid="report-figures">
      {items.map(([key, name, value]) => (
        <Paper key={key} withBorder p="sm" data-testid={`report-figure-${key}`}>
          <Text size="xs" c="dimmed">
            {name}
          </Text>
          <Text fz="xl" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="report-figure-value">
            {value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function CountChart({ rows, by, label }: { rows: ReportRow[]; by: ReportDimension; label: (row: ReportRow) => string }) {
  const { t, i18n } = useTranslation();
  const theme = useMantineTheme();
  // Months read left to right in time; the other groups as bars, largest first.
  const ordered = useMemo(() => (by === 'month' ? [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key))) : rows.slice(0, 20)), [rows, by]);
  const option = useMemo<SeriesChartOption>(() => {
    const names = ordered.map(label);
    const bars = { type: 'bar' as const, name: t('serviceReports.col.tickets'), barMaxWidth: 24, data: ordered.map((r) => r.tickets), itemStyle: { color: theme.colors.indigo[5] }, label: { show: true, position: by === 'month' ? ('top' as const) : ('right' as const), fontSize: 11 } };
    const base = { textStyle: { fontFamily: theme.fontFamily }, animationDuration: 300, tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const }, confine: true } };
    if (by === 'month') {
      return { ...base, grid: { left: 8, right: 16, top: 20, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' }, xAxis: { type: 'category', data: names }, yAxis: { type: 'value', minInterval: 1 }, series: [bars] };
    }
    return {
      ...base,
      grid: { left: 4, right: 32, top: 8, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: names, axisTick: { show: false }, axisLabel: { width: 140, overflow: 'truncate' } },
      series: [bars],
    };
  }, [ordered, by, label, t, theme]);
  const summary = ordered.map((r) => `${label(r)} ${new Intl.NumberFormat(i18n.language).format(r.tickets)}`).join(', ');
  const height = by === 'month' ? 240 : ordered.length * 30 + 24;
  return <Chart option={option} height={height} label={t('serviceReports.chartLabel', { summary })} data-testid="report-count-chart" />;
}

function TrendChart({ rows }: { rows: ReportRow[] }) {
  const { t, i18n } = useTranslation();
  const theme = useMantineTheme();
  const ordered = useMemo(() => [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key))), [rows]);
  const option = useMemo<SeriesChartOption>(
    () => ({
      textStyle: { fontFamily: theme.fontFamily },
      animationDuration: 300,
      tooltip: { trigger: 'axis', confine: true },
      grid: { left: 8, right: 8, top: 24, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', data: ordered.map((r) => r.key ?? '') },
      yAxis: [
        { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => percent(v, i18n.language) } },
        { type: 'value', min: 0, max: 5, interval: 1, splitLine: { show: false } },
      ],
      series: [
        { type: 'line', name: t('serviceReports.col.slaBreach'), yAxisIndex: 0, data: ordered.map((r) => r.slaBreachRate), itemStyle: { color: theme.colors.red[6] }, tooltip: { valueFormatter: (v) => percent(v as number | null, i18n.language) } },
        { type: 'line', name: t('serviceReports.col.satisfaction'), yAxisIndex: 1, data: ordered.map((r) => r.satisfactionAvg), itemStyle: { color: theme.colors.teal[6] }, connectNulls: true },
      ],
    }),
    [ordered, t, theme, i18n.language],
  );
  return (
    <>
      <Group gap="md" mb={4}>
        <Legend color={theme.colors.red[6]!} text={t('serviceReports.legendSla')} />
        <Legend color={theme.colors.teal[6]!} text={t('serviceReports.legendSatisfaction')} />
      </Group>
      <Chart option={option} height={240} label={t('serviceReports.chartTrend')} data-testid="report-trend-chart" />
    </>
  );
}

function Legend({ color, text }: { color: string; text: string }) {
  return (
    <Group gap={6}>
      <Box w={14} h={3} bg={color} style={{ borderRadius: 2 }} />
      <Text size="xs" c="dimmed">
        {text}
      </Text>
    </Group>
  );
}

const COLUMNS = ['tickets', 'open', 'firstResponseMedian', 'firstResponseP90', 'resolutionMedian', 'resolutionP90', 'slaBreach', 'reopen', 'satisfaction'] as const;

function ReportTable({ rows, total, by, label, format }: { rows: ReportRow[]; total: ReportRow; by: ReportDimension; label: (row: ReportRow) => string; format: { locale: string; number(v: number): string } }) {
  const { t } = useTranslation();
  const l = format.locale;
  const cells = (r: ReportRow) => [
    format.number(r.tickets),
    format.number(r.open),
    hours(r.firstResponseMedianHours, l),
    hours(r.firstResponseP90Hours, l),
    hours(r.resolutionMedianHours, l),
    hours(r.resolutionP90Hours, l),
    percent(r.slaBreachRate, l),
    percent(r.reopenRate, l),
    r.satisfactionAvg === null ? '—' : `${score(r.satisfactionAvg, l)} (${format.number(r.satisfactionCount)})`,
  ];
  const ordered = by === 'month' ? [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key))) : rows;
  const num = { textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table striped highlightOnHover verticalSpacing={6} fz="sm" data-testid="report-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t(`serviceReports.by.${by}`)}</Table.Th>
            {COLUMNS.map((c) => (
              <Table.Th key={c} scope="col" style={{ textAlign: 'right' }}>
                {t(`serviceReports.col.${c}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ordered.map((r) => (
            <Table.Tr key={r.key ?? '-'} data-testid="report-row" data-key={r.key ?? ''}>
              <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }} data-testid="report-row-label">
                {label(r)}
              </Table.Th>
              {cells(r).map((v, i) => (
                <Table.Td key={COLUMNS[i]} style={num} data-col={COLUMNS[i]}>
                  {v}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr data-testid="report-total">
            <Table.Th scope="row">{t('serviceReports.total')}</Table.Th>
            {cells(total).map((v, i) => (
              <Table.Th key={COLUMNS[i]} style={num} data-col={COLUMNS[i]}>
                {v}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
