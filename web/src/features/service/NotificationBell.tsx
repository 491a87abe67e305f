import { lazy, Suspense, useState } from 'react';
import { ActionIcon, Loader, Popover } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import type { NotificationList as List } from './types.ts';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

// The list's code comes when the bell is first opened: the header stays light.
const NotificationList = lazy(() => import('./NotificationList.tsx'));

/**
 * The bell in the app header with the unread count, checked every minute; the notices are worded
 * by the server in the reader's language.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const list = useQuery({ queryKey: NOTIFICATIONS_KEY, queryFn: ({ signal }) => api.get<List>('/notifications', { limit: 20 }, signal), refetchInterval: 60_000 });
  const unread = list.data?.unread ?? 0;
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" withinPortal>
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          pos="relative"
          onClick={() => setOpened((o) => !o)}
          aria-label={t('service.bell.label', { n: unread })}
          data-testid="bell"
        >
          <IconBell size={20} />
          <span
            hidden={unread === 0}
            data-testid="bell-count"
            data-unread={unread}
            style={{
              position: 'absolute',
              top: 2,
              right: 0,
              minWidth: 16,
              height: 16,
              padding: '0 4px',
              borderRadius: 8,
              background: 'var(--mantine-color-red-filled)',
              color: 'white',
              fontSize: 10,
              fontWeight: 700,
              lineHeight: '16px',
            }}
          >
            {unread > 99 ? '99+' : unread}
          </span>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        {opened && (
          <Suspense fallback={<Loader size="sm" m="sm" />}>
            <NotificationList list={list.data} onClose={() => setOpened(false)} />
          </Suspense>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
