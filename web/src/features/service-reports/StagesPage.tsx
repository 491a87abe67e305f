import { useMemo } from 'react';
import { Anchor, Badge, Box, EmptyState, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, Title, Tooltip, useMantineTheme } from '@mantine/core';
import { IconAlarm, IconRoute } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Chart } from '../../app/Chart.tsx';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { DayInput } from '../../app/DayInput.tsx';
import type { SeriesChartOption } from '../../app/SeriesChart.tsx';
import { useFormat } from '../../lib/format.ts';
import { useProcessList, useStageReport } from './queries.ts';
import type { StageReport, StageRow } from './types.ts';

const named = (x: { nameZh: string; nameEn: string }, locale: string) => (locale === 'en' ? x.nameEn || x.nameZh : x.nameZh);
const subjectLink = (c: { subjectType?: string; subjectId?: number }) => (c.subjectType === 'ticket' && c.subjectId ? `/tickets/${c.subjectId}` : null);

/** The stage report of a process: time spent per state against its limit, and the open cases at risk of missing a key node. */
export default function StagesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('serviceReports.stages.title'));
  const [params, setParams] = useSearchParams();
  const processes = useProcessList();
  const key = params.get('process') ?? processes.data?.find((p) => p.key === 'complaint')?.key ?? processes.data?.[0]?.key ?? null;
  const riskHours = Math.min(720, Math.max(0, Number(params.get('risk') ?? 24) || 0));
  const since = /^\d{4}-\d{2}-\d{2}$/.test(params.get('since') ?? '') ? params.get('since') : null;
  const report = useStageReport(key, riskHours, since);
  const set = (name: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  return (
    <Stack gap="md">
      <Title order={1} fz="h2">
        {t('serviceReports.stages.title')}
      </Title>
      <Text c="dimmed" size="sm" maw={760}>
        {t('serviceReports.stages.intro')}
      </Text>
      {processes.error && <ErrorAlert error={processes.error} />}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t('serviceReports.stages.process')}
            data={(processes.data ?? []).map((p) => ({ value: p.key, label: `${named(p, i18n.language)} (v${p.version})` }))}
            value={key}
            onChange={(v) => set('process', v)}
            allowDeselect={false}
            data-testid="stages-process"
          />
          <NumberInput
            label={t('serviceReports.stages.riskHours')}
            description={t('serviceReports.stages.riskHoursHint')}
            min={0}
            max={720}
            value={riskHours}
            onChange={(v) => set('risk', v === '' ? null : String(v))}
            data-testid="stages-risk"
          />
          <DayInput label={t('serviceReports.stages.since')} description={t('serviceReports.stages.sinceHint')} value={since} onChange={(day) => set('since', day || null)} data-testid="stages-since" />
        </SimpleGrid>
      </Paper>
      {report.error && <ErrorAlert error={report.error} />}
      {(processes.isPending || (key && report.isPending)) && <PageLoader />}
      {report.data && <Report report={report.data} />}
    </Stack>
  );
}

function Report({ report }: { report: StageReport }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const stateName = new Map(report.states.map((s) => [s.state, named(s, i18n.language)]));
  const h = (v: number | null) => (v === null ? '—' : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(v));
  return (
    <>
      <Paper withBorder component="section" aria-labelledby="stages-states" p="md">
        <Title order={2} fz="h4" id="stages-states" mb="xs">
          {t('serviceReports.stages.perState')}
        </Title>
        {report.states.length === 0 ? (
          <EmptyState py="md" icon={<IconRoute size={24} />} title={t('serviceReports.stages.noCases')} data-testid="stages-empty" />
        ) : (
          <>
            <StateChart states={report.states} />
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing={6} fz="sm" striped data-testid="stages-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('serviceReports.stages.state')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('serviceReports.stages.visits')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('serviceReports.stages.median')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('serviceReports.stages.p90')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('serviceReports.stages.limit')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('serviceReports.stages.openNow')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.states.map((s) => (
                    <StateRow key={s.state} row={s} h={h} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Paper>

      <Paper withBorder component="section" aria-labelledby="stages-risk-title" p="md">
        <Group gap="xs" mb="xs">
          <IconAlarm size={18} />
          <Title order={2} fz="h4" id="stages-risk-title">
            {t('serviceReports.stages.atRisk')}
          </Title>
        </Group>
        {report.atRisk.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="stages-no-risk">
            {t('serviceReports.stages.noRisk')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table verticalSpacing={6} fz="sm" highlightOnHover data-testid="stages-risk-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('serviceReports.stages.case')}</Table.Th>
                  <Table.Th scope="col">{t('serviceReports.stages.state')}</Table.Th>
                  <Table.Th scope="col">{t('serviceReports.stages.due')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.atRisk.map((c) => (
                  <Table.Tr key={c.id} data-testid="stages-risk-row">
                    <Table.Td>
                      <CaseLink c={c} />
                    </Table.Td>
                    <Table.Td>{stateName.get(c.state) ?? c.state}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {c.dueAt ? format.dateTime(c.dueAt) : '—'}
                        </Text>
                        {c.overdue ? (
                          <Badge color="red" variant="light" size="sm">
                            {t('serviceReports.stages.overdue')}
                          </Badge>
                        ) : (
                          c.dueAt && (
                            <Text size="xs" c="dimmed">
                              {format.relative(c.dueAt)}
                            </Text>
                          )
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <Paper withBorder component="section" aria-labelledby="stages-cases-title" p="md">
        <Title order={2} fz="h4" id="stages-cases-title" mb="xs">
          {t('serviceReports.stages.recent')}
        </Title>
        {report.cases.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('serviceReports.stages.noCases')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing={6} fz="sm" striped data-testid="stages-cases-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('serviceReports.stages.case')}</Table.Th>
                  <Table.Th scope="col">{t('serviceReports.stages.state')}</Table.Th>
                  <Table.Th scope="col">{t('serviceReports.stages.created')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('serviceReports.stages.totalHours')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.cases.slice(0, 50).map((c) => (
                  <Table.Tr key={c.id} data-testid="stages-case-row">
                    <Table.Td>
                      <CaseLink c={c} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm">{stateName.get(c.state) ?? c.state}</Text>
                        {c.status !== 'open' && (
                          <Badge variant="light" color="gray" size="xs">
                            {t('serviceReports.stages.closed')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(c.createdAt)}</Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {h(c.totalHours)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  );
}

function CaseLink({ c }: { c: { reference: string; title: string; subjectType?: string; subjectId?: number } }) {
  const to = subjectLink(c);
  return (
    <div>
      {to ? (
        <Anchor component={Link} to={to} size="sm" className="mono" fw={600}>
          {c.reference}
        </Anchor>
      ) : (
        <Text size="sm" className="mono" fw={600}>
          {c.reference}
        </Text>
      )}
      <Text size="xs" c="dimmed" lineClamp={1}>
        {c.title}
      </Text>
    </div>
  );
}

function StateRow({ row, h }: { row: StageRow; h: (v: number | null) => string }) {
  const { t, i18n } = useTranslation();
  const limit = row.limitHours;
  const over = (v: number | null) => limit !== null && v !== null && v > limit;
  const cell = (v: number | null, testId: string) => (
    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={testId} data-over={over(v) || undefined}>
      {over(v) ? (
        <Tooltip label={t('serviceReports.stages.overLimit')} withArrow>
          <Text span size="sm" c="red" fw={700}>
            {h(v)}
          </Text>
        </Tooltip>
      ) : (
        h(v)
      )}
    </Table.Td>
  );
  return (
    <Table.Tr data-testid="stages-state-row" data-state={row.state} bg={over(row.medianHours) ? 'var(--mantine-color-red-light)' : undefined}>
      <Table.Th scope="row" fw={500}>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500}>
            {named(row, i18n.language)}
          </Text>
          {row.stage && (
            <Badge size="xs" variant="light" color="indigo">
              {t('serviceReports.stages.keyNode')}
            </Badge>
          )}
        </Group>
      </Table.Th>
      <Table.Td ta="right">{row.visits}</Table.Td>
      {cell(row.medianHours, 'stages-median')}
      {cell(row.p90Hours, 'stages-p90')}
      <Table.Td ta="right">{limit === null ? '—' : h(limit)}</Table.Td>
      <Table.Td ta="right" data-testid="stages-open">
        {row.openNow}
      </Table.Td>
    </Table.Tr>
  );
}

/** Median and p90 hours per state as bars, the state's time limit as a mark above them. */
function StateChart({ states }: { states: StageRow[] }) {
  const { t, i18n } = useTranslation();
  const theme = useMantineTheme();
  const option = useMemo<SeriesChartOption>(
    () => ({
      textStyle: { fontFamily: theme.fontFamily },
      animationDuration: 300,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      grid: { left: 8, right: 8, top: 12, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', data: states.map((s) => named(s, i18n.language)), axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: 'value', min: 0 },
      series: [
        { type: 'bar', name: t('serviceReports.stages.median'), barMaxWidth: 18, data: states.map((s) => ({ value: s.medianHours ?? 0, itemStyle: { color: s.limitHours !== null && (s.medianHours ?? 0) > s.limitHours ? theme.colors.red[6] : theme.colors.indigo[5] } })) },
        { type: 'bar', name: t('serviceReports.stages.p90'), barMaxWidth: 18, data: states.map((s) => ({ value: s.p90Hours ?? 0, itemStyle: { color: s.limitHours !== null && (s.p90Hours ?? 0) > s.limitHours ? theme.colors.red[3] : theme.colors.indigo[2] } })) },
        { type: 'line', name: t('serviceReports.stages.limit'), data: states.map((s) => s.limitHours), symbol: 'rect', symbolSize: [22, 3], lineStyle: { width: 0 }, itemStyle: { color: theme.colors.dark[4] } },
      ],
    }),
    [states, theme, t, i18n.language],
  );
  const summary = states.map((s) => `${named(s, i18n.language)} ${s.medianHours ?? 0}/${s.p90Hours ?? 0}${s.limitHours === null ? '' : ` (${s.limitHours})`}`).join(', ');
  return (
    <Box mb="sm">
      <Group gap="md" mb={4}>
        <Key color={theme.colors.indigo[5]!} text={t('serviceReports.stages.median')} />
        <Key color={theme.colors.indigo[2]!} text={t('serviceReports.stages.p90')} />
        <Key color={theme.colors.dark[4]!} text={t('serviceReports.stages.limit')} />
        <Key color={theme.colors.red[6]!} text={t('serviceReports.stages.overLimit')} />
      </Group>
      <Chart option={option} height={200} label={t('serviceReports.stages.chartLabel', { summary })} data-testid="stages-chart" />
    </Box>
  );
}

function Key({ color, text }: { color: string; text: string }) {
  return (
    <Group gap={6}>
      <Box w={12} h={8} bg={color} style={{ borderRadius: 2 }} />
      <Text size="xs" c="dimmed">
        {text}
      </Text>
    </Group>
  );
}
