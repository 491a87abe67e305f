import { useMemo } from 'react';
import { Badge, type BadgeProps } from '@mantine/core';
import { IconCrown, IconStarFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The server's RFM segments, best first; a customer without spending in the window has none. */
export const RFM_SEGMENTS = ['champions', 'loyal', 'potential', 'new', 'need_attention', 'at_risk', 'hibernating', 'lost'] as const;

export const SEGMENT_COLORS: Record<string, string> = {
  champions: 'teal',
  loyal: 'green',
  potential: 'cyan',
  new: 'blue',
  need_attention: 'yellow',
  at_risk: 'orange',
  hibernating: 'gray',
  lost: 'red',
};

/** Tier keys are chosen by administrators; these common ones have names and colours. */
export const TIER_COLORS: Record<string, string> = { diamond: 'cyan', platinum: 'indigo', gold: 'yellow', silver: 'gray', bronze: 'orange' };

/** The holding kinds the imports know, in the order of the holdings panel. */
export const HOLDING_KINDS = ['deposit', 'loan', 'mortgage', 'credit_card', 'debit_card', 'insurance', 'investment', 'service_contract', 'membership', 'other'] as const;

/** Contribution is a sum over holdings and spending; it has no currency of its own and is shown in yuan. */
export const VALUE_CURRENCY = 'CNY';

/** Names and one-line explanations for codes that come from the server. */
export function useValueLabels() {
  const { t } = useTranslation();
  // Keys built from server values: looked up by name, with the value itself as the fallback.
  return useMemo(() => {
    const lookup = t as unknown as (key: string, options: { defaultValue: string }) => string;
    return {
      segment: (key: string | null) => (key === null ? t('value.segment.none') : lookup(`value.segment.${key}`, { defaultValue: key })),
      segmentHint: (key: string | null) => (key === null ? t('value.segmentHint.none') : lookup(`value.segmentHint.${key}`, { defaultValue: '' })),
      tier: (key: string | null) => (key === null ? t('value.tier.none') : lookup(`value.tier.${key}`, { defaultValue: key })),
      customerClass: (key: string | null) => (key === null ? t('value.class.none') : lookup(`value.class.${key}`, { defaultValue: key })),
      holdingKind: (kind: string) => lookup(`holdings.kind.${kind}`, { defaultValue: kind }),
    };
  }, [t]);
}

export function SegmentBadge({ segment, ...props }: { segment: string | null } & BadgeProps) {
  const labels = useValueLabels();
  return (
    <Badge variant="light" color={segment ? (SEGMENT_COLORS[segment] ?? 'gray') : 'gray'} miw="max-content" data-segment={segment ?? 'none'} {...props}>
      {labels.segment(segment)}
    </Badge>
  );
}

export function TierBadge({ tier, ...props }: { tier: string | null } & BadgeProps) {
  const labels = useValueLabels();
  return (
    <Badge variant={tier ? 'light' : 'outline'} color={tier ? (TIER_COLORS[tier] ?? 'blue') : 'gray'} miw="max-content" data-tier={tier ?? 'none'} {...props}>
      {labels.tier(tier)}
    </Badge>
  );
}

export function CoreBadge(props: BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="grape" leftSection={<IconStarFilled size={10} aria-hidden />} miw="max-content" {...props}>
      {t('value.core')}
    </Badge>
  );
}

export const CLASS_COLORS: Record<string, string> = { key: 'red', potential: 'teal', ordinary: 'gray' };

/** Key / potential / ordinary customer class. */
export function ClassBadge({ customerClass, ...props }: { customerClass: string | null } & BadgeProps) {
  const labels = useValueLabels();
  return (
    <Badge variant="light" color={customerClass ? (CLASS_COLORS[customerClass] ?? 'gray') : 'gray'} miw="max-content" data-class={customerClass ?? 'none'} {...props}>
      {labels.customerClass(customerClass)}
    </Badge>
  );
}

export function VipBadge(props: BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color="yellow" c="dark" leftSection={<IconCrown size={11} aria-hidden />} miw="max-content" {...props}>
      {t('value.vip')}
    </Badge>
  );
}
