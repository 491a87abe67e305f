import { useMemo, type ReactNode } from 'react';
import { Alert, Group, SimpleGrid, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.ts';
import { formatMoney } from '../holdings/money.ts';
import { ClassBadge, TierBadge, VALUE_CURRENCY, VipBadge } from './labels.tsx';
import { CUSTOMER_CLASSES, type ValueGroup, type ValueSettings, type ValueSummary } from './types.ts';
import { SectionCard } from '../../app/components.tsx';

/** Customers, their share, contribution and lifetime value per group, with a badge naming each. */
function GroupTable({ rows, total, badge, testId }: { rows: ValueGroup[]; total: number; badge: (key: string | null) => ReactNode; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = useMemo(() => new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1 }), [format.locale]);
  const money = (amount: string | null) => (amount === null ? '—' : formatMoney(amount, VALUE_CURRENCY, format.locale));
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing={6} fz="sm" striped data-testid={`${testId}-table`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" />
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
              {t('value.clv')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((g) => (
            <Table.Tr key={g.key ?? 'none'} data-testid={`${testId}-row`} data-key={g.key ?? 'none'}>
              <Table.Th scope="row" fw={400}>
                {badge(g.key)}
              </Table.Th>
              <Table.Td ta="right" data-testid={`${testId}-customers`}>
                {format.number(g.customers)}
              </Table.Td>
              <Table.Td ta="right" c="dimmed">
                {percent.format(total > 0 ? g.customers / total : 0)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {money(g.contribution)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {money(g.clv)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Groups in a fixed order (the given keys first, empty ones too), then any others, then "none". */
function ordered(groups: ValueGroup[], keys: readonly string[]): ValueGroup[] {
  const found = new Map(groups.map((g) => [g.key, g]));
  const named = keys.map((key) => found.get(key) ?? { key, customers: 0, contribution: '0', clv: null });
  const others = groups.filter((g) => g.key !== null && !keys.includes(g.key));
  const none = found.get(null);
  return [...named, ...others, ...(none ? [none] : [])];
}

const LIFECYCLE_STAGES = ['new', 'rising', 'peak', 'declining', 'dormant'] as const;

/** Customers per lifecycle stage, in the order a customer passes through them; then those without purchases. */
export function LifecycleCard({ summary }: { summary: ValueSummary }) {
  const { t } = useTranslation();
  const rows = useMemo(() => ordered(summary.byLifecycle, LIFECYCLE_STAGES), [summary.byLifecycle]);
  return (
    <SectionCard title={t('value.overview.byLifecycle')} hint={t('value.overview.byLifecycleHint')} testId="value-lifecycle">
      <GroupTable
        rows={rows}
        total={summary.pareto.customers}
        testId="value-lifecycle"
        badge={(key) => (key ? t(`value.lifecycleStage.${key}`, { defaultValue: key }) : t('value.overview.lifecycleNone'))}
      />
    </SectionCard>
  );
}

export function MatrixTierCard({ summary, settings }: { summary: ValueSummary; settings: ValueSettings | undefined }) {
  const { t } = useTranslation();
  // The tiers the matrix hands out, in the order of the contribution tiers where they share keys.
  const keys = useMemo(() => {
    const used = new Set((settings?.matrix.cells ?? []).flat().filter((k): k is string => k !== null));
    const order = (settings?.tiers ?? []).map((tier) => tier.key);
    return [...order.filter((k) => used.has(k)), ...[...used].filter((k) => !order.includes(k))];
  }, [settings]);
  return (
    <SectionCard title={t('value.overview.byMatrixTier')} hint={t('value.overview.byMatrixTierHint')} testId="value-matrix-tiers">
      <GroupTable rows={ordered(summary.byMatrixTier, keys)} total={summary.pareto.customers} badge={(key) => <TierBadge tier={key} />} testId="value-matrix-tier" />
    </SectionCard>
  );
}

export function ClassCard({ summary }: { summary: ValueSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const vip = summary.byVip.find((g) => g.key === 'true')?.customers ?? 0;
  return (
    <SectionCard title={t('value.overview.byClass')} hint={t('value.overview.byClassHint')} testId="value-classes">
      <Group gap="xs">
        <VipBadge />
        <Text size="sm" data-testid="value-vip-count">
          {t('value.overview.vipCount', { n: format.number(vip), total: format.number(summary.pareto.customers) })}
        </Text>
      </Group>
      {summary.clv.problems.map((p) => (
        <Alert key={p.rule} color="red" variant="light" icon={<IconAlertTriangle size={16} />} data-testid="value-rule-problem">
          {t('value.overview.ruleProblem', { rule: t(`value.rules.${p.rule as 'key' | 'potential' | 'vip'}`) })}
        </Alert>
      ))}
      <GroupTable rows={ordered(summary.byClass, CUSTOMER_CLASSES)} total={summary.pareto.customers} badge={(key) => <ClassBadge customerClass={key} />} testId="value-class" />
    </SectionCard>
  );
}

const fixed = (v: number | boolean | undefined, locale: string) => (typeof v === 'number' ? new Intl.NumberFormat(locale, { maximumSignificantDigits: 4 }).format(v) : '—');

export function ClvCard({ summary }: { summary: ValueSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { clv } = summary;
  const run = clv.run;
  return (
    <SectionCard title={t('value.clv')} hint={t('value.overview.clvHint')} testId="value-clv-card">
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm">
        <div>
          <Text size="xs" c="dimmed">
            {t('value.overview.clvTotal')}
          </Text>
          <Text fw={700} fz="lg" data-testid="value-clv-total">
            {formatMoney(clv.total ?? '0', VALUE_CURRENCY, format.locale)}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('value.overview.clvCustomers')}
          </Text>
          <Text fw={700} fz="lg" data-testid="value-clv-customers">
            {format.number(clv.customers)}
          </Text>
        </div>
        {run && (
          <div>
            <Text size="xs" c="dimmed">
              {t('value.overview.clvHorizon')}
            </Text>
            <Text fw={700} fz="lg">
              {t('value.overview.months', { n: format.number(run.horizonMonths), count: run.horizonMonths })}
            </Text>
          </div>
        )}
      </SimpleGrid>
      {run && (
        <Text size="sm" data-testid="value-clv-method" data-method={run.method}>
          {run.method === 'bgnbd_gamma_gamma' ? t('value.overview.clvModels', { n: format.number(run.fittedOn) }) : t('value.overview.clvHistorical')}
        </Text>
      )}
      {run?.reason && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={16} />} data-testid="value-clv-reason">
          {t(`value.overview.clvReason.${run.reason}`, { customers: format.number(run.customers), repeat: format.number(run.repeatCustomers) })}
        </Alert>
      )}
      {run?.bgnbd && run.gammaGamma && (
        <Text size="xs" c="dimmed" data-testid="value-clv-params">
          {t('value.overview.clvParams', {
            r: fixed(run.bgnbd.r, format.locale),
            alpha: fixed(run.bgnbd.alpha, format.locale),
            a: fixed(run.bgnbd.a, format.locale),
            b: fixed(run.bgnbd.b, format.locale),
            p: fixed(run.gammaGamma.p, format.locale),
            q: fixed(run.gammaGamma.q, format.locale),
            gamma: fixed(run.gammaGamma.gamma, format.locale),
          })}
        </Text>
      )}
    </SectionCard>
  );
}
