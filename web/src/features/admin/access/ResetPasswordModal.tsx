import { useState } from 'react';
import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, isApiError } from '../../../lib/api.ts';
import type { User } from '../../../lib/types.ts';
import { ErrorAlert } from '../../../app/components.tsx';
import { useResetPassword } from '../queries.ts';
import { TemporaryPasswordInput } from './UserForm.tsx';

/** Sets a temporary password; afterwards it is shown once more to hand over, and the user must change it at the next sign-in. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={user !== null} onClose={onClose} title={t('admin.users.resetTitle')} centered>
      {user && <ResetPasswordBody key={user.id} user={user} onClose={onClose} />}
    </Modal>
  );
}

function ResetPasswordBody({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);

  if (done !== null) {
    return (
      <Stack gap="md" data-testid="reset-done">
        <Alert color="teal" variant="light" icon={<IconCheck size={18} />} title={t('admin.users.resetDone')}>
          {t('admin.users.resetDoneBody', { name: user.displayName })}
        </Alert>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
            {t('common.labelled', { label: t('admin.users.fields.temporaryPassword') })}
          </Text>
          <Code fz="sm" style={{ overflowWrap: 'anywhere' }}>
            {done}
          </Code>
          <CopyButton value={done}>
            {({ copied, copy }) => (
              <Button variant="subtle" size="compact-sm" leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy}>
                {copied ? t('admin.users.copied') : t('admin.users.copyPassword')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus>
            {t('admin.users.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const unplaced = isApiError(reset.error) && reset.error.errors.every((e) => e.field !== 'body.password');
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!password) {
          setError(t('validation.required'));
          return;
        }
        setError(undefined);
        reset.mutate({ id: user.id, password }, { onSuccess: () => setDone(password), onError: (e) => setError(fieldErrors(e).password) });
      }}
      data-testid="reset-password-form"
    >
      <Stack gap="md">
        <Text size="sm">{t('admin.users.resetFor', { name: user.displayName, username: user.username })}</Text>
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
          {t('admin.users.resetHint')}
        </Alert>
        {reset.error && (unplaced || !isApiError(reset.error)) ? <ErrorAlert error={reset.error} /> : null}
        <TemporaryPasswordInput label={t('admin.users.fields.temporaryPassword')} value={password} onChange={setPassword} error={error} autoFocus />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="orange" loading={reset.isPending} data-testid="confirm-reset">
            {t('admin.users.resetSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
