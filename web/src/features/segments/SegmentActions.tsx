import { Button, Group, Loader, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useBothLanguages } from '../../i18n/index.ts';
import { useNavigate } from 'react-router';
import { fieldErrors } from '../../lib/api.ts';
import { ErrorAlert } from '../../app/components.tsx';
import { localName } from './labels.tsx';
import { useDeleteSegment, useRefreshSegment, useSnapshotSegment } from './queries.ts';
import type { Segment } from './types.ts';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Names for the frozen copy of a segment; saving opens the new static segment. */
export function SnapshotModal({ segment, onClose }: { segment: Segment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const both = useBothLanguages();
  return (
    <Modal opened={Boolean(segment)} onClose={onClose} title={t('segments.snapshot.title')} size="lg">
      {segment && (both ? <SnapshotForm key={segment.id} segment={segment} onClose={onClose} /> : <Loader size="sm" />)}
    </Modal>
  );
}

function SnapshotForm({ segment, onClose }: { segment: Segment; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const snapshot = useSnapshotSegment();
  // Each name in its own language, whatever the interface language is.
  const form = useForm({
    initialValues: {
      nameZh: t('segments.snapshot.defaultName', { lng: 'zh-CN', name: segment.nameZh, date: today() }),
      nameEn: segment.nameEn ? t('segments.snapshot.defaultName', { lng: 'en', name: segment.nameEn, date: today() }) : '',
    },
    validate: { nameZh: (v) => (v.trim() ? null : t('validation.required')) },
  });
  return (
    <form
      noValidate
      data-testid="snapshot-form"
      onSubmit={form.onSubmit((values) =>
        snapshot.mutate(
          { id: segment.id, body: { nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim() || null } },
          {
            onSuccess: (created) => {
              notifications.show({ color: 'teal', message: t('segments.snapshot.done', { name: localName(created, i18n.language), n: created.memberCount, count: created.memberCount }) });
              onClose();
              navigate(`/segments/${created.id}`);
            },
            onError: (error) => form.setErrors(fieldErrors(error)),
          },
        ),
      )}
    >
      <Stack gap="sm">
        <Text size="sm">{t('segments.snapshot.hint', { name: localName(segment, i18n.language), n: segment.memberCount, count: segment.memberCount })}</Text>
        {snapshot.error && Object.keys(fieldErrors(snapshot.error)).length === 0 && <ErrorAlert error={snapshot.error} />}
        <TextInput label={t('segments.fields.nameZh')} withAsterisk data-autofocus data-testid="snapshot-nameZh" {...form.getInputProps('nameZh')} />
        <TextInput label={t('segments.fields.nameEn')} data-testid="snapshot-nameEn" {...form.getInputProps('nameEn')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={snapshot.isPending} data-testid="save-snapshot">
            {t('segments.snapshot.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Asks before a segment goes; its customers stay as they are. */
export function DeleteModal({ segment, onClose, onDeleted }: { segment: Segment | null; onClose: () => void; onDeleted?: () => void }) {
  const { t, i18n } = useTranslation();
  const remove = useDeleteSegment();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Modal opened={Boolean(segment)} onClose={close} title={t('segments.delete.title')}>
      {segment && (
        <Stack gap="sm" data-testid="delete-segment-dialog">
          <Text size="sm">{t('segments.delete.confirm', { name: localName(segment, i18n.language) })}</Text>
          {remove.error && <ErrorAlert error={remove.error} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              data-testid="confirm-delete-segment"
              onClick={() =>
                remove.mutate(segment.id, {
                  onSuccess: () => {
                    notifications.show({ color: 'teal', message: t('segments.delete.done', { name: localName(segment, i18n.language) }) });
                    close();
                    onDeleted?.();
                  },
                })
              }
            >
              {t('segments.delete.action')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** Recomputes a dynamic segment now and says what changed. */
export function useRefreshAction() {
  const { t } = useTranslation();
  const refresh = useRefreshSegment();
  const run = (segment: Segment) =>
    refresh.mutate(segment.id, {
      onSuccess: (r) => notifications.show({ color: 'teal', message: t('segments.refreshed', { added: r.added, removed: r.removed }) }),
      onError: (error) => notifications.show({ color: 'red', message: error.message }),
    });
  return { run, pending: refresh.isPending ? refresh.variables : null };
}
