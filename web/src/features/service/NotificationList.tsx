import { Button, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { NOTIFICATIONS_KEY } from './NotificationBell.tsx';
import type { NotificationItem, NotificationList as List } from './types.ts';

/** The bell's list, loaded when it is first opened: a click follows the notice's link and marks it read. */
export default function NotificationList({ list, onClose }: { list: List | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const client = useQueryClient();
  const read = useMutation({
    mutationFn: (id: number | 'all') => api.post<void>(id === 'all' ? '/notifications/read-all' : `/notifications/${id}/read`),
    onSettled: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
  const open = (item: NotificationItem) => {
    if (!item.readAt) read.mutate(item.id);
    onClose();
    if (item.link) navigate(item.link);
  };
  return (
    <div data-testid="bell-list">
      <Group justify="space-between" px="sm" py={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Text fw={600} size="sm">
          {t('service.bell.title')}
        </Text>
        <Button size="compact-xs" variant="subtle" disabled={!list?.unread} onClick={() => read.mutate('all')} data-testid="bell-read-all">
          {t('service.bell.readAll')}
        </Button>
      </Group>
      <ScrollArea.Autosize mah={360}>
        {(list?.items.length ?? 0) === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            {t('service.bell.empty')}
          </Text>
        ) : (
          <Stack gap={0}>
            {list?.items.map((item) => (
              <UnstyledButton
                key={item.id}
                onClick={() => open(item)}
                px="sm"
                py={8}
                style={{ borderBottom: '1px solid var(--mantine-color-default-border)', background: item.readAt ? undefined : 'var(--mantine-color-blue-light)' }}
                data-testid="bell-item"
                data-read={Boolean(item.readAt)}
              >
                <Text size="sm" fw={item.readAt ? 400 : 600}>
                  {item.text}
                </Text>
                <Text size="xs" c="dimmed">
                  {format.relative(item.createdAt)}
                </Text>
              </UnstyledButton>
            ))}
          </Stack>
        )}
      </ScrollArea.Autosize>
    </div>
  );
}
