import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  Anchor,
  Badge,
  Button,
  DataList,
  Drawer,
  EmptyState,
  Group,
  LoadingOverlay,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconEdit, IconEye, IconFilterOff, IconKey, IconPlus, IconSearch, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { OrgUnit, Role, User } from '../../lib/types.ts';
import { useFormat } from '../../lib/format.ts';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, orgUnitLabel, usePageTitle } from '../../app/components.tsx';
import { OrgUnitSelect } from '../customers/OrgUnitSelect.tsx';
import { useOrgUnits, useRoles, useUsers } from './queries.ts';
import { isLocked, roleName, subtreeIds } from './access/model.ts';
import { ReadOnlyNote } from './access/shared.tsx';
import { usePersonLabel, UserForm } from './access/UserForm.tsx';
import { ResetPasswordModal } from './access/ResetPasswordModal.tsx';
import { addressNow } from '../../lib/address-filter.ts';

const STATUS_FILTERS = ['active', 'disabled', 'locked', 'mustChangePassword'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

type Panel = { mode: 'create' } | { mode: 'edit'; user: User } | { mode: 'view'; user: User } | null;

function matchesStatus(user: User, status: StatusFilter): boolean {
  switch (status) {
    case 'active':
      return user.status === 'active';
    case 'disabled':
      return user.status === 'disabled';
    case 'locked':
      return isLocked(user);
    case 'mustChangePassword':
      return user.mustChangePassword;
  }
}

export function UserStatusBadges({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={user.status === 'disabled' ? 'gray' : 'teal'} variant="light" miw="max-content" data-testid="user-status">
        {t(`admin.users.status.${user.status === 'disabled' ? 'disabled' : 'active'}`)}
      </Badge>
      {isLocked(user) && (
        <Badge color="orange" variant="light" miw="max-content">
          {t('admin.users.locked')}
        </Badge>
      )}
      {user.mustChangePassword && (
        <Badge color="yellow" variant="outline" miw="max-content" data-testid="must-change-password">
          {t('admin.users.mustChangePassword')}
        </Badge>
      )}
    </Group>
  );
}

function UserDetails({ user, users, roles, units }: { user: User; users: User[]; roles: Role[]; units: OrgUnit[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const personLabel = usePersonLabel();
  const unit = units.find((u) => u.id === user.orgUnitId);
  const manager = users.find((u) => u.id === user.managerId);
  const roleNames = user.roleKeys.map((key) => {
    const role = roles.find((r) => r.key === key);
    return role ? roleName(role, i18n.language) : key;
  });
  const rows: [string, ReactNode][] = [
    [t('admin.users.fields.username'), <span className="mono">{user.username}</span>],
    [t('admin.users.fields.displayName'), user.displayName],
    [t('admin.users.fields.email'), user.email ?? '—'],
    [t('admin.users.fields.orgUnit'), unit ? orgUnitLabel(unit, i18n.language) : '—'],
    [t('admin.users.fields.manager'), manager ? personLabel(manager) : user.managerId ? t('admin.users.userNumber', { id: user.managerId }) : '—'],
    [t('admin.users.fields.roles'), roleNames.length ? format.list(roleNames) : '—'],
    [t('admin.users.fields.status'), <UserStatusBadges user={user} />],
    [t('admin.users.fields.locale'), t(`admin.users.locales.${user.locale === 'en' ? 'en' : 'zh-CN'}`)],
    [t('admin.users.fields.createdAt'), format.dateTime(user.createdAt)],
    [t('admin.users.fields.updatedAt'), format.dateTime(user.updatedAt)],
  ];
  return (
    <DataList labelWidth={110} data-testid="user-details">
      {rows.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const canManage = can('user:manage');
  usePageTitle(t('admin.users.title'));

  const [params, setParams] = useSearchParams();
  const search = params.get('q')?.trim() ?? '';
  const orgUnitId = Number(params.get('orgUnitId')) || null;
  const roleKey = params.get('role') || null;
  const status = (STATUS_FILTERS as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as StatusFilter) : null;

  const [q, setQ] = useState(search);
  const [debounced] = useDebouncedValue(q.trim(), 300);
  function update(changes: Record<string, string | null>) {
    const next = addressNow();
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  }
  // The address follows the typed text once typing pauses.
  useEffect(() => {
    if (debounced !== search) update({ q: debounced || null });
  }, [debounced]);

  const list = useUsers(search);
  // The full list (cached) names managers, also when the table is filtered by a search.
  const everyone = useUsers('', search !== '');
  const roles = useRoles();
  const orgUnits = useOrgUnits();
  const units = useMemo(() => orgUnits.data ?? [], [orgUnits.data]);
  const allUsers = (search ? everyone.data?.users : list.data?.users) ?? [];

  const rows = useMemo(() => {
    const inUnits = orgUnitId ? subtreeIds(units, orgUnitId) : null;
    return (list.data?.users ?? []).filter(
      (u) => (!inUnits || inUnits.has(u.orgUnitId)) && (!roleKey || u.roleKeys.includes(roleKey)) && (!status || matchesStatus(u, status)),
    );
  }, [list.data, units, orgUnitId, roleKey, status]);
  const unitsById = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const rolesByKey = useMemo(() => new Map((roles.data ?? []).map((r) => [r.key, r])), [roles.data]);

  const [panel, setPanel] = useState<Panel>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const filtered = Boolean(search || orgUnitId || roleKey || status);
  const ready = list.data && roles.data && orgUnits.data;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} fz="h2">
          {t('admin.users.title')}
        </Title>
        {canManage && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setPanel({ mode: 'create' })} disabled={!ready} data-testid="new-user">
            {t('admin.users.new')}
          </Button>
        )}
      </Group>
      {!canManage && <ReadOnlyNote>{t('admin.users.readOnly')}</ReadOnlyNote>}

      <Paper withBorder p="md" component="section" aria-label={t('admin.users.filters')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="sm">
          <TextInput
            type="search"
            label={t('admin.users.filter.search')}
            placeholder={t('admin.users.filter.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(event) => setQ(event.currentTarget.value)}
            data-testid="filter-q"
          />
          <OrgUnitSelect
            label={t('admin.users.filter.orgUnit')}
            placeholder={t('admin.users.filter.orgUnitPlaceholder')}
            units={units}
            value={orgUnitId ? String(orgUnitId) : null}
            onChange={(value) => update({ orgUnitId: value })}
            data-testid="filter-org-unit"
          />
          <Select
            label={t('admin.users.filter.role')}
            placeholder={t('common.all')}
            data={(roles.data ?? []).map((r) => ({ value: r.key, label: roleName(r, i18n.language) }))}
            value={roleKey}
            onChange={(value) => update({ role: value })}
            clearable
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            data-testid="filter-role"
          />
          <Select
            label={t('admin.users.filter.status')}
            placeholder={t('common.all')}
            data={STATUS_FILTERS.map((s) => ({ value: s, label: t(`admin.users.statusFilter.${s}`) }))}
            value={status}
            onChange={(value) => update({ status: value })}
            clearable
            data-testid="filter-status"
          />
        </SimpleGrid>
      </Paper>

      {list.error ? <ErrorAlert error={list.error} /> : null}
      {roles.error ? <ErrorAlert error={roles.error} /> : null}
      {orgUnits.error ? <ErrorAlert error={orgUnits.error} /> : null}

      <Paper withBorder pos="relative" component="section" aria-label={t('admin.users.results')} aria-busy={list.isFetching}>
        <LoadingOverlay visible={list.isFetching && !list.isPending} zIndex={5} overlayProps={{ blur: 0, backgroundOpacity: 0.4 }} loaderProps={{ size: 'sm' }} />
        <Group justify="space-between" px="md" py="sm" gap="xs">
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="user-total">
            {list.data ? t('admin.users.total', { n: format.number(rows.length), count: rows.length }) : t('common.loading')}
          </Text>
          {list.data && !list.data.complete && (
            <Text size="xs" c="orange">
              {t('admin.users.truncated', { n: format.number(list.data.users.length) })}
            </Text>
          )}
        </Group>
        <Table.ScrollContainer minWidth={920}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="user-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.users.fields.username')}</Table.Th>
                <Table.Th scope="col">{t('admin.users.fields.displayName')}</Table.Th>
                <Table.Th scope="col">{t('admin.users.fields.orgUnit')}</Table.Th>
                <Table.Th scope="col">{t('admin.users.fields.roles')}</Table.Th>
                <Table.Th scope="col">{t('admin.users.fields.status')}</Table.Th>
                <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>
                  {t('admin.users.fields.createdAt')}
                </Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('admin.users.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.isPending &&
                Array.from({ length: 4 }, (_, i) => (
                  <Table.Tr key={i} aria-hidden>
                    <Table.Td colSpan={7}>
                      <Text size="sm">&nbsp;</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              {rows.map((user) => {
                const unit = unitsById.get(user.orgUnitId);
                return (
                  <Table.Tr key={user.id} data-testid="user-row" data-username={user.username}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        className="mono"
                        onClick={() => setPanel(canManage && ready ? { mode: 'edit', user } : { mode: 'view', user })}
                      >
                        {user.username}
                      </Anchor>
                    </Table.Td>
                    <Table.Td miw={150} maw={260}>
                      <Text size="sm">{user.displayName}</Text>
                      {user.email && (
                        <Text size="xs" c="dimmed" truncate="end" title={user.email}>
                          {user.email}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td miw={120}>
                      <Text size="sm">{unit ? orgUnitLabel(unit, i18n.language) : ''}</Text>
                    </Table.Td>
                    <Table.Td miw={140}>
                      <Group gap={4}>
                        {user.roleKeys.map((key) => {
                          const role = rolesByKey.get(key);
                          return (
                            <Badge key={key} variant="outline" color={role?.builtin === false ? 'grape' : 'blue'} miw="max-content">
                              {role ? roleName(role, i18n.language) : key}
                            </Badge>
                          );
                        })}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <UserStatusBadges user={user} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{format.date(user.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {canManage ? (
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            leftSection={<IconEdit size={14} />}
                            onClick={() => setPanel({ mode: 'edit', user })}
                            disabled={!ready}
                            aria-label={t('admin.users.editNamed', { name: user.displayName })}
                            data-testid="edit-user"
                          >
                            {t('common.edit')}
                          </Button>
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            color="orange"
                            leftSection={<IconKey size={14} />}
                            onClick={() => setResetting(user)}
                            aria-label={t('admin.users.resetNamed', { name: user.displayName })}
                            data-testid="reset-password"
                          >
                            {t('admin.users.reset')}
                          </Button>
                        </Group>
                      ) : (
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          leftSection={<IconEye size={14} />}
                          onClick={() => setPanel({ mode: 'view', user })}
                          aria-label={t('admin.users.viewNamed', { name: user.displayName })}
                          data-testid="view-user"
                        >
                          {t('admin.users.view')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {list.data && rows.length === 0 && (
          <EmptyState
            py="xl"
            icon={<IconUsers size={28} />}
            title={filtered ? t('admin.users.emptyFiltered') : t('admin.users.empty')}
            description={filtered ? t('admin.users.emptyFilteredHint') : undefined}
            data-testid="list-empty"
          >
            {filtered && (
              <Group justify="center" mt="sm">
                <Button
                  variant="default"
                  leftSection={<IconFilterOff size={16} />}
                  onClick={() => {
                    setQ('');
                    setParams(new URLSearchParams(), { replace: true });
                  }}
                >
                  {t('admin.users.clearFilters')}
                </Button>
              </Group>
            )}
          </EmptyState>
        )}
      </Paper>

      <Drawer
        opened={panel !== null}
        onClose={() => setPanel(null)}
        position="right"
        size="lg"
        title={
          panel?.mode === 'create'
            ? t('admin.users.newTitle')
            : panel?.mode === 'edit'
              ? t('admin.users.editTitle', { name: panel.user.displayName })
              : panel
                ? panel.user.displayName
                : ''
        }
        data-testid="user-drawer"
      >
        {panel?.mode === 'view' && <UserDetails user={panel.user} users={allUsers} roles={roles.data ?? []} units={units} />}
        {panel && panel.mode !== 'view' && (
          <UserForm
            key={panel.mode === 'edit' ? panel.user.id : 'new'}
            user={panel.mode === 'edit' ? panel.user : null}
            users={allUsers}
            roles={roles.data ?? []}
            units={units}
            onDone={() => setPanel(null)}
            onCancel={() => setPanel(null)}
          />
        )}
      </Drawer>
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Stack>
  );
}
