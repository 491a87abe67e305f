import { Badge, type BadgeProps } from '@mantine/core';
import { IconLock, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SegmentKind } from './types.ts';

export { localName, otherName } from '../tags/labels.tsx';

export function SegmentKindBadge({ kind, ...props }: { kind: SegmentKind } & BadgeProps) {
  const { t } = useTranslation();
  const Icon = kind === 'dynamic' ? IconRefresh : IconLock;
  return (
    <Badge variant="light" color={kind === 'dynamic' ? 'indigo' : 'gray'} leftSection={<Icon size={11} aria-hidden />} miw="max-content" data-kind={kind} {...props}>
      {t(`segments.kind.${kind}`)}
    </Badge>
  );
}

/** "25-34" as people say it; the server's band codes stay out of sight. */
export function useBandLabel() {
  const { t } = useTranslation();
  return (band: string) => {
    switch (band) {
      case '<25':
        return t('segments.audience.band.under25');
      case '65+':
        return t('segments.audience.band.over65');
      case 'unknown':
        return t('segments.audience.band.unknown');
      default:
        return t('segments.audience.band.range', { from: band.split('-')[0], to: band.split('-')[1] });
    }
  };
}
