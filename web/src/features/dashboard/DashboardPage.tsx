import { lazy, memo, Suspense, useMemo, useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Anchor,
  Button,
  Collapse,
  EmptyState,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  useMantineTheme,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowDownRight, IconArrowUpRight, IconChartBar, IconPlus, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCurrentUser, usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, ErrorBoundary, orgUnitLabel, usePageTitle, SectionCard } from '../../app/components.tsx';
import { useFormat } from '../../lib/format.ts';
import { CUSTOMER_KINDS, CUSTOMER_STATUSES, type CustomerDashboard, type CustomerStatus } from '../../lib/types.ts';
import type { ChartOption, EChartProps } from './EChart.tsx';
import { useCustomerDashboard } from './queries.ts';

// ECharts is loaded with the first chart, after the figures are on screen.
const EChart = lazy(() => import('./EChart.tsx'));

const STATUS_SHADES: Record<CustomerStatus, [string, number]> = { prospect: ['blue', 6], active: ['teal', 6], dormant: ['orange', 5], churned: ['gray', 5] };
const SCOPES = ['all', 'unit_and_below', 'unit', 'own_and_subordinates', 'own'] as const;

function Chart(props: EChartProps) {
  // A chart that cannot load (e.g. its code after an update) leaves the figures and other charts standing.
  return (
    <ErrorBoundary>
      <Suspense fallback={<Skeleton height={props.height} radius="sm" />}>
        <EChart {...props} />
      </Suspense>
    </ErrorBoundary>
  );
}

function StatCard({ label, value, footer, testId }: { label: string; value: string; footer?: ReactNode; testId: string }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={{ base: 24, sm: 30 }} fw={700} lh={1.3} data-testid={`${testId}-value`} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {footer && (
        <Text size="xs" c="dimmed" mt={2} component="div">
          {footer}
        </Text>
      )}
    </Paper>
  );
}

/** A table of the figures behind a chart, folded away until asked for. */
function FiguresTable({ children, id }: { children: ReactNode; id: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div>
      <Button variant="subtle" size="compact-xs" onClick={() => setOpen(!open)} aria-expanded={open} aria-controls={id} data-testid={`${id}-toggle`}>
        {open ? t('dashboard.hideTable') : t('dashboard.showTable')}
      </Button>
      <Collapse expanded={open} id={id}>
        <Table.ScrollContainer minWidth={360} mt="xs">
          {children}
        </Table.ScrollContainer>
      </Collapse>
    </div>
  );
}

const monthRange = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { createdFrom: `${month}-01`, createdTo: `${month}-${String(last).padStart(2, '0')}` };
};

/** The cards and charts; redrawn only when the figures (or the language or screen width) change. */
const Figures = memo(function Figures({ data }: { data: CustomerDashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const theme = useMantineTheme();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false }) ?? false;
  const locale = format.locale;

  const percent = useMemo(() => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }), [locale]);
  const signed = useMemo(() => new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' }), [locale]);
  const signedPercent = useMemo(() => new Intl.NumberFormat(locale, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 }), [locale]);
  const num = (value: unknown) => format.number(Number(value) || 0);
  const color = (status: CustomerStatus) => {
    const [name, shade] = STATUS_SHADES[status];
    return theme.colors[name]![shade]!;
  };
  const statusName = (status: string) => t(`customer.status.${status}` as 'customer.status.active', { defaultValue: status });
  const kindName = (kind: string) => t(`customer.kind.${kind}` as 'customer.kind.individual', { defaultValue: kind });
  const countOf = (status: CustomerStatus) => data.byStatus.find((s) => s.status === status)?.count ?? 0;
  const share = (count: number) => (data.total > 0 ? percent.format(count / data.total) : percent.format(0));
  const base = { textStyle: { fontFamily: theme.fontFamily }, animationDuration: 400 } satisfies ChartOption;

  // ---- new this month against last month ----
  const change = data.newThisMonth - data.newLastMonth;
  // Chinese readers take red for a rise (as on their stock boards); English readers take green.
  const risingIsRed = locale.startsWith('zh');
  const trend =
    data.newLastMonth === 0 ? (
      data.newThisMonth === 0 ? t('dashboard.sameAsLastMonth') : t('dashboard.lastMonthNone')
    ) : change === 0 ? (
      t('dashboard.sameAsLastMonth')
    ) : (
      <Group gap={2} wrap="nowrap" c={(change > 0) === risingIsRed ? 'red.7' : 'teal.7'} component="span">
        {change > 0 ? <IconArrowUpRight size={14} aria-hidden /> : <IconArrowDownRight size={14} aria-hidden />}
        <span data-testid="stat-new-change">
          {t('dashboard.vsLastMonth', { change: signed.format(change), percent: signedPercent.format(change / data.newLastMonth) })}
        </span>
      </Group>
    );

  // ---- by org unit and status ----
  const units = data.byOrgUnit;
  const unitNames = units.map((u) => orgUnitLabel({ nameZh: u.nameZh, nameEn: u.nameEn }, locale));
  const byUnitOption: ChartOption = {
    ...base,
    color: CUSTOMER_STATUSES.map(color),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: num, confine: true },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 4, right: 16, top: 32, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (value: number) => format.number(value), hideOverlap: true } },
    yAxis: { type: 'category', inverse: true, data: unitNames, axisTick: { show: false }, axisLabel: { width: phone ? 80 : 150, overflow: 'truncate' } },
    series: CUSTOMER_STATUSES.map((status) => ({
      type: 'bar',
      name: statusName(status),
      stack: 'customers',
      barMaxWidth: 26,
      emphasis: { focus: 'series' },
      data: units.map((u) => u.byStatus[status] ?? 0),
    })),
  };
  const byUnitLabel = t('dashboard.chartLabel', {
    title: t('dashboard.byOrgUnit'),
    summary: format.list(units.map((u, i) => `${unitNames[i]} ${num(u.count)}`)),
  });

  // ---- by status, when there are no units below the reader's own ----
  const byStatusOption: ChartOption = {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: num, confine: true },
    grid: { left: 4, right: 16, top: 8, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (value: number) => format.number(value), hideOverlap: true } },
    yAxis: { type: 'category', inverse: true, data: CUSTOMER_STATUSES.map(statusName), axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        name: t('dashboard.customers'),
        barMaxWidth: 26,
        data: CUSTOMER_STATUSES.map((status) => ({ value: countOf(status), itemStyle: { color: color(status) } })),
        label: { show: true, position: 'right', formatter: ({ value }) => num(value) },
      },
    ],
  };

  // ---- new customers per month ----
  const monthDate = (month: string) => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return new Date(y, m - 1, 1);
  };
  const longMonth = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long' });
  const shortMonth = new Intl.DateTimeFormat(locale, { month: 'short' });
  const months = data.newByMonth;
  const monthsOption: ChartOption = {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: num, confine: true },
    grid: { left: 4, right: 8, top: 24, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: {
      type: 'category',
      data: months.map((m) => longMonth.format(monthDate(m.month))),
      axisTick: { alignWithLabel: true },
      axisLabel: {
        hideOverlap: true,
        formatter: (_value: string, index: number) => {
          const date = monthDate(months[index]!.month);
          // The year is named where it starts, and on the first bar.
          return index === 0 || date.getMonth() === 0 ? `${shortMonth.format(date)}\n${date.getFullYear()}` : shortMonth.format(date);
        },
      },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (value: number) => format.number(value) } },
    series: [
      {
        type: 'bar',
        name: t('dashboard.newCustomers'),
        barMaxWidth: 32,
        itemStyle: { color: theme.colors.blue[6], borderRadius: [3, 3, 0, 0] },
        label: { show: !phone, position: 'top', fontSize: 11, formatter: ({ value }) => (Number(value) ? num(value) : '') },
        data: months.map((m) => m.count),
      },
    ],
  };
  const monthsLabel = t('dashboard.chartLabel', {
    title: t('dashboard.newByMonth'),
    summary: format.list(months.map((m) => `${longMonth.format(monthDate(m.month))} ${num(m.count)}`)),
  });

  // ---- by kind ----
  const kinds = CUSTOMER_KINDS.map((kind) => ({ kind, count: data.byKind.find((k) => k.kind === kind)?.count ?? 0 }));
  const kindOption: ChartOption = {
    ...base,
    color: [theme.colors.indigo[5], theme.colors.cyan[5]],
    tooltip: { trigger: 'item', valueFormatter: num, confine: true },
    // The figures are in the legend: labels around a small donut get cut off on phones.
    legend: {
      bottom: 0,
      left: 'center',
      itemWidth: 14,
      itemHeight: 10,
      formatter: (name: string) => {
        const kind = kinds.find((k) => kindName(k.kind) === name);
        return kind ? `${name} ${t('dashboard.countShare', { n: num(kind.count), percent: share(kind.count) })}` : name;
      },
    },
    series: [
      {
        type: 'pie',
        name: t('dashboard.byKind'),
        radius: ['48%', '72%'],
        center: ['50%', '44%'],
        label: { show: false },
        emphasis: { scale: true, scaleSize: 4 },
        data: kinds.map((k) => ({ name: kindName(k.kind), value: k.count })),
      },
    ],
  };
  const kindLabel = t('dashboard.chartLabel', {
    title: t('dashboard.byKind'),
    summary: format.list(kinds.map((k) => `${kindName(k.kind)} ${t('dashboard.countShare', { n: num(k.count), percent: share(k.count) })}`)),
  });

  const unitsHeight = Math.max(200, units.length * (phone ? 34 : 40) + (phone ? 64 : 48));

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing={{ base: 'xs', sm: 'md' }} data-testid="stat-cards">
        <StatCard testId="stat-total" label={t('dashboard.total')} value={format.number(data.total)} />
        <StatCard testId="stat-new" label={t('dashboard.newThisMonth')} value={format.number(data.newThisMonth)} footer={trend} />
        <StatCard testId="stat-active" label={t('dashboard.activeCustomers')} value={format.number(countOf('active'))} footer={t('dashboard.share', { percent: share(countOf('active')) })} />
        <StatCard testId="stat-prospect" label={t('dashboard.prospects')} value={format.number(countOf('prospect'))} footer={t('dashboard.share', { percent: share(countOf('prospect')) })} />
      </SimpleGrid>

      <Grid gap={{ base: 'xs', sm: 'md' }}>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {units.length > 0 ? (
            <SectionCard fill title={t('dashboard.byOrgUnit')} hint={t('dashboard.byOrgUnitHint')} testId="chart-org-units">
              <Chart
                option={byUnitOption}
                height={unitsHeight}
                label={byUnitLabel}
                data-testid="chart-org-units-canvas"
                onClick={(event) => {
                  const unit = units[event.dataIndex];
                  const status = CUSTOMER_STATUSES[event.seriesIndex ?? -1];
                  if (unit) navigate(`/customers?${new URLSearchParams({ orgUnitId: String(unit.orgUnitId), ...(status ? { status } : {}) })}`);
                }}
              />
              <FiguresTable id="org-unit-figures">
                <Table striped verticalSpacing={4} fz="sm" data-testid="org-unit-figures">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('dashboard.orgUnit')}</Table.Th>
                      {CUSTOMER_STATUSES.map((status) => (
                        <Table.Th key={status} scope="col" ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {statusName(status)}
                        </Table.Th>
                      ))}
                      <Table.Th scope="col" ta="right">
                        {t('dashboard.sum')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {units.map((unit, i) => (
                      <Table.Tr key={unit.orgUnitId} data-testid="org-unit-figure">
                        <Table.Th scope="row" fw={400}>
                          <Anchor component={Link} to={`/customers?orgUnitId=${unit.orgUnitId}`} size="sm">
                            {unitNames[i]}
                          </Anchor>
                        </Table.Th>
                        {CUSTOMER_STATUSES.map((status) => (
                          <Table.Td key={status} ta="right">
                            {num(unit.byStatus[status] ?? 0)}
                          </Table.Td>
                        ))}
                        <Table.Td ta="right" fw={600}>
                          {num(unit.count)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </FiguresTable>
            </SectionCard>
          ) : (
            <SectionCard fill title={t('dashboard.byStatus')} hint={t('dashboard.noSubUnits')} testId="chart-status">
              <Chart
                option={byStatusOption}
                height={220}
                label={t('dashboard.chartLabel', {
                  title: t('dashboard.byStatus'),
                  summary: format.list(CUSTOMER_STATUSES.map((s) => `${statusName(s)} ${num(countOf(s))}`)),
                })}
                onClick={(event) => {
                  const status = CUSTOMER_STATUSES[event.dataIndex];
                  if (status) navigate(`/customers?status=${status}`);
                }}
              />
            </SectionCard>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <SectionCard fill title={t('dashboard.byKind')} testId="chart-kind">
            <Chart
              option={kindOption}
              height={260}
              label={kindLabel}
              onClick={(event) => {
                const kind = CUSTOMER_KINDS[event.dataIndex];
                if (kind) navigate(`/customers?kind=${kind}`);
              }}
            />
          </SectionCard>
        </Grid.Col>
        <Grid.Col span={12}>
          <SectionCard fill title={t('dashboard.newByMonth')} hint={t('dashboard.newByMonthHint')} testId="chart-months">
            <Chart
              option={monthsOption}
              height={phone ? 240 : 280}
              label={monthsLabel}
              data-testid="chart-months-canvas"
              onClick={(event) => {
                const month = months[event.dataIndex];
                if (month) navigate(`/customers?${new URLSearchParams(monthRange(month.month))}`);
              }}
            />
            <FiguresTable id="month-figures">
              <Table striped verticalSpacing={4} fz="sm" data-testid="month-figures">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('dashboard.month')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('dashboard.newCustomers')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {months.map((m) => (
                    <Table.Tr key={m.month}>
                      <Table.Th scope="row" fw={400}>
                        <Anchor component={Link} to={`/customers?${new URLSearchParams(monthRange(m.month))}`} size="sm">
                          {longMonth.format(monthDate(m.month))}
                        </Anchor>
                      </Table.Th>
                      <Table.Td ta="right">{num(m.count)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </FiguresTable>
          </SectionCard>
        </Grid.Col>
      </Grid>
    </Stack>
  );
});

function Placeholder() {
  return (
    <Stack gap="md" aria-hidden>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing={{ base: 'xs', sm: 'md' }}>
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} height={96} radius="md" />
        ))}
      </SimpleGrid>
      <Grid gap={{ base: 'xs', sm: 'md' }}>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Skeleton height={300} radius="md" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Skeleton height={300} radius="md" />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  const can = usePermissions();
  const dashboard = useCustomerDashboard();
  usePageTitle(t('dashboard.title'));
  const unit = me.orgUnit ? orgUnitLabel(me.orgUnit, format.locale) : '';
  const scope = (SCOPES as readonly string[]).includes(me.dataScope) ? (me.dataScope as (typeof SCOPES)[number]) : 'all';

  return (
    <Stack gap="md" data-testid="dashboard">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Title order={1} fz="h2">
            {t('dashboard.title')}
          </Title>
          <Text size="sm" c="dimmed" data-testid="dashboard-scope">
            {t(`dashboard.scope.${scope}`, { unit })}
            {dashboard.data && ` · ${t('dashboard.updatedAt', { time: format.dateTime(dashboard.data.computedAt) })}`}
          </Text>
        </div>
        <Tooltip label={t('dashboard.refresh')} withArrow>
          <ActionIcon
            variant="default"
            size="lg"
            onClick={() => void dashboard.refetch()}
            loading={dashboard.isFetching}
            aria-label={t('dashboard.refresh')}
            data-testid="dashboard-refresh"
          >
            <IconRefresh size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>

      {dashboard.error && <ErrorAlert error={dashboard.error} />}
      {dashboard.isPending && (
        <>
          <Text role="status" size="sm" c="dimmed">
            {t('common.loading')}
          </Text>
          <Placeholder />
        </>
      )}
      {dashboard.data && dashboard.data.total === 0 ? (
        <Paper withBorder>
          <EmptyState py="xl" icon={<IconChartBar size={28} />} title={t('dashboard.empty')} description={t('dashboard.emptyHint')} data-testid="dashboard-empty">
            {can('customer:create') && (
              <Group justify="center" mt="sm">
                <Button component={Link} to="/customers/new" leftSection={<IconPlus size={16} />}>
                  {t('dashboard.newCustomer')}
                </Button>
              </Group>
            )}
          </EmptyState>
        </Paper>
      ) : (
        dashboard.data && <Figures data={dashboard.data} />
      )}
    </Stack>
  );
}
