import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, EmptyState, Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text, Title, useMantineTheme } from '@mantine/core';
import { IconChartBar, IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, usePageTitle, SectionCard } from '../../app/components.tsx';
import { useFormat } from '../../lib/format.ts';
import { formatMoney } from '../holdings/money.ts';
import { Chart } from '../../app/Chart.tsx';
import { HOLDING_KINDS, RFM_SEGMENTS, SEGMENT_COLORS, SegmentBadge, TierBadge, useValueLabels, VALUE_CURRENCY } from './labels.tsx';
import { useLastComputed, useRecompute, useValueSettings, useValueSummary } from './queries.ts';
import { SettingsForm } from './SettingsForm.tsx';
import { ClassCard, ClvCard, LifecycleCard, MatrixTierCard } from './GradesOverview.tsx';
import { ClassificationForm, ClvForm, MatrixForm } from './GradesSettings.tsx';
import type { ValueGroup, ValueSettings, ValueSummary } from './types.ts';
import type { SeriesChartOption } from '../../app/SeriesChart.tsx';

function Stat({ label, value, note, testId }: { label: string; value: string; note?: ReactNode; testId: string }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={{ base: 22, sm: 26 }} fw={700} lh={1.3} data-testid={`${testId}-value`} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed" mt={2} component="div">
          {note}
        </Text>
      )}
    </Paper>
  );
}

/** Percentages and money in the reader's language. */
function useFigures() {
  const format = useFormat();
  const locale = format.locale;
  return useMemo(() => {
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    return {
      number: format.number,
      money: (amount: string | null) => formatMoney(amount ?? '0', VALUE_CURRENCY, locale),
      share: (part: number, whole: number) => percent.format(whole > 0 ? part / whole : 0),
    };
  }, [format, locale]);
}

const amount = (value: string | null) => Number(value ?? 0) || 0;

function ParetoCards({ summary }: { summary: ValueSummary }) {
  const { t } = useTranslation();
  const figures = useFigures();
  const { pareto } = summary;
  const customersShare = figures.share(pareto.core, pareto.customers);
  const contributionShare = figures.share(amount(pareto.coreContribution), amount(pareto.contribution));
  return (
    <Stack gap="xs">
      <Paper withBorder p={{ base: 'sm', sm: 'md' }} bg="var(--mantine-color-grape-light)" data-testid="value-pareto">
        <Text size="sm" c="dimmed">
          {t('value.overview.paretoTitle')}
        </Text>
        <Text fz={{ base: 18, sm: 22 }} fw={700} lh={1.4} data-testid="value-pareto-text">
          {t('value.overview.pareto', { n: figures.number(pareto.core), customersShare, contributionShare })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('value.overview.paretoHint')}
        </Text>
      </Paper>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing={{ base: 'xs', sm: 'md' }}>
        <Stat testId="value-stat-customers" label={t('value.overview.customers')} value={figures.number(pareto.customers)} />
        <Stat testId="value-stat-contribution" label={t('value.overview.totalContribution')} value={figures.money(pareto.contribution)} />
        <Stat testId="value-stat-core" label={t('value.overview.coreCustomers')} value={figures.number(pareto.core)} note={t('value.overview.shareOfCustomers', { percent: customersShare })} />
        <Stat
          testId="value-stat-core-contribution"
          label={t('value.overview.coreContribution')}
          value={figures.money(pareto.coreContribution)}
          note={t('value.overview.shareOfContribution', { percent: contributionShare })}
        />
      </SimpleGrid>
    </Stack>
  );
}

type Measure = 'customers' | 'contribution';

function SegmentsCard({ summary }: { summary: ValueSummary }) {
  const { t } = useTranslation();
  const labels = useValueLabels();
  const figures = useFigures();
  const format = useFormat();
  const theme = useMantineTheme();
  const [measure, setMeasure] = useState<Measure>('customers');
  // Every named segment in a fixed order, empty ones too; customers without spending last.
  const rows: ValueGroup[] = useMemo(() => {
    const found = new Map(summary.bySegment.map((g) => [g.key, g]));
    const named = RFM_SEGMENTS.map((key) => found.get(key) ?? { key, customers: 0, contribution: '0', clv: null });
    const others = summary.bySegment.filter((g) => g.key !== null && !(RFM_SEGMENTS as readonly string[]).includes(g.key));
    const none = found.get(null);
    return [...named, ...others, ...(none ? [none] : [])];
  }, [summary.bySegment]);
  const totalCustomers = summary.pareto.customers;
  const totalContribution = amount(summary.pareto.contribution);

  const option = useMemo<SeriesChartOption>(() => {
    const value = (g: ValueGroup) => (measure === 'customers' ? g.customers : amount(g.contribution));
    const show = (v: unknown) => (measure === 'customers' ? format.number(Number(v)) : formatMoney(String(v), VALUE_CURRENCY, format.locale));
    return {
      textStyle: { fontFamily: theme.fontFamily },
      animationDuration: 300,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: show },
      grid: { left: 4, right: 24, top: 8, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', minInterval: measure === 'customers' ? 1 : 0, axisLabel: { hideOverlap: true, formatter: (v: number) => new Intl.NumberFormat(format.locale, { notation: 'compact' }).format(v) } },
      yAxis: { type: 'category', inverse: true, data: rows.map((g) => labels.segment(g.key)), axisTick: { show: false }, axisLabel: { width: 110, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: measure === 'customers' ? t('value.overview.customers') : t('value.contribution'),
          barMaxWidth: 22,
          data: rows.map((g) => ({ value: value(g), itemStyle: { color: theme.colors[(g.key && SEGMENT_COLORS[g.key]) || 'gray']![5], borderRadius: [0, 3, 3, 0] } })),
          label: { show: true, position: 'right', fontSize: 11, formatter: ({ value: v }) => (Number(v) ? show(v) : '') },
        },
      ],
    };
  }, [rows, measure, format, theme, labels, t]);
  const chartLabel = t('value.overview.chartLabel', {
    summary: format.list(rows.map((g) => `${labels.segment(g.key)} ${measure === 'customers' ? format.number(g.customers) : figures.money(g.contribution)}`)),
  });

  return (
    <SectionCard title={t('value.overview.bySegment')} hint={t('value.overview.bySegmentHint')} testId="value-segments">
      <SegmentedControl
        size="xs"
        w="fit-content"
        value={measure}
        onChange={(v) => setMeasure(v as Measure)}
        data={[
          { value: 'customers', label: t('value.overview.customers') },
          { value: 'contribution', label: t('value.contribution') },
        ]}
        data-testid="value-segment-measure"
      />
      <Chart option={option} height={rows.length * 30 + 24} label={chartLabel} data-testid="value-segment-chart" />
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={6} fz="sm" striped data-testid="value-segment-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('value.rfmSegment')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('value.overview.customers')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('value.overview.share')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('value.contribution')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('value.overview.share')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((g) => (
              <Table.Tr key={g.key ?? 'none'} data-testid="value-segment-row" data-key={g.key ?? 'none'}>
                <Table.Th scope="row" fw={400}>
                  <SegmentBadge segment={g.key} />
                  <Text size="xs" c="dimmed" mt={2}>
                    {labels.segmentHint(g.key)}
                  </Text>
                </Table.Th>
                <Table.Td ta="right" data-testid="value-segment-customers">
                  {figures.number(g.customers)}
                </Table.Td>
                <Table.Td ta="right" c="dimmed">
                  {figures.share(g.customers, totalCustomers)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="value-segment-contribution">
                  {figures.money(g.contribution)}
                </Table.Td>
                <Table.Td ta="right" c="dimmed">
                  {figures.share(Math.max(amount(g.contribution), 0), totalContribution)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </SectionCard>
  );
}

function TiersCard({ summary, settings }: { summary: ValueSummary; settings: ValueSettings | undefined }) {
  const { t } = useTranslation();
  const figures = useFigures();
  // The configured tiers, highest first, then any other tier still stored, then customers without one.
  const rows = useMemo(() => {
    const found = new Map(summary.byTier.map((g) => [g.key, g]));
    const configured = [...(settings?.tiers ?? [])].sort((a, b) => b.minContribution - a.minContribution);
    const list: (ValueGroup & { min?: number })[] = configured.map((tier) => ({ ...(found.get(tier.key) ?? { key: tier.key, customers: 0, contribution: '0', clv: null }), min: tier.minContribution }));
    for (const g of summary.byTier) if (g.key !== null && !configured.some((tier) => tier.key === g.key)) list.push(g);
    const none = found.get(null);
    if (none) list.push(none);
    return list;
  }, [summary.byTier, settings]);
  return (
    <SectionCard title={t('value.overview.byTier')} hint={t('value.overview.byTierHint')} testId="value-tiers">
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing={6} fz="sm" striped data-testid="value-tier-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('value.tierLabel')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('value.overview.minimum')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('value.overview.customers')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('value.overview.share')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('value.contribution')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((g) => (
              <Table.Tr key={g.key ?? 'none'} data-testid="value-tier-row" data-key={g.key ?? 'none'}>
                <Table.Th scope="row" fw={400}>
                  <TierBadge tier={g.key} />
                </Table.Th>
                <Table.Td ta="right" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {g.min === undefined ? '—' : figures.money(String(g.min))}
                </Table.Td>
                <Table.Td ta="right" data-testid="value-tier-customers">
                  {figures.number(g.customers)}
                </Table.Td>
                <Table.Td ta="right" c="dimmed">
                  {figures.share(g.customers, summary.pareto.customers)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="value-tier-contribution">
                  {figures.money(g.contribution)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </SectionCard>
  );
}

/** The formula in words, for everyone reading the figures. */
function FormulaCard({ settings }: { settings: ValueSettings }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useValueLabels();
  const percent = useMemo(() => new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 3 }), [format.locale]);
  // In the holdings panel's order (the server keeps them in no particular one), unknown kinds last.
  const rank = (kind: string) => {
    const i = (HOLDING_KINDS as readonly string[]).indexOf(kind);
    return i < 0 ? HOLDING_KINDS.length : i;
  };
  const rates = Object.entries(settings.holdingRates)
    .filter(([, rate]) => rate !== 0)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([kind, rate]) => `${labels.holdingKind(kind)} ${percent.format(rate)}`);
  return (
    <SectionCard title={t('value.overview.formula')} testId="value-formula">
      <Text size="sm">{t('value.overview.formulaText', { days: format.number(settings.windowDays), rate: percent.format(settings.transactionRate) })}</Text>
      <Text size="sm" c="dimmed">
        {t('value.overview.formulaRates', { rates: rates.length ? format.list(rates) : t('value.overview.noRates') })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('value.overview.formulaPareto', { share: percent.format(settings.paretoShare) })}
      </Text>
    </SectionCard>
  );
}

/** The outcome of "Recompute now", under the page header. */
function RecomputeResult({ recompute }: { recompute: ReturnType<typeof useRecompute> }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (recompute.error) return <ErrorAlert error={recompute.error} />;
  if (!recompute.data) return null;
  const seconds = new Intl.NumberFormat(format.locale, { maximumSignificantDigits: 2 }).format(recompute.data.ms / 1000);
  return (
    <Alert color="teal" variant="light" role="status" data-testid="value-recompute-result">
      {t('value.overview.recomputed', {
        customers: format.number(recompute.data.customers),
        scored: format.number(recompute.data.scored),
        core: format.number(recompute.data.core),
        seconds,
      })}
    </Alert>
  );
}

export default function ValuePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const summary = useValueSummary();
  const settings = useValueSettings();
  const lastComputed = useLastComputed();
  const recompute = useRecompute();
  const manage = can('settings:manage');
  usePageTitle(t('value.overview.title'));
  const computed = summary.data && summary.data.pareto.customers > 0;

  return (
    <Stack gap="md" data-testid="value-page">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2} maw={760} style={{ minWidth: 0 }}>
          <Title order={1} fz="h2">
            {t('value.overview.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('value.overview.intro')}
          </Text>
          <Text size="sm" c="dimmed" data-testid="value-last-computed">
            {lastComputed.data ? t('value.overview.lastComputed', { time: format.dateTime(lastComputed.data) }) : lastComputed.isPending || lastComputed.error ? '\u00a0' : t('value.overview.neverComputed')}
          </Text>
        </Stack>
        {manage && (
          <Button leftSection={<IconRefresh size={16} />} loading={recompute.isPending} onClick={() => recompute.mutate()} style={{ flexShrink: 0 }} data-testid="value-recompute">
            {t('value.overview.recompute')}
          </Button>
        )}
      </Group>
      <RecomputeResult recompute={recompute} />

      {summary.error && <ErrorAlert error={summary.error} />}
      {summary.isPending && (
        <Stack gap="md" aria-hidden>
          <Skeleton height={96} radius="md" />
          <Skeleton height={320} radius="md" />
        </Stack>
      )}
      {summary.data && !computed && (
        <Paper withBorder>
          <EmptyState
            py="xl"
            icon={<IconChartBar size={28} />}
            title={t('value.overview.empty')}
            description={manage ? t('value.overview.emptyHintManage') : t('value.overview.emptyHint')}
            data-testid="value-empty"
          />
        </Paper>
      )}
      {summary.data && computed && (
        <>
          <ParetoCards summary={summary.data} />
          <SegmentsCard summary={summary.data} />
          <TiersCard summary={summary.data} settings={settings.data} />
          <LifecycleCard summary={summary.data} />
          <MatrixTierCard summary={summary.data} settings={settings.data} />
          <ClassCard summary={summary.data} />
          <ClvCard summary={summary.data} />
        </>
      )}

      <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} title={t('value.overview.useTitle')} data-testid="value-use-note">
        <Text size="sm">{t('value.overview.useText')}</Text>
      </Alert>

      {settings.error && <ErrorAlert error={settings.error} />}
      {settings.data && <FormulaCard settings={settings.data} />}
      {manage && settings.data && (
        <SectionCard title={t('value.settings.title')} hint={t('value.settings.intro')} testId="value-settings">
          <SettingsForm settings={settings.data} />
        </SectionCard>
      )}
      {manage && settings.data && (
        <>
          <SectionCard title={t('value.matrix.title')} hint={t('value.matrix.intro')} testId="value-matrix-settings">
            <MatrixForm settings={settings.data} />
          </SectionCard>
          <SectionCard title={t('value.rules.title')} hint={t('value.rules.intro')} testId="value-rules-settings">
            <ClassificationForm settings={settings.data} />
          </SectionCard>
          <SectionCard title={t('value.clvSettings.title')} hint={t('value.clvSettings.intro')} testId="value-clv-settings">
            <ClvForm settings={settings.data} />
          </SectionCard>
        </>
      )}
    </Stack>
  );
}
