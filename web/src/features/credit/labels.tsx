import { Badge, Group, Progress, Stack, Text, Tooltip, type BadgeProps } from '@mantine/core';
import { IconAlertTriangle, IconClockExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.ts';
import { formatMoney } from '../holdings/money.ts';
import { AGEING_BUCKETS, type AdjustmentStatus, type AgeingBucket, type CustomerCreditAlert } from './types.ts';

/** Receivables and exposure are added up in the institution's currency. */
export const CREDIT_CURRENCY = 'CNY';

/** Points with their sign, a true minus for readability: +20, −35, 0. */
export const signedPoints = (points: number) => (points > 0 ? `+${points}` : points < 0 ? `\u2212${Math.abs(points)}` : '0');

export const pointsColor = (points: number) => (points > 0 ? 'teal.8' : points < 0 ? 'red.8' : 'dimmed');

export function Points({ points, fw = 700, size = 'sm', testId }: { points: number; fw?: number; size?: string; testId?: string }) {
  return (
    <Text span size={size} fw={fw} c={pointsColor(points)} ff="monospace" style={{ whiteSpace: 'nowrap' }} data-testid={testId} data-points={points}>
      {signedPoints(points)}
    </Text>
  );
}

/** A text the server gives in both languages, in the reader's. */
export function useBilingual() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (zh: string | null | undefined, english: string | null | undefined) => (en ? english || zh : zh || english) ?? '';
}

const STATUS_COLORS: Record<AdjustmentStatus, string> = { pending: 'yellow', approved: 'teal', rejected: 'red', withdrawn: 'gray' };

export function AdjustmentStatusBadge({ status, ...props }: { status: string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status as AdjustmentStatus] ?? 'gray'} miw="max-content" data-status={status} {...props}>
      {t(`credit.status.${status}` as 'credit.status.pending', { defaultValue: status })}
    </Badge>
  );
}

export function AlertBadge({ alert, size = 'md' }: { alert: Pick<CustomerCreditAlert, 'kind' | 'daysOverdue'>; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  const overLimit = alert.kind === 'over_limit';
  return (
    <Badge
      color={overLimit ? 'red' : 'orange'}
      variant={overLimit ? 'filled' : 'light'}
      size={size}
      miw="max-content"
      leftSection={overLimit ? <IconAlertTriangle size={12} /> : <IconClockExclamation size={12} />}
      data-testid="credit-alert"
      data-kind={alert.kind}
    >
      {overLimit ? t('credit.alert.over_limit') : t('credit.alert.overdue', { days: alert.daysOverdue ?? 0 })}
    </Badge>
  );
}

export const BUCKET_COLORS: Record<string, string> = { current: 'teal', '1-30': 'yellow', '31-60': 'orange', '61-90': 'red', '90+': 'grape' };

export function useBucketLabel() {
  const { t } = useTranslation();
  return (bucket: string) => t(`credit.bucket.${bucket}` as 'credit.bucket.current', { defaultValue: bucket });
}

/**
 * Outstanding amounts by age as one bar, each bucket in its colour and width, with a legend that
 * carries the figures (the bar alone says nothing to a screen reader).
 */
export function AgeingBar({ ageing, testId = 'credit-ageing' }: { ageing: AgeingBucket[]; testId?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const bucketLabel = useBucketLabel();
  const known = new Map(ageing.map((b) => [b.bucket, b]));
  const rows = [...AGEING_BUCKETS.map((key) => known.get(key) ?? { bucket: key, receivables: 0, outstanding: '0' }), ...ageing.filter((b) => !(AGEING_BUCKETS as readonly string[]).includes(b.bucket))];
  const total = rows.reduce((sum, b) => sum + Number(b.outstanding), 0);
  const money = (amount: string) => formatMoney(amount, CREDIT_CURRENCY, format.locale);
  return (
    <Stack gap={6} data-testid={testId}>
      {total > 0 ? (
        <Progress.Root size={18} aria-hidden>
          {rows
            .filter((b) => Number(b.outstanding) > 0)
            .map((b) => (
              <Tooltip key={b.bucket} label={`${bucketLabel(b.bucket)}: ${money(b.outstanding)}`} withArrow>
                <Progress.Section value={(Number(b.outstanding) / total) * 100} color={BUCKET_COLORS[b.bucket] ?? 'gray'} />
              </Tooltip>
            ))}
        </Progress.Root>
      ) : (
        <Text size="sm" c="dimmed" data-testid={`${testId}-empty`}>
          {t('credit.panel.nothingOutstanding')}
        </Text>
      )}
      <Group gap="md" wrap="wrap" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {rows.map((b) => (
          <Group key={b.bucket} gap={6} wrap="nowrap" component="li" data-testid={`${testId}-bucket`} data-bucket={b.bucket} data-outstanding={b.outstanding} data-receivables={b.receivables}>
            <span aria-hidden style={{ width: 10, height: 10, borderRadius: 2, background: `var(--mantine-color-${BUCKET_COLORS[b.bucket] ?? 'gray'}-6)` }} />
            <Text size="xs" c="dimmed">
              {bucketLabel(b.bucket)}
            </Text>
            <Text size="xs" fw={600} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
              {money(b.outstanding)}
            </Text>
            <Text size="xs" c="dimmed">
              ({t('credit.receivablesCount', { n: b.receivables })})
            </Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}
