import { useState } from 'react';
import { Anchor, Button, EmptyState, Group, SegmentedControl, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecklist, IconMoodSmile, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, usePageTitle, SectionCard } from '../../app/components.tsx';
import { useFormat } from '../../lib/format.ts';
import { formatMoney } from '../holdings/money.ts';
import { AgeingBar, AlertBadge, CREDIT_CURRENCY, useBucketLabel } from './labels.tsx';
import { useAdjustments, useAgeing, useAlerts, useRecomputeCredit, useScorecard } from './queries.ts';
import { ScorecardForm } from './ScorecardForm.tsx';
import { useBothLanguages } from '../../i18n/index.ts';
import { AGEING_BUCKETS, type AlertKind } from './types.ts';

function AgeingCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const bucketLabel = useBucketLabel();
  const ageing = useAgeing();
  const money = (amount: string) => formatMoney(amount, CREDIT_CURRENCY, format.locale);
  return (
    <SectionCard title={t('credit.overview.ageing')} hint={t('credit.overview.ageingHint')} testId="credit-overview-ageing">
      {ageing.isPending ? (
        <Skeleton height={60} />
      ) : ageing.error ? (
        <ErrorAlert error={ageing.error} />
      ) : (
        <>
          <AgeingBar ageing={ageing.data} testId="credit-scope-ageing" />
          <Table.ScrollContainer minWidth={360}>
            <Table verticalSpacing={6} fz="sm" striped data-testid="credit-ageing-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('credit.overview.bucket')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('credit.overview.receivables')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('credit.overview.outstanding')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {AGEING_BUCKETS.map((key) => {
                  const row = ageing.data.find((b) => b.bucket === key) ?? { bucket: key, receivables: 0, outstanding: '0' };
                  return (
                    <Table.Tr key={key} data-testid="credit-ageing-row" data-bucket={key}>
                      <Table.Th scope="row" fw={400}>
                        {bucketLabel(key)}
                      </Table.Th>
                      <Table.Td ta="right" data-testid="credit-ageing-receivables">
                        {format.number(row.receivables)}
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-testid="credit-ageing-outstanding">
                        {money(row.outstanding)}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </SectionCard>
  );
}

type AlertFilter = 'all' | AlertKind;

function AlertsCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const alerts = useAlerts();
  const [filter, setFilter] = useState<AlertFilter>('all');
  const money = (amount: string | null) => (amount === null ? '—' : formatMoney(amount, CREDIT_CURRENCY, format.locale));
  const rows = alerts.data?.filter((a) => filter === 'all' || a.kind === filter) ?? [];
  const count = (kind: AlertKind) => alerts.data?.filter((a) => a.kind === kind).length ?? 0;
  return (
    <SectionCard title={t('credit.overview.alerts')} hint={t('credit.overview.alertsHint')} testId="credit-overview-alerts">
      {alerts.isPending ? (
        <Skeleton height={80} />
      ) : alerts.error ? (
        <ErrorAlert error={alerts.error} />
      ) : alerts.data.length === 0 ? (
        <EmptyState py="md" icon={<IconMoodSmile size={24} />} title={t('credit.overview.noAlerts')} data-testid="credit-alerts-empty" />
      ) : (
        <>
          <SegmentedControl
            size="xs"
            w="fit-content"
            value={filter}
            onChange={(value) => setFilter(value as AlertFilter)}
            data={[
              { value: 'all', label: `${t('common.all')} (${alerts.data.length})` },
              { value: 'over_limit', label: `${t('credit.alert.over_limit')} (${count('over_limit')})` },
              { value: 'overdue', label: `${t('credit.overview.overdue')} (${count('overdue')})` },
            ]}
            data-testid="credit-alerts-filter"
          />
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={6} fz="sm" highlightOnHover data-testid="credit-alerts-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('credit.overview.customer')}</Table.Th>
                  <Table.Th scope="col">{t('credit.overview.alert')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('credit.overview.exposure')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('credit.overview.limit')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr key={`${a.kind}-${a.customerId}`} data-testid="credit-alert-row" data-kind={a.kind} data-customer-id={a.customerId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/customers/${a.customerId}`} size="sm" fw={600}>
                        {a.customerName}
                      </Anchor>
                      <Text size="xs" c="dimmed" className="mono">
                        {a.customerCode}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <AlertBadge alert={a} size="sm" />
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                      {money(a.exposure)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                      {money(a.limit)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </SectionCard>
  );
}

function RecomputeButton() {
  const { t } = useTranslation();
  const format = useFormat();
  const recompute = useRecomputeCredit();
  const [result, setResult] = useState<string | null>(null);
  return (
    <Stack gap={4} align="flex-end">
      <Button
        variant="light"
        leftSection={<IconRefresh size={16} />}
        loading={recompute.isPending}
        onClick={() =>
          recompute.mutate(undefined, {
            onSuccess: (done) => {
              const message = t('credit.scorecard.recomputed', { customers: format.number(done.customers), changed: format.number(done.changed) });
              setResult(message);
              notifications.show({ color: 'teal', message });
            },
          })
        }
        data-testid="credit-recompute"
      >
        {t('credit.scorecard.recompute')}
      </Button>
      {result && (
        <Text size="xs" c="dimmed" data-testid="credit-recompute-result">
          {result}
        </Text>
      )}
      {recompute.error && <ErrorAlert error={recompute.error} />}
    </Stack>
  );
}

function ScorecardCard() {
  const { t } = useTranslation();
  const scorecard = useScorecard();
  // New factors are named in both languages at once.
  const both = useBothLanguages();
  return (
    <SectionCard title={t('credit.scorecard.title')} hint={t('credit.scorecard.hint')} testId="credit-scorecard" action={<RecomputeButton />}>
      {scorecard.isPending || !both ? <Skeleton height={200} /> : scorecard.error ? <ErrorAlert error={scorecard.error} /> : <ScorecardForm scorecard={scorecard.data} />}
    </SectionCard>
  );
}

function ApprovalsLink() {
  const { t } = useTranslation();
  const pending = useAdjustments('pending');
  const n = pending.data?.length ?? 0;
  return (
    <Button component={Link} to="/credit/approvals" variant={n > 0 ? 'filled' : 'default'} leftSection={<IconChecklist size={16} />} data-testid="credit-approvals-link">
      {pending.data ? t('credit.overview.approvalsPending', { n }) : t('credit.overview.approvals')}
    </Button>
  );
}

/** The credit picture of the reader's scope: ageing and alerts; the scorecard for those who set it. */
export default function CreditPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  usePageTitle(t('credit.overview.title'));
  return (
    <Stack gap="md" data-testid="credit-overview">
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Title order={1} fz="h2">
            {t('credit.overview.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('credit.overview.intro')}
          </Text>
        </div>
        {can('credit:approve') && <ApprovalsLink />}
      </Group>
      <AgeingCard />
      <AlertsCard />
      {can('settings:manage') && <ScorecardCard />}
    </Stack>
  );
}
