import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const { t } = useTranslation();
  const box = size === 'lg' ? 40 : 30;
  return (
    <Link to="/" style={{ textDecoration: 'none', color: 'inherit', borderRadius: 6 }} title={t('app.home')}>
      <Group gap={8} wrap="nowrap">
        <img src="/favicon.svg" width={box} height={box} alt="" />
        <Text fw={700} fz={size === 'lg' ? 24 : 18} style={{ whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Text>
      </Group>
    </Link>
  );
}
