import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Drawer, EmptyState, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconEdit, IconEye, IconInfoCircle, IconPlus, IconShieldLock, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../lib/types.ts';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { useCustomerFields, useDeleteRole, usePermissionList, useRoles } from './queries.ts';
import { isDataScope, roleName } from './access/model.ts';
import { ConfirmModal, ReadOnlyNote } from './access/shared.tsx';
import { RoleForm, RoleSummary } from './access/RoleForm.tsx';

type Panel = { mode: 'create'; template?: Role } | { mode: 'edit'; role: Role } | { mode: 'view'; role: Role } | null;

export default function RolesPage() {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const canManage = can('role:manage');
  usePageTitle(t('admin.roles.title'));
  const roles = useRoles();
  const permissions = usePermissionList();
  const customFields = useCustomerFields();
  const remove = useDeleteRole();
  const [panel, setPanel] = useState<Panel>(null);
  const [deleting, setDeleting] = useState<Role | null>(null);

  const error = roles.error ?? permissions.error ?? customFields.error;
  const ready = roles.data && permissions.data && customFields.data;
  const otherLocale = i18n.language === 'en' ? 'zh-CN' : 'en';

  const open = (role: Role) => setPanel(canManage && !role.builtin ? { mode: 'edit', role } : { mode: 'view', role });
  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} fz="h2">
          {t('admin.roles.title')}
        </Title>
        {canManage && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setPanel({ mode: 'create' })} disabled={!ready} data-testid="new-role">
            {t('admin.roles.new')}
          </Button>
        )}
      </Group>
      {canManage ? (
        <Text size="sm" c="dimmed">
          {t('admin.roles.intro')}
        </Text>
      ) : (
        <ReadOnlyNote>{t('admin.roles.readOnly')}</ReadOnlyNote>
      )}
      {error ? <ErrorAlert error={error} /> : null}

      {roles.isPending ? (
        <PageLoader />
      ) : roles.data ? (
        <Paper withBorder component="section" aria-label={t('admin.roles.results')}>
          <Table.ScrollContainer minWidth={820}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="role-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('admin.roles.fields.name')}</Table.Th>
                  <Table.Th scope="col">{t('admin.roles.fields.key')}</Table.Th>
                  <Table.Th scope="col">{t('admin.roles.fields.type')}</Table.Th>
                  <Table.Th scope="col">{t('admin.roles.fields.dataScope')}</Table.Th>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>
                    {t('admin.roles.fields.permissions')}
                  </Table.Th>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>
                    {t('admin.roles.fields.fieldRules')}
                  </Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('admin.roles.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {roles.data.map((role) => {
                  const rules = Object.values(role.fieldRules).filter((a) => a !== 'edit').length;
                  return (
                    <Table.Tr key={role.id} data-testid="role-row" data-key={role.key}>
                      <Table.Td miw={160}>
                        <Anchor component="button" type="button" size="sm" fw={500} onClick={() => open(role)} disabled={!ready}>
                          {roleName(role, i18n.language)}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {roleName(role, otherLocale)}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm" className="mono">
                          {role.key}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={role.builtin ? 'blue' : 'grape'} miw="max-content">
                          {role.builtin ? t('admin.roles.builtin') : t('admin.roles.custom')}
                        </Badge>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm">{isDataScope(role.dataScope) ? t(`admin.roles.scope.${role.dataScope}`) : role.dataScope}</Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm">{t('admin.roles.permissionCount', { n: role.permissions.length })}</Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm" c={rules ? undefined : 'dimmed'}>
                          {rules ? t('admin.roles.ruleCount', { n: rules, count: rules }) : t('admin.roles.noRules')}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          {canManage && !role.builtin ? (
                            <Button
                              variant="subtle"
                              size="compact-sm"
                              leftSection={<IconEdit size={14} />}
                              onClick={() => open(role)}
                              disabled={!ready}
                              aria-label={t('admin.roles.editNamed', { name: roleName(role, i18n.language) })}
                              data-testid="edit-role"
                            >
                              {t('common.edit')}
                            </Button>
                          ) : (
                            <Button
                              variant="subtle"
                              size="compact-sm"
                              leftSection={<IconEye size={14} />}
                              onClick={() => open(role)}
                              disabled={!ready}
                              aria-label={t('admin.roles.viewNamed', { name: roleName(role, i18n.language) })}
                              data-testid="view-role"
                            >
                              {t('admin.roles.view')}
                            </Button>
                          )}
                          {canManage && (
                            <Button
                              variant="subtle"
                              size="compact-sm"
                              leftSection={<IconCopy size={14} />}
                              onClick={() => setPanel({ mode: 'create', template: role })}
                              disabled={!ready}
                              aria-label={t('admin.roles.copyNamed', { name: roleName(role, i18n.language) })}
                              data-testid="copy-role"
                            >
                              {t('admin.roles.copy')}
                            </Button>
                          )}
                          {canManage && !role.builtin && (
                            <Button
                              variant="subtle"
                              size="compact-sm"
                              color="red"
                              leftSection={<IconTrash size={14} />}
                              onClick={() => setDeleting(role)}
                              aria-label={t('admin.roles.deleteNamed', { name: roleName(role, i18n.language) })}
                              data-testid="delete-role"
                            >
                              {t('admin.roles.delete')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {roles.data.length === 0 && <EmptyState py="xl" icon={<IconShieldLock size={28} />} title={t('admin.roles.empty')} />}
        </Paper>
      ) : null}

      <Drawer
        opened={panel !== null}
        onClose={() => setPanel(null)}
        position="right"
        size="xl"
        title={
          panel?.mode === 'create'
            ? t('admin.roles.newTitle')
            : panel?.mode === 'edit'
              ? t('admin.roles.editTitle', { name: roleName(panel.role, i18n.language) })
              : panel
                ? roleName(panel.role, i18n.language)
                : ''
        }
        data-testid="role-drawer"
      >
        {panel?.mode === 'view' && ready && (
          <Stack gap="md">
            {panel.role.builtin && (
              <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
                {canManage ? t('admin.roles.builtinHint') : t('admin.roles.builtinReadOnly')}
              </Alert>
            )}
            <RoleSummary role={panel.role} permissions={permissions.data} customFields={customFields.data} />
            {canManage && (
              <Group justify="flex-end">
                <Button variant="light" leftSection={<IconCopy size={16} />} onClick={() => setPanel({ mode: 'create', template: panel.role })}>
                  {t('admin.roles.copyAsNew')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
        {panel && panel.mode !== 'view' && ready && (
          <RoleForm
            key={panel.mode === 'edit' ? panel.role.id : `new-${panel.template?.id ?? ''}`}
            role={panel.mode === 'edit' ? panel.role : null}
            template={panel.mode === 'create' ? panel.template : undefined}
            permissions={permissions.data}
            customFields={customFields.data}
            onDone={() => setPanel(null)}
            onCancel={() => setPanel(null)}
          />
        )}
      </Drawer>

      <ConfirmModal
        opened={deleting !== null}
        title={t('admin.roles.deleteTitle')}
        confirmLabel={t('admin.roles.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={closeDelete}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('admin.roles.deleted', { name: roleName(deleting, i18n.language) }) });
              closeDelete();
            },
          })
        }
      >
        {deleting ? t('admin.roles.deleteBody', { name: roleName(deleting, i18n.language) }) : ''}
      </ConfirmModal>
    </Stack>
  );
}
