import type { ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/components.tsx';

/** Asks before something that cannot be undone; a refusal from the server stays inside the dialog. */
export function ConfirmModal({
  opened,
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  loading,
  error,
  color = 'red',
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  loading?: boolean;
  error?: unknown;
  color?: string;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered data-testid="confirm-modal">
      <Stack gap="md">
        <Text size="sm" component="div">
          {children}
        </Text>
        {error ? <ErrorAlert error={error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={color} onClick={onConfirm} loading={loading} data-testid="confirm-action" data-autofocus>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Says why there are no buttons to change anything. */
export function ReadOnlyNote({ children }: { children: ReactNode }) {
  return (
    <Alert color="gray" variant="light" icon={<IconEye size={18} />} data-testid="read-only-note">
      {children}
    </Alert>
  );
}
