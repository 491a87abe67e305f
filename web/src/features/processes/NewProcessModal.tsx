import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../app/components.tsx';
import { api } from '../../lib/api.ts';
import type { ProcessDetail } from './types.ts';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * A new process starts as a copy of an existing one under its own key and names; the editor then
 * opens on it. Its first version is saved at once, so tickets can name it from then on.
 */
export function NewProcessModal({ opened, onClose, processes }: { opened: boolean; onClose: () => void; processes: { key: string; nameZh: string; nameEn: string }[] }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { key: '', nameZh: '', nameEn: '', from: processes[0]?.key ?? '' },
    validate: {
      key: (v) => (!KEY.test(v) ? t('processes.new.keyFormat') : processes.some((p) => p.key === v) ? t('processes.new.keyTaken') : null),
      nameZh: (v) => (v.trim() ? null : t('validation.required')),
      nameEn: (v) => (v.trim() ? null : t('validation.required')),
      from: (v) => (v ? null : t('validation.required')),
    },
  });
  const create = useMutation({
    mutationFn: async (values: typeof form.values) => {
      const source = await api.get<ProcessDetail>(`/process/definitions/${values.from}`);
      return api.put<ProcessDetail>(`/process/definitions/${values.key}`, { nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim(), definition: source.definition });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['process'] });
      onClose();
      void navigate(`/admin/processes/${saved.key}`);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('processes.new.title')}>
      <form onSubmit={form.onSubmit((values) => create.mutate(values))}>
        <Stack gap="sm">
          <TextInput label={t('processes.new.key')} description={t('processes.new.keyHint')} withAsterisk {...form.getInputProps('key')} data-testid="new-process-key" />
          <TextInput label={t('processes.new.nameZh')} withAsterisk {...form.getInputProps('nameZh')} data-testid="new-process-name-zh" />
          <TextInput label={t('processes.new.nameEn')} withAsterisk {...form.getInputProps('nameEn')} data-testid="new-process-name-en" />
          <Select
            label={t('processes.new.copyFrom')}
            data={processes.map((p) => ({ value: p.key, label: i18n.language === 'en' ? p.nameEn : p.nameZh }))}
            allowDeselect={false}
            {...form.getInputProps('from')}
          />
          {create.error && <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="new-process-create">
              {t('processes.new.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
