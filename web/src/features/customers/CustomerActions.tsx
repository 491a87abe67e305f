import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Menu, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconArrowsJoin, IconDots, IconEdit, IconRestore, IconTrash, IconUserShare } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, fieldErrors, isApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import type { Customer, CustomerMerge, UserLookup } from '../../lib/types.ts';
import { usePermissions } from '../../app/auth.tsx';
import { customerUnitLabel, ErrorAlert } from '../../app/components.tsx';
import { nameAndCode } from './fieldText.ts';
import { OrgUnitSelect } from './OrgUnitSelect.tsx';
import { customerKeys, recentlyDeleted, useMerges, useOrgUnits, useUsersById } from './queries.ts';
import { UserSelect, userUnitName } from './UserSelect.tsx';

/** Hands the customer to another manager (POST /customers/:id/transfer). */
function TransferForm({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const orgUnits = useOrgUnits();
  const [owner, setOwner] = useState<UserLookup | null>(null);
  const form = useForm({
    initialValues: { ownerId: null as string | null, orgUnitId: null as string | null, reason: '' },
    validate: { ownerId: (v) => (v ? null : t('validation.required')) },
  });
  const transfer = useMutation({
    mutationFn: (values: typeof form.values) =>
      api.post<Customer>(`/customers/${customer.id}/transfer`, {
        ownerId: Number(values.ownerId),
        orgUnitId: values.orgUnitId ? Number(values.orgUnitId) : undefined,
        reason: values.reason.trim() || undefined,
      }),
    onSuccess: async (after) => {
      queryClient.setQueryData(customerKeys.one(customer.id), after);
      await queryClient.invalidateQueries({ queryKey: customerKeys.all });
      notifications.show({ color: 'teal', message: t('customer.transfer.done', { name: after.ownerName ?? owner?.displayName ?? '' }) });
      onClose();
    },
    onError: async (error) => {
      // Handed out of the reader's own scope: done, but the record is no longer his to see.
      if (isApiError(error) && error.status === 404 && error.errors.length === 0) {
        await queryClient.invalidateQueries({ queryKey: customerKeys.all });
        notifications.show({ color: 'teal', message: t('customer.transfer.doneOutOfScope', { name: owner?.displayName ?? '' }) });
        onClose();
        navigate('/customers');
        return;
      }
      form.setErrors(fieldErrors(error));
    },
  });
  const unplaced = transfer.error && !(isApiError(transfer.error) && transfer.error.errors.length > 0 && transfer.error.errors.every((e) => /^body\.(ownerId|orgUnitId|reason)$/.test(e.field)));
  return (
    <form onSubmit={form.onSubmit((values) => transfer.mutate(values))} noValidate data-testid="transfer-form">
      <Stack gap="sm">
        {unplaced && <ErrorAlert error={transfer.error} />}
        <Text size="sm">
          {t('common.labelled', { label: t('customer.transfer.currentOwner') })}
          {customer.ownerName ?? t('customer.noOwner')}
          {customer.orgUnitName ? ` · ${customerUnitLabel(customer)}` : ''}
        </Text>
        <UserSelect
          label={t('customer.transfer.newOwner')}
          placeholder={t('customer.transfer.ownerPlaceholder')}
          withAsterisk
          value={form.values.ownerId}
          onChange={(value, user) => {
            form.setFieldValue('ownerId', value);
            setOwner(user);
          }}
          error={form.errors.ownerId}
          comboboxProps={{ withinPortal: true }}
          data-autofocus
          data-testid="transfer-owner"
        />
        <OrgUnitSelect
          label={t('customer.transfer.orgUnit')}
          description={
            owner && !form.values.orgUnitId
              ? t('customer.transfer.orgUnitDefaultFor', { unit: userUnitName(owner, i18n.language) })
              : t('customer.transfer.orgUnitHint')
          }
          placeholder={t('customer.transfer.orgUnitPlaceholder')}
          units={orgUnits.data ?? []}
          value={form.values.orgUnitId}
          onChange={(value) => form.setFieldValue('orgUnitId', value)}
          error={form.errors.orgUnitId}
          data-testid="transfer-org-unit"
        />
        <Textarea label={t('customer.transfer.reason')} autosize minRows={2} maxRows={6} maxLength={500} data-testid="transfer-reason" {...form.getInputProps('reason')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={transfer.isPending} leftSection={<IconUserShare size={16} />} data-testid="transfer-submit">
            {t('customer.transfer.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeleteConfirm({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.delete(`/customers/${customer.id}`),
    onSuccess: async () => {
      const deleted = { ...customer, deletedAt: new Date().toISOString() };
      recentlyDeleted.set(customer.id, deleted);
      queryClient.setQueryData(customerKeys.one(customer.id), deleted);
      await queryClient.invalidateQueries({ queryKey: ['customers', 'list'] });
      notifications.show({ color: 'teal', message: t('customer.delete.done', { name: customer.name }) });
      onClose();
    },
  });
  return (
    <Stack gap="sm">
      {remove.error && <ErrorAlert error={remove.error} />}
      <Text size="sm">{t('customer.delete.confirm', { name: customer.name, code: customer.code })}</Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose} data-autofocus>
          {t('common.cancel')}
        </Button>
        <Button color="red" leftSection={<IconTrash size={16} />} loading={remove.isPending} onClick={() => remove.mutate()} data-testid="delete-confirm">
          {t('customer.delete.action')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The 360 header's actions: edit, and in a menu merge, transfer and delete, each by permission. */
export function CustomerActions({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const [dialog, setDialog] = useState<'transfer' | 'delete' | null>(null);
  if (customer.deletedAt) return null;
  const more = can('customer:merge') || can('customer:transfer') || can('customer:delete');
  return (
    <Group gap="xs">
      {can('customer:update') && (
        <Button component={Link} to={`/customers/${customer.id}/edit`} variant="light" leftSection={<IconEdit size={16} />} data-testid="edit-customer">
          {t('common.edit')}
        </Button>
      )}
      {more && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default" rightSection={<IconDots size={16} />} data-testid="customer-actions">
              {t('customer.actions.more')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {can('customer:merge') && (
              <Menu.Item component={Link} to={`/customers/${customer.id}/merge`} leftSection={<IconArrowsJoin size={16} />} data-testid="action-merge">
                {t('customer.actions.merge')}
              </Menu.Item>
            )}
            {can('customer:transfer') && (
              <Menu.Item leftSection={<IconUserShare size={16} />} onClick={() => setDialog('transfer')} data-testid="action-transfer">
                {t('customer.actions.transfer')}
              </Menu.Item>
            )}
            {can('customer:delete') && (
              <>
                <Menu.Divider />
                <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setDialog('delete')} data-testid="action-delete">
                  {t('customer.actions.delete')}
                </Menu.Item>
              </>
            )}
          </Menu.Dropdown>
        </Menu>
      )}
      <Modal opened={dialog === 'transfer'} onClose={() => setDialog(null)} title={t('customer.transfer.title', { name: customer.name })} size="lg">
        {dialog === 'transfer' && <TransferForm customer={customer} onClose={() => setDialog(null)} />}
      </Modal>
      <Modal opened={dialog === 'delete'} onClose={() => setDialog(null)} title={t('customer.delete.title')}>
        {dialog === 'delete' && <DeleteConfirm customer={customer} onClose={() => setDialog(null)} />}
      </Modal>
    </Group>
  );
}

/** Shown on a deleted customer: what happened, and the restore for those allowed. */
export function DeletedNotice({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const queryClient = useQueryClient();
  const restore = useMutation({
    mutationFn: () => api.post<Customer>(`/customers/${customer.id}/restore`),
    onSuccess: async (after) => {
      recentlyDeleted.delete(customer.id);
      queryClient.setQueryData(customerKeys.one(customer.id), after);
      await queryClient.invalidateQueries({ queryKey: customerKeys.all });
      notifications.show({ color: 'teal', message: t('customer.restore.done', { name: customer.name }) });
    },
  });
  if (!customer.deletedAt) return null;
  return (
    <Alert color="red" variant="light" title={t('customer.delete.noticeTitle')} data-testid="deleted-notice">
      <Stack gap="xs">
        <Text size="sm">
          {customer.mergedIntoId ? t('customer.delete.mergedNotice') : t('customer.delete.notice', { at: format.dateTime(customer.deletedAt) })}
        </Text>
        {restore.error && <ErrorAlert error={restore.error} />}
        {customer.mergedIntoId ? (
          <Anchor component={Link} to={`/customers/${customer.mergedIntoId}`} size="sm">
            {t('customer.delete.openTarget')}
          </Anchor>
        ) : (
          can('customer:restore') && (
            <Group>
              <Button variant="white" color="red" leftSection={<IconRestore size={16} />} loading={restore.isPending} onClick={() => restore.mutate()} data-testid="restore-customer">
                {t('customer.restore.action')}
              </Button>
            </Group>
          )
        )}
      </Stack>
    </Alert>
  );
}

function UndoConfirm({ merge, customer, sourceName, onClose }: { merge: CustomerMerge; customer: Customer; sourceName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const undo = useMutation({
    mutationFn: () => api.post<Customer>(`/customer-merges/${merge.id}/undo`),
    onSuccess: async (after) => {
      queryClient.setQueryData(customerKeys.one(after.id), after);
      recentlyDeleted.delete(merge.sourceId);
      await queryClient.invalidateQueries({ queryKey: customerKeys.all });
      notifications.show({ color: 'teal', message: t('customer.merge.undone', { name: sourceName }) });
      onClose();
    },
  });
  return (
    <Stack gap="sm">
      {undo.error && <ErrorAlert error={undo.error} />}
      <Text size="sm">{t('customer.merge.undoConfirm', { source: sourceName, target: customer.name })}</Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose} data-autofocus>
          {t('common.cancel')}
        </Button>
        <Button color="orange" leftSection={<IconArrowBackUp size={16} />} loading={undo.isPending} onClick={() => undo.mutate()} data-testid="undo-merge-confirm">
          {t('customer.merge.undo')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Merges this customer took part in, newest first, with the undo for administrators. The other
 * customer is named when this session has read it (a merged customer is deleted and no longer
 * readable by id), by its number otherwise.
 */
export function MergeHistory({ customer, hideWhenEmpty = false }: { customer: Customer; hideWhenEmpty?: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const queryClient = useQueryClient();
  const merges = useMerges(customer.id);
  const actors = useUsersById((merges.data ?? []).map((m) => m.actorId).filter((id): id is number => id !== null));
  const [undoing, setUndoing] = useState<CustomerMerge | null>(null);
  if (hideWhenEmpty && (!merges.data || merges.data.length === 0) && !merges.error) return null;
  const actorName = (id: number | null) => (id === null ? '' : (actors.data?.find((u) => u.id === id)?.displayName ?? ''));
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="merge-history-title" data-testid="merge-history">
      <Title order={2} fz="h4" id="merge-history-title" mb="sm">
        {t('customer.merge.history')}
      </Title>
      {merges.error && <ErrorAlert error={merges.error} />}
      {merges.isPending && (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      )}
      {merges.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('customer.merge.noHistory')}
        </Text>
      )}
      <Stack gap="xs">
        {merges.data?.map((merge) => {
          const into = merge.targetId === customer.id;
          const other = into ? merge.sourceId : merge.targetId;
          const otherName = nameAndCode(into ? { name: merge.sourceName, code: merge.sourceCode } : { name: merge.targetName, code: merge.targetCode }, i18n.language);
          return (
            <Group key={merge.id} justify="space-between" wrap="wrap" gap="xs" data-testid="merge-entry">
              <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {into ? (
                    t('customer.merge.mergedFrom', { name: otherName })
                  ) : (
                    <>
                      {t('customer.merge.mergedInto')}{' '}
                      <Anchor component={Link} to={`/customers/${other}`} size="sm">
                        {otherName}
                      </Anchor>
                    </>
                  )}
                  {merge.undoneAt && (
                    <Badge ml="xs" size="sm" color="gray" variant="light">
                      {t('customer.merge.undoneBadge')}
                    </Badge>
                  )}
                </Text>
                <Text size="xs" c="dimmed">
                  {[format.dateTime(merge.at), actorName(merge.actorId)].filter(Boolean).join(' · ')}
                </Text>
              </Stack>
              {into && !merge.undoneAt && can('customer:merge_undo') && (
                <Button size="compact-sm" variant="light" color="orange" leftSection={<IconArrowBackUp size={14} />} onClick={() => setUndoing(merge)} data-testid="undo-merge">
                  {t('customer.merge.undo')}
                </Button>
              )}
            </Group>
          );
        })}
      </Stack>
      <Modal opened={undoing !== null} onClose={() => setUndoing(null)} title={t('customer.merge.undoTitle')}>
        {undoing && <UndoConfirm merge={undoing} customer={customer} sourceName={nameAndCode({ name: undoing.sourceName, code: undoing.sourceCode }, i18n.language)} onClose={() => setUndoing(null)} />}
      </Modal>
    </Paper>
  );
}
