import { useRef } from 'react';
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPaperclip, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/components.tsx';
import { apiUrl, uploadFile } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { serviceKeys } from './queries.ts';
import type { Attachment, UploadedAttachment } from './types.ts';

const MAX_BYTES = 10 * 1024 * 1024;

/** Files kept with the ticket (a receipt, a letter, a recording): anyone who sees the ticket adds and reads them. */
export function TicketAttachments({ ticketId, attachments }: { ticketId: number; attachments: Attachment[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: (file: File) => uploadFile<UploadedAttachment>(`/tickets/${ticketId}/attachments`, file),
    onSuccess: (saved) => {
      notifications.show({ color: 'teal', message: t('service.attachments.added', { name: saved.name }) });
      void queryClient.invalidateQueries({ queryKey: serviceKeys.one(ticketId) });
    },
  });
  const choose = (files: FileList | null) => {
    const file = files?.[0];
    if (input.current) input.current.value = '';
    if (!file) return;
    if (file.size > MAX_BYTES) {
      notifications.show({ color: 'red', message: t('service.attachments.tooBig', { name: file.name }) });
      return;
    }
    upload.mutate(file);
  };
  return (
    <Paper withBorder p="md" component="section" aria-label={t('service.attachments.title')} data-testid="ticket-attachments">
      <Group justify="space-between" mb="xs">
        <Group gap={6}>
          <IconPaperclip size={16} aria-hidden />
          <Title order={2} fz="md">
            {t('service.attachments.title')}
          </Title>
        </Group>
        <Button size="xs" variant="light" leftSection={<IconUpload size={14} />} loading={upload.isPending} onClick={() => input.current?.click()} data-testid="attachment-add">
          {t('service.attachments.add')}
        </Button>
        <input ref={input} type="file" hidden onChange={(e) => choose(e.currentTarget.files)} data-testid="attachment-input" />
      </Group>
      {upload.error && <ErrorAlert error={upload.error} />}
      {attachments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('service.attachments.none')}
        </Text>
      ) : (
        <Stack gap={4}>
          {attachments.map((a) => (
            <div key={a.id} data-testid="attachment">
              <Anchor href={apiUrl(`/tickets/${ticketId}/attachments/${a.id}`)} download={a.name} size="sm">
                {a.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t('service.attachments.size', { kb: format.number(Math.max(1, Math.round(a.size / 1024))) })} · {a.uploadedByName ?? '—'} · {format.dateTime(a.uploadedAt)}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
