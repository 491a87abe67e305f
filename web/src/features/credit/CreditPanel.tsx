import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Anchor, Button, EmptyState, Group, Modal, Paper, Progress, SimpleGrid, Skeleton, Stack, Table, Text, Title, VisuallyHidden, useMantineTheme } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconAlertTriangle, IconCash, IconCoin, IconGauge, IconReceipt } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert } from '../../app/components.tsx';
import { useFormat } from '../../lib/format.ts';
import type { CustomerPanelProps } from '../customers/panels.ts';
import { formatMoney } from '../holdings/money.ts';
import { Chart } from '../../app/Chart.tsx';
import type { SeriesChartOption } from '../../app/SeriesChart.tsx';
import { AdjustmentForm, LimitForm } from './CreditForms.tsx';
import { PaymentForm, ReceivableForm } from './ReceivableForms.tsx';
import { AdjustmentStatusBadge, AgeingBar, AlertBadge, CREDIT_CURRENCY, Points, signedPoints, useBilingual } from './labels.tsx';
import { useCustomerCredit, useScorecard } from './queries.ts';
import type { CreditAdjustment, CreditHistoryEntry, CreditScore, CustomerCredit, Receivable } from './types.ts';

function Section({ title, children, testId, action }: { title: string; children: ReactNode; testId: string; action?: ReactNode }) {
  return (
    <Stack gap={6} component="section" aria-label={title} data-testid={testId}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Title order={3} fz="sm" fw={600}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Stack>
  );
}

function Figure({ label, value, note, testId }: { label: string; value: ReactNode; note?: ReactNode; testId: string }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start" data-testid={testId}>
      <Text size="xs" c="dimmed" pt={2}>
        {label}
      </Text>
      <Stack gap={0} align="flex-end">
        <Text size="sm" fw={600} ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid={`${testId}-value`}>
          {value}
        </Text>
        {note && (
          <Text size="xs" c="dimmed" ta="right">
            {note}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

/** The final score, big, with what it is made of. */
function ScoreBlock({ score, credit }: { score: CreditScore | null; credit: CustomerCredit }) {
  const { t } = useTranslation();
  const format = useFormat();
  const scorecard = useScorecard();
  return (
    <Paper withBorder p="sm" radius="md" data-testid="credit-score">
      <Group gap={6} mb={4}>
        <IconGauge size={16} color="var(--mantine-color-dimmed)" aria-hidden />
        <Text size="xs" c="dimmed">
          {t('credit.panel.finalScore')}
        </Text>
      </Group>
      {score ? (
        <>
          <Group align="baseline" gap="xs" wrap="wrap">
            <Text fz={40} fw={700} lh={1.1} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="credit-final">
              {score.final}
            </Text>
            {scorecard.data && (
              <Text size="xs" c="dimmed" data-testid="credit-range">
                {t('credit.panel.range', { min: scorecard.data.min, max: scorecard.data.max })}
              </Text>
            )}
          </Group>
          <Group gap="md" mt={4} wrap="wrap">
            <Text size="sm" data-testid="credit-automatic">
              <Text span c="dimmed" inherit>
                {t('common.labelled', { label: t('credit.panel.automatic') })}
              </Text>
              <Text span fw={600} inherit data-testid="credit-automatic-value">
                {score.automatic}
              </Text>
            </Text>
            <Text size="sm" data-testid="credit-adjustment">
              <Text span c="dimmed" inherit>
                {t('common.labelled', { label: t('credit.panel.adjustment') })}
              </Text>
              <Points points={score.adjustment} testId="credit-adjustment-value" />
            </Text>
          </Group>
          <Text size="xs" c="dimmed" mt={4} data-testid="credit-computed-at">
            {t('credit.panel.computedAt', { time: format.dateTime(score.computedAt) })}
          </Text>
        </>
      ) : (
        <EmptyState py="xs" icon={<IconGauge size={22} />} title={t('credit.panel.notScored')} description={t('credit.panel.notScoredHint')} data-testid="credit-not-scored" />
      )}
      {credit.alerts.length > 0 && (
        <Group gap={6} mt="xs" data-testid="credit-alerts">
          {credit.alerts.map((alert) => (
            <AlertBadge key={alert.kind} alert={alert} />
          ))}
        </Group>
      )}
    </Paper>
  );
}

/** The limit against what the customer owes: open receivables plus loan and card balances. */
function LimitBlock({ credit }: { credit: CustomerCredit }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { limit, exposure } = credit;
  // Exposure is added up in yuan on the server; the limit is shown in its own currency, with its
  // yuan value beside it when it is in another one.
  const money = (amount: string, currency = CREDIT_CURRENCY) => formatMoney(amount, currency, format.locale);
  const foreignLimit = limit !== null && limit.currency !== CREDIT_CURRENCY;
  const limitInBase = limit ? (foreignLimit ? limit.amountInBase : limit.amount) : null;
  // Cent-exact sum of two decimal strings, without floating-point drift.
  const total = ((Math.round(Number(exposure.outstanding) * 100) + Math.round(Number(exposure.debt) * 100)) / 100).toFixed(2);
  const used = limitInBase !== null && Number(limitInBase) > 0 ? Number(total) / Number(limitInBase) : null;
  const setNote = limit ? (limit.setByName ? t('credit.panel.limitSetBy', { name: limit.setByName, date: format.date(limit.setAt) }) : t('credit.panel.limitSetOn', { date: format.date(limit.setAt) })) : null;
  const baseNote = !foreignLimit ? null : limitInBase !== null ? t('credit.panel.limitInBase', { amount: money(limitInBase) }) : t('credit.panel.limitNoRate', { currency: limit.currency });
  return (
    <Paper withBorder p="sm" radius="md" data-testid="credit-limit">
      <Group gap={6} mb={6}>
        <IconCoin size={16} color="var(--mantine-color-dimmed)" aria-hidden />
        <Text size="xs" c="dimmed">
          {t('credit.panel.limitAndExposure')}
        </Text>
      </Group>
      <Stack gap={4}>
        <Figure
          testId="credit-limit-amount"
          label={t('credit.panel.limit')}
          value={limit ? money(limit.amount, limit.currency) : t('credit.panel.noLimit')}
          note={
            limit ? (
              <>
                {baseNote && <span data-testid="credit-limit-in-base">{baseNote}<br /></span>}
                {setNote}
              </>
            ) : undefined
          }
        />
        <Figure testId="credit-exposure" label={t('credit.panel.exposure')} value={money(total)} />
        <Figure testId="credit-exposure-outstanding" label={t('credit.panel.outstanding')} value={money(exposure.outstanding)} />
        <Figure testId="credit-exposure-debt" label={t('credit.panel.debt')} value={money(exposure.debt)} />
        {used !== null && (
          <Stack gap={2} mt={4}>
            <Progress value={Math.min(100, used * 100)} color={used > 1 ? 'red' : used > 0.8 ? 'orange' : 'teal'} size="sm" aria-hidden />
            <Text size="xs" c={used > 1 ? 'red.8' : 'dimmed'} data-testid="credit-utilisation">
              {t('credit.panel.utilisation', { percent: new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 0 }).format(used) })}
            </Text>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** Each factor's points and reason, in the reader's language: the score explained line by line. */
function Explanation({ score }: { score: CreditScore }) {
  const { t } = useTranslation();
  const text = useBilingual();
  const sum = score.explanation.reduce((n, e) => n + e.points, 0);
  const scorecard = useScorecard();
  // The base is shown only when the lines add up to the score (not clamped, scorecard unchanged since).
  const base = scorecard.data && scorecard.data.base + sum === score.automatic ? scorecard.data.base : null;
  return (
    <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="credit-explanation">
      {base !== null && (
        <Group component="li" gap="sm" wrap="nowrap" data-testid="credit-base">
          <Text size="sm" fw={700} ff="monospace" w={48} ta="right" style={{ flexShrink: 0 }}>
            {base}
          </Text>
          <Text size="sm" c="dimmed">
            {t('credit.panel.base')}
          </Text>
        </Group>
      )}
      {score.explanation.map((line) => (
        <Group component="li" key={line.factor} gap="sm" wrap="nowrap" align="flex-start" data-testid="credit-factor" data-factor={line.factor} data-points={line.points}>
          <Text span w={48} ta="right" style={{ flexShrink: 0 }}>
            <Points points={line.points} />
          </Text>
          <div style={{ minWidth: 0 }}>
            <Text size="sm" data-testid="credit-factor-reason">
              {text(line.reasonZh, line.reasonEn)}
            </Text>
            <Text size="xs" c="dimmed">
              {text(line.labelZh, line.labelEn)}
            </Text>
          </div>
        </Group>
      ))}
    </Stack>
  );
}

/** The final score over time, oldest on the left. */
function History({ history }: { history: CreditHistoryEntry[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const theme = useMantineTheme();
  const points = useMemo(() => [...history].reverse(), [history]);
  // Days on the axis; times too when the changes fall within a few days of each other, only the
  // times within one day. Ticks at least a minute (a day) apart, so no label repeats.
  const span = points.length > 1 ? new Date(points[points.length - 1]!.at).getTime() - new Date(points[0]!.at).getTime() : 0;
  const close = span < 3 * 86_400_000;
  // The axis drops the year of the dates written elsewhere (2024-01-05 10:00 → 01-05 10:00), to stay short.
  const axisLabel = (at: Date) => (span < 86_400_000 ? format.dateTime(at).slice(11) : close ? format.dateTime(at).slice(5) : format.date(at).slice(5));
  const option = useMemo<SeriesChartOption>(
    () => ({
      textStyle: { fontFamily: theme.fontFamily },
      animationDuration: 300,
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: (params) => {
          const first = Array.isArray(params) ? params[0] : params;
          const entry = points[first?.dataIndex ?? 0];
          if (!entry) return '';
          const cause = t(`credit.cause.${entry.cause}` as 'credit.cause.computed', { defaultValue: entry.cause });
          return `${format.dateTime(entry.at)}<br/>${cause}: <b>${entry.final}</b> (${entry.automatic} ${signedPoints(entry.adjustment)})`;
        },
      },
      grid: { left: 4, right: 12, top: 12, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      // A time axis keeps the gaps between changes true.
      xAxis: {
        type: 'time',
        minInterval: close ? 60_000 : 86_400_000,
        axisLabel: { hideOverlap: true, fontSize: 10, formatter: (value: number) => axisLabel(new Date(value)) },
        splitLine: { show: false },
      },
      yAxis: { type: 'value', scale: true, minInterval: 1, axisLabel: { fontSize: 10 } },
      series: [
        {
          type: 'line',
          name: t('credit.panel.finalScore'),
          data: points.map((p) => [new Date(p.at).getTime(), p.final]),
          step: 'end',
          symbolSize: 6,
          lineStyle: { color: theme.colors.blue[6], width: 2 },
          itemStyle: { color: theme.colors.blue[6] },
        },
      ],
    }),
    [points, close, span, format, t, theme],
  );
  const label = t('credit.panel.historyLabel', { summary: format.list(points.map((p) => `${format.date(p.at)} ${p.final}`)) });
  return <Chart option={option} height={110} label={label} data-testid="credit-history-chart" />;
}

function AdjustmentItem({ adjustment }: { adjustment: CreditAdjustment }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder p="xs" radius="sm" component="li" data-testid="credit-adjustment-item" data-status={adjustment.status} data-id={adjustment.id}>
      <Group gap="xs" wrap="wrap" justify="space-between">
        <Group gap="xs" wrap="nowrap">
          <Points points={adjustment.points} testId="credit-adjustment-points" />
          <AdjustmentStatusBadge status={adjustment.status} size="sm" />
        </Group>
        <Text size="xs" c="dimmed">
          {t('credit.requestedBy', { name: adjustment.requestedByName, time: format.dateTime(adjustment.requestedAt) })}
        </Text>
      </Group>
      <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="credit-adjustment-reason">
        {adjustment.reason}
      </Text>
      {adjustment.decidedAt && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('credit.decidedBy', { name: adjustment.decidedByName ?? '—', time: format.dateTime(adjustment.decidedAt) })}
          {adjustment.decisionComment ? ` · ${adjustment.decisionComment}` : ''}
        </Text>
      )}
    </Paper>
  );
}

const DECIDED_SHOWN = 3;

function Adjustments({ adjustments }: { adjustments: CreditAdjustment[] }) {
  const { t } = useTranslation();
  const pending = adjustments.filter((a) => a.status === 'pending');
  const decided = adjustments.filter((a) => a.status !== 'pending').slice(0, DECIDED_SHOWN);
  if (pending.length + decided.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="credit-adjustments-empty">
        {t('credit.panel.noAdjustments')}
      </Text>
    );
  }
  return (
    <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="credit-adjustments">
      {[...pending, ...decided].map((a) => (
        <AdjustmentItem key={a.id} adjustment={a} />
      ))}
    </Stack>
  );
}

const RECEIVABLES_SHOWN = 8;

function ReceivableState({ receivable }: { receivable: Receivable }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (Number(receivable.outstanding) <= 0) {
    return (
      <Text size="xs" c="teal.8">
        {receivable.paidOn ? t('credit.receivable.paidOn', { date: format.date(receivable.paidOn) }) : t('credit.receivable.paid')}
      </Text>
    );
  }
  if (receivable.daysOverdue > 0) {
    return (
      <Text size="xs" c="red.8" fw={600}>
        {t('credit.receivable.overdue', { days: receivable.daysOverdue })}
      </Text>
    );
  }
  return (
    <Text size="xs" c="dimmed">
      {t('credit.receivable.notDue')}
    </Text>
  );
}

/** `onPay`: given to those who may record payments, a button on each open receivable. */
function Receivables({ credit, onPay }: { credit: CustomerCredit; onPay?: (receivable: Receivable) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [all, setAll] = useState(false);
  const rows = all ? credit.receivables : credit.receivables.slice(0, RECEIVABLES_SHOWN);
  const money = (amount: string, currency: string) => formatMoney(amount, currency, i18n.language);
  if (credit.receivables.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="credit-receivables-empty">
        {t('credit.panel.noReceivables')}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <AgeingBar ageing={credit.ageing} />
      <Table.ScrollContainer minWidth={480}>
        <Table verticalSpacing={4} fz="sm" data-testid="credit-receivables">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('credit.receivable.externalId')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('credit.receivable.amount')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('credit.receivable.outstanding')}
              </Table.Th>
              <Table.Th scope="col">{t('credit.receivable.dueOn')}</Table.Th>
              <Table.Th scope="col">{t('credit.receivable.state')}</Table.Th>
              {onPay && (
                <Table.Th scope="col">
                  <VisuallyHidden>{t('credit.receivable.actions')}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid="credit-receivable" data-external-id={r.externalId} data-days-overdue={r.daysOverdue}>
                <Table.Td className="mono">{r.externalId}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                  {money(r.amount, r.currency)}
                </Table.Td>
                <Table.Td ta="right" fw={Number(r.outstanding) > 0 ? 600 : undefined} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-testid="credit-receivable-outstanding" data-outstanding={r.outstanding}>
                  {money(r.outstanding, r.currency)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(r.dueOn)}</Table.Td>
                <Table.Td>
                  <ReceivableState receivable={r} />
                </Table.Td>
                {onPay && (
                  <Table.Td ta="right">
                    {Number(r.outstanding) > 0 && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        leftSection={<IconCash size={14} />}
                        onClick={() => onPay(r)}
                        aria-label={`${t('credit.receivable.recordPayment')} ${r.externalId}`}
                        data-testid="credit-receivable-pay"
                      >
                        {t('credit.receivable.recordPayment')}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {credit.receivables.length > RECEIVABLES_SHOWN && (
        <Button variant="subtle" size="xs" w="fit-content" onClick={() => setAll((v) => !v)} data-testid="credit-receivables-toggle">
          {all ? t('credit.panel.showFewer') : t('credit.panel.showAll', { n: credit.receivables.length })}
        </Button>
      )}
    </Stack>
  );
}

/** On the customer 360 page: the credit score explained, its history, adjustments, limit, receivables. */
export function CreditPanel({ customer }: CustomerPanelProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const credit = useCustomerCredit(customer.id);
  const [dialog, setDialog] = useState<'adjust' | 'limit' | 'receivable' | null>(null);
  const [paying, setPaying] = useState<Receivable | null>(null);
  if (credit.isPending) {
    return (
      <Stack gap="xs" aria-busy>
        <Skeleton height={48} width="40%" />
        <Skeleton height={18} />
        <Skeleton height={18} width="70%" />
      </Stack>
    );
  }
  if (credit.error) return <ErrorAlert error={credit.error} />;
  const data = credit.data;
  const close = () => setDialog(null);
  return (
    <Stack gap="md" data-testid="credit-panel">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <ScoreBlock score={data.score} credit={data} />
        <LimitBlock credit={data} />
      </SimpleGrid>
      {data.unpricedCurrencies.length > 0 && (
        <Alert color="orange" variant="light" p="xs" icon={<IconAlertTriangle size={16} />} data-testid="credit-unpriced">
          <Text size="xs">
            {t('credit.panel.unpriced', { currencies: format.list(data.unpricedCurrencies) })}{' '}
            {can('settings:manage') ? (
              <Anchor component={Link} to="/admin/exchange-rates" size="xs" data-testid="credit-unpriced-set">
                {t('credit.panel.unpricedSet')}
              </Anchor>
            ) : (
              t('credit.panel.unpricedAsk')
            )}
          </Text>
        </Alert>
      )}
      {(can('credit:adjust') || can('credit:approve')) && (
        <Group gap="xs">
          {can('credit:adjust') && (
            <Button size="xs" variant="light" leftSection={<IconAdjustmentsHorizontal size={14} />} onClick={() => setDialog('adjust')} data-testid="credit-request-adjustment">
              {t('credit.panel.requestAdjustment')}
            </Button>
          )}
          {can('credit:approve') && (
            <Button size="xs" variant="default" leftSection={<IconCoin size={14} />} onClick={() => setDialog('limit')} data-testid="credit-set-limit">
              {t('credit.panel.setLimit')}
            </Button>
          )}
        </Group>
      )}
      {data.score && (
        <Section title={t('credit.panel.why')} testId="credit-why">
          <Explanation score={data.score} />
        </Section>
      )}
      <Section title={t('credit.panel.history')} testId="credit-history">
        {data.history.length >= 2 ? (
          <History history={data.history} />
        ) : (
          <Text size="xs" c="dimmed" data-testid="credit-history-empty">
            {t('credit.panel.historyEmpty')}
          </Text>
        )}
      </Section>
      <Section title={t('credit.panel.adjustments')} testId="credit-adjustments-section">
        <Adjustments adjustments={data.adjustments} />
      </Section>
      <Section
        title={t('credit.panel.receivables')}
        testId="credit-receivables-section"
        action={
          can('credit:adjust') && (
            <Button size="xs" variant="light" leftSection={<IconReceipt size={14} />} onClick={() => setDialog('receivable')} data-testid="credit-record-receivable">
              {t('credit.panel.recordReceivable')}
            </Button>
          )
        }
      >
        <Receivables credit={data} onPay={can('credit:adjust') ? setPaying : undefined} />
      </Section>

      <Modal opened={dialog === 'adjust'} onClose={close} title={t('credit.request.title')} size="lg">
        {dialog === 'adjust' && <AdjustmentForm customer={customer} credit={data} onClose={close} />}
      </Modal>
      <Modal opened={dialog === 'limit'} onClose={close} title={t('credit.limitForm.title')}>
        {dialog === 'limit' && <LimitForm customer={customer} limit={data.limit} onClose={close} />}
      </Modal>
      <Modal opened={dialog === 'receivable'} onClose={close} title={t('credit.receivableForm.title')}>
        {dialog === 'receivable' && <ReceivableForm customer={customer} onClose={close} />}
      </Modal>
      <Modal opened={paying !== null} onClose={() => setPaying(null)} title={t('credit.paymentForm.title')}>
        {paying && <PaymentForm customer={customer} receivable={paying} onClose={() => setPaying(null)} />}
      </Modal>
    </Stack>
  );
}
