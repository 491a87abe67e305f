import { useMemo } from 'react';
import { Box, EmptyState, Group, Skeleton, Stack, Table, Text, Tooltip, useMantineTheme } from '@mantine/core';
import { IconChartLine, IconStarFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/components.tsx';
import { useFormat } from '../../lib/format.ts';
import type { CustomerPanelProps } from '../customers/panels.ts';
import { formatMoney } from '../holdings/money.ts';
import { Chart } from '../../app/Chart.tsx';
import { ClassBadge, CoreBadge, SegmentBadge, TierBadge, useValueLabels, VALUE_CURRENCY, VipBadge } from './labels.tsx';
import { useCustomerValue, useValueSettings } from './queries.ts';
import type { CustomerValueDay, CustomerValueNow } from './types.ts';
import type { SeriesChartOption } from '../../app/SeriesChart.tsx';

const SCORES = ['r', 'f', 'm'] as const;

/** A 1–5 score as five small blocks, filled up to the score. */
function ScoreBar({ letter, score }: { letter: (typeof SCORES)[number]; score: number | null }) {
  const { t } = useTranslation();
  const theme = useMantineTheme();
  const name = t(`value.score.${letter}`);
  const text = score === null ? t('value.score.none', { name }) : t('value.score.of5', { name, score });
  return (
    <Group gap={6} wrap="nowrap" role="img" aria-label={text} data-testid={`value-score-${letter}`} data-score={score ?? ''}>
      <Tooltip label={t(`value.score.${letter}Hint`)} withArrow multiline maw={260}>
        <Text size="xs" fw={700} w={14} ta="center" aria-hidden>
          {letter.toUpperCase()}
        </Text>
      </Tooltip>
      <Text size="xs" c="dimmed" w={72} aria-hidden>
        {name}
      </Text>
      <Group gap={3} wrap="nowrap" aria-hidden>
        {[1, 2, 3, 4, 5].map((step) => (
          <Box
            key={step}
            w={14}
            h={8}
            style={{ borderRadius: 2, background: score !== null && step <= score ? theme.colors.blue[6] : 'var(--mantine-color-default-border)' }}
          />
        ))}
      </Group>
      <Text size="xs" fw={600} aria-hidden style={{ fontVariantNumeric: 'tabular-nums' }}>
        {score ?? '—'}
      </Text>
    </Group>
  );
}

/** A label and its figure on one line, as a narrow column reads best. */
function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid={`${testId}-value`}>
        {value}
      </Text>
    </Group>
  );
}

/** Contribution by day, oldest on the left. */
function Trend({ history }: { history: CustomerValueDay[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const theme = useMantineTheme();
  const days = useMemo(() => [...history].reverse(), [history]);
  const locale = format.locale;
  const money = (value: unknown) => formatMoney(String(value), VALUE_CURRENCY, locale);
  // The axis drops the year of the dates written elsewhere (2024-01-05 → 01-05), to stay short.
  const axisDay = (day: string) => format.date(day).slice(5);
  const option = useMemo<SeriesChartOption>(
    () => ({
      textStyle: { fontFamily: theme.fontFamily },
      animationDuration: 300,
      tooltip: { trigger: 'axis', confine: true, valueFormatter: (value) => formatMoney(String(value), VALUE_CURRENCY, locale) },
      grid: { left: 4, right: 12, top: 12, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', boundaryGap: false, data: days.map((d) => axisDay(d.computedOn)), axisLabel: { hideOverlap: true, fontSize: 10 } },
      yAxis: { type: 'value', axisLabel: { fontSize: 10, formatter: (value: number) => new Intl.NumberFormat(locale, { notation: 'compact' }).format(value) } },
      series: [
        {
          type: 'line',
          name: t('value.contribution'),
          data: days.map((d) => Number(d.contribution)),
          smooth: false,
          symbolSize: 5,
          lineStyle: { color: theme.colors.blue[6], width: 2 },
          itemStyle: { color: theme.colors.blue[6] },
          areaStyle: { color: theme.colors.blue[1], opacity: 0.6 },
        },
      ],
    }),
    [days, format, locale, t, theme],
  );
  const label = t('value.panel.trendLabel', { summary: format.list(days.map((d) => `${format.date(d.computedOn)} ${money(d.contribution)}`)) });
  return <Chart option={option} height={120} label={label} data-testid="value-trend" />;
}

/** Days on which a tier, the segment, the class, core or VIP membership changed (the first day always counts). */
function changes(history: CustomerValueDay[]): CustomerValueDay[] {
  const days = [...history].reverse();
  const watched = ['tier', 'rfmSegment', 'paretoCore', 'matrixTier', 'customerClass', 'vip'] as const;
  return days.filter((day, i) => i === 0 || watched.some((key) => day[key] !== days[i - 1]![key])).reverse();
}

/** Lifetime value: the estimate, what it rests on, and how it moved by day. */
function LifetimeValue({ value, history }: { value: CustomerValueNow; history: CustomerValueDay[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const settings = useValueSettings();
  const months = settings.data?.clv.horizonMonths;
  const percent = new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(format.locale, { maximumFractionDigits: 1 });
  const earlier = history.find((day, i) => i > 0 && day.clv !== null);
  return (
    <div data-testid="value-clv-block">
      <Text size="xs" c="dimmed">
        {months ? t('value.panel.clvIn', { months: format.number(months) }) : t('value.clv')}
      </Text>
      {value.clv === null ? (
        <Text size="sm" c="dimmed" data-testid="value-clv-none">
          {t('value.panel.clvNone')}
        </Text>
      ) : (
        <>
          <Text fz={18} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="value-clv" title={`${value.clv} ${VALUE_CURRENCY}`}>
            {formatMoney(value.clv, VALUE_CURRENCY, format.locale)}
          </Text>
          <Stack gap={2}>
            {value.expectedPurchases !== null && (
              <Figure testId="value-expected-purchases" label={t('value.panel.expectedPurchases')} value={decimal.format(Number(value.expectedPurchases))} />
            )}
            {value.pAlive !== null && <Figure testId="value-p-alive" label={t('value.panel.pAlive')} value={percent.format(Number(value.pAlive))} />}
            {earlier?.clv && <Figure testId="value-clv-before" label={t('value.panel.clvBefore', { day: format.date(earlier.computedOn) })} value={formatMoney(earlier.clv, VALUE_CURRENCY, format.locale)} />}
          </Stack>
        </>
      )}
    </div>
  );
}

function Current({ value, history }: { value: CustomerValueNow; history: CustomerValueDay[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useValueLabels();
  const settings = useValueSettings();
  const windowDays = settings.data?.windowDays;
  const money = (amount: string) => formatMoney(amount, VALUE_CURRENCY, format.locale);
  const steps = changes(history);
  const hint = labels.segmentHint(value.rfmSegment);
  return (
    <Stack gap="sm" data-testid="value-current">
      <Group gap={6} wrap="wrap">
        <TierBadge tier={value.tier} size="lg" data-testid="value-tier" />
        {value.paretoCore && <CoreBadge size="lg" data-testid="value-core" />}
        {value.vip && <VipBadge size="lg" data-testid="value-vip" />}
      </Group>

      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed">
            {t('value.classLabel')}
          </Text>
          <ClassBadge customerClass={value.customerClass} data-testid="value-class" />
        </Group>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed">
            {t('value.matrixTierLabel')}
          </Text>
          <TierBadge tier={value.matrixTier} data-testid="value-matrix-tier" />
        </Group>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed">
            {t('value.membership')}
          </Text>
          <Text size="sm" fw={600} data-testid="value-membership">
            {value.vip ? t('value.vip') : t('value.regular')}
          </Text>
        </Group>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed">
            {t('value.lifecycleLabel')}
          </Text>
          <Text size="sm" fw={600} data-testid="value-lifecycle" data-stage={value.lifecycle ?? ''}>
            {value.lifecycle ? t(`value.lifecycleStage.${value.lifecycle}`, { defaultValue: value.lifecycle }) : t('value.overview.lifecycleNone')}
          </Text>
        </Group>
        {value.trend !== null && (
          <Text size="xs" c="dimmed" ta="right" data-testid="value-lifecycle-trend">
            {t('value.panel.lifecycleTrend', { trend: new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(Number(value.trend) / 100) })}
          </Text>
        )}
      </Stack>

      <div>
        <Text size="xs" c="dimmed">
          {t('value.contribution')}
        </Text>
        <Text fz={24} fw={700} lh={1.3} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="value-contribution" title={`${value.contribution} ${VALUE_CURRENCY}`}>
          {money(value.contribution)}
        </Text>
        {value.contributionRank !== null && (
          <Text size="xs" c="dimmed" data-testid="value-rank">
            {t('value.panel.rank', { rank: format.number(value.contributionRank) })}
          </Text>
        )}
      </div>

      <div>
        <Group gap={6} mb={4}>
          <Text size="xs" c="dimmed">
            {t('value.rfmSegment')}
          </Text>
          <SegmentBadge segment={value.rfmSegment} data-testid="value-segment" />
        </Group>
        {hint && (
          <Text size="xs" c="dimmed" mb={6}>
            {hint}
          </Text>
        )}
        <Stack gap={4}>
          {SCORES.map((letter) => (
            <ScoreBar key={letter} letter={letter} score={value[letter]} />
          ))}
        </Stack>
      </div>

      <Stack gap={2}>
        <Figure testId="value-recency" label={t('value.panel.recency')} value={value.recencyDays === null ? '—' : format.number(value.recencyDays)} />
        <Figure
          testId="value-frequency"
          label={windowDays ? t('value.panel.frequencyIn', { days: format.number(windowDays) }) : t('value.panel.frequency')}
          value={format.number(value.frequency)}
        />
        <Figure testId="value-monetary" label={windowDays ? t('value.panel.monetaryIn', { days: format.number(windowDays) }) : t('value.panel.monetary')} value={money(value.monetary)} />
      </Stack>

      <LifetimeValue value={value} history={history} />

      <div>
        <Text size="xs" c="dimmed" mb={4}>
          {t('value.panel.trend')}
        </Text>
        {history.length >= 2 ? (
          <Trend history={history} />
        ) : (
          <Text size="xs" c="dimmed" data-testid="value-trend-empty">
            {t('value.panel.trendEmpty')}
          </Text>
        )}
      </div>

      {steps.length > 0 && (
        <div>
          <Text size="xs" c="dimmed" mb={4}>
            {t('value.panel.history')}
          </Text>
          <Table verticalSpacing={4} fz="xs" data-testid="value-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('value.panel.day')}</Table.Th>
                <Table.Th scope="col">{t('value.tierLabel')}</Table.Th>
                <Table.Th scope="col">{t('value.rfmSegment')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {steps.map((day) => (
                <Table.Tr key={day.computedOn} data-testid="value-history-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(day.computedOn)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <TierBadge tier={day.tier} size="xs" />
                      {day.paretoCore && (
                        <Tooltip label={t('value.core')} withArrow>
                          <IconStarFilled size={12} color="var(--mantine-color-grape-6)" aria-label={t('value.core')} role="img" data-testid="value-history-core" />
                        </Tooltip>
                      )}
                    </Group>
                    {/* The other grades of the day, under the contribution tier: the column stays narrow. */}
                    <Group gap={4} mt={2}>
                      {day.matrixTier && <TierBadge tier={day.matrixTier} size="xs" variant="outline" data-testid="value-history-matrix-tier" />}
                      {day.customerClass && <ClassBadge customerClass={day.customerClass} size="xs" />}
                      {day.vip && <VipBadge size="xs" />}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <SegmentBadge segment={day.rfmSegment} size="xs" />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}

      <Text size="xs" c="dimmed" data-testid="value-computed-at">
        {t('value.computedAt', { time: format.dateTime(value.computedAt) })}
      </Text>
    </Stack>
  );
}

/** On the customer 360 page: what the customer is worth to the bank, and how that moved. */
export function ValuePanel({ customer }: CustomerPanelProps) {
  const { t } = useTranslation();
  const value = useCustomerValue(customer.id);
  if (value.isPending) {
    return (
      <Stack gap="xs" aria-busy>
        <Skeleton height={24} width="50%" />
        <Skeleton height={18} />
        <Skeleton height={18} width="70%" />
      </Stack>
    );
  }
  if (value.error) return <ErrorAlert error={value.error} />;
  if (!value.data.current) {
    return <EmptyState py="md" icon={<IconChartLine size={24} />} title={t('value.panel.notComputed')} description={t('value.panel.notComputedHint')} data-testid="value-not-computed" />;
  }
  return <Current value={value.data.current} history={value.data.history} />;
}
