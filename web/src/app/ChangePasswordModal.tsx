import { Alert, Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, isApiError } from '../lib/api.ts';
import { ErrorAlert } from './components.tsx';
import { ME_KEY } from './auth.tsx';

/** Change one's own password; required right after sign-in when an administrator set a temporary one. */
export function ChangePasswordModal({ opened, onClose, required }: { opened: boolean; onClose: () => void; required?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('validation.required')),
      newPassword: (v) => (v ? null : t('validation.required')),
      confirm: (v, values) => (v === values.newPassword ? null : t('password.mismatch')),
    },
  });
  const change = useMutation({
    mutationFn: (values: { currentPassword: string; newPassword: string }) => api.post<void>('/auth/password', values),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('password.changed') });
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      onClose();
    },
    onError: (error) => form.setErrors(fieldErrors(error)),
  });
  const unplaced = isApiError(change.error) && change.error.errors.every((e) => !/^body\.(currentPassword|newPassword)$/.test(e.field));

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('password.title')}
      closeOnClickOutside={!required}
      closeOnEscape={!required}
      withCloseButton={!required}
    >
      <form onSubmit={form.onSubmit(({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword }))} noValidate>
        <Stack>
          {required && <Alert color="yellow">{t('password.mustChange')}</Alert>}
          {change.error && unplaced && <ErrorAlert error={change.error} />}
          <PasswordInput label={t('password.current')} autoComplete="current-password" {...form.getInputProps('currentPassword')} />
          <PasswordInput label={t('password.new')} description={t('password.rules')} autoComplete="new-password" {...form.getInputProps('newPassword')} />
          <PasswordInput label={t('password.confirm')} autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Group justify="flex-end">
            {!required && (
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
            )}
            <Button type="submit" loading={change.isPending}>
              {t('password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
