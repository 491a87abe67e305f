import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, CopyButton, Group, MultiSelect, PasswordInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy, IconInfoCircle, IconWand } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, isApiError } from '../../../lib/api.ts';
import type { Locale, OrgUnit, Role, User } from '../../../lib/types.ts';
import { useCurrentUser } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components.tsx';
import { OrgUnitSelect } from '../../customers/OrgUnitSelect.tsx';
import { useCreateUser, useUpdateUser, type UserFields } from '../queries.ts';
import { roleName, temporaryPassword, USER_STATUSES, USERNAME, type UserStatus } from './model.ts';
import { ConfirmModal } from './shared.tsx';

interface Values {
  username: string;
  password: string;
  displayName: string;
  email: string;
  orgUnitId: string | null;
  managerId: string | null;
  roleIds: string[];
  locale: Locale;
  status: UserStatus;
}

const FIELDS = new Set(['username', 'password', 'displayName', 'email', 'orgUnitId', 'managerId', 'roleIds', 'locale', 'status']);

/** `roleIds.2` is shown at the roles input; anything the form has no input for stays in the summary. */
const formField = (path: string) => (path.startsWith('roleIds') ? 'roleIds' : path);

/** "Name (user name)", the way a person is picked from a list. */
export function usePersonLabel() {
  const { t } = useTranslation();
  return useCallback((user: Pick<User, 'displayName' | 'username'>): string => t('admin.users.person', { name: user.displayName, username: user.username }), [t]);
}

/** A temporary password, typed or generated, with a button to copy it for handing over. */
export function TemporaryPasswordInput({
  value,
  onChange,
  error,
  label,
  autoFocus,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: ReactNode;
  label: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const id = useId();
  return (
    <Stack gap={6}>
      <PasswordInput
        id={id}
        // PasswordInput does not tie its input to the description and error itself.
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-description`}
        visibilityToggleButtonProps={{ 'aria-label': t('admin.users.showPassword') }}
        label={label}
        description={t('admin.users.passwordRules')}
        withAsterisk
        autoComplete="new-password"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
        visible={visible}
        onVisibilityChange={setVisible}
        autoFocus={autoFocus}
        data-testid="field-password"
      />
      <Group gap="xs">
        <Button
          variant="light"
          size="compact-sm"
          leftSection={<IconWand size={14} />}
          onClick={() => {
            onChange(temporaryPassword());
            setVisible(true);
          }}
          data-testid="generate-password"
        >
          {t('admin.users.generatePassword')}
        </Button>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button variant="subtle" size="compact-sm" leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy} disabled={!value}>
              {copied ? t('admin.users.copied') : t('admin.users.copyPassword')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/** New user (user = null) or changes to one; the server's field errors appear at their inputs. */
export function UserForm({
  user,
  users,
  roles,
  units,
  onDone,
  onCancel,
}: {
  user: User | null;
  users: User[];
  roles: Role[];
  units: OrgUnit[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [failure, setFailure] = useState<unknown>(null);
  const [confirmDisable, setConfirmDisable] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const self = user !== null && user.id === me.user.id;
  const personLabel = usePersonLabel();

  const form = useForm<Values>({
    initialValues: {
      username: user?.username ?? '',
      password: '',
      displayName: user?.displayName ?? '',
      email: user?.email ?? '',
      orgUnitId: user ? String(user.orgUnitId) : me.orgUnit ? String(me.orgUnit.id) : null,
      managerId: user?.managerId ? String(user.managerId) : null,
      roleIds: user ? roles.filter((r) => user.roleKeys.includes(r.key)).map((r) => String(r.id)) : [],
      locale: user?.locale === 'en' ? 'en' : 'zh-CN',
      status: user?.status === 'disabled' ? 'disabled' : 'active',
    },
    validate: {
      username: (v) => (user ? null : !v.trim() ? t('validation.required') : USERNAME.test(v.trim()) ? null : t('admin.users.usernameInvalid')),
      password: (v) => (user || v ? null : t('validation.required')),
      displayName: (v) => (v.trim() ? null : t('validation.required')),
      orgUnitId: (v) => (v ? null : t('validation.required')),
    },
  });

  useEffect(() => {
    if (failure) summaryRef.current?.focus();
  }, [failure]);

  const managers = users
    .filter((u) => u.id !== user?.id)
    .map((u) => ({ value: String(u.id), label: personLabel(u) }));
  const managerId = form.values.managerId;
  if (managerId && !managers.some((m) => m.value === managerId)) managers.unshift({ value: managerId, label: t('admin.users.userNumber', { id: managerId }) as string });

  function showError(error: unknown) {
    const placed: Record<string, string> = {};
    for (const [path, message] of Object.entries(fieldErrors(error))) {
      const field = formField(path);
      if (FIELDS.has(field) && !(field in placed)) placed[field] = message;
    }
    form.setErrors(placed);
    setFailure(error);
  }

  function fields(values: Values): UserFields {
    return {
      displayName: values.displayName.trim(),
      email: values.email.trim() || null,
      orgUnitId: Number(values.orgUnitId),
      managerId: values.managerId ? Number(values.managerId) : null,
      locale: values.locale,
      roleIds: values.roleIds.map(Number),
    };
  }

  function save(values: Values) {
    setFailure(null);
    if (!user) {
      create.mutate(
        { username: values.username.trim(), password: values.password, ...fields(values) },
        {
          onSuccess: (created) => {
            notifications.show({ color: 'teal', message: t('admin.users.created', { name: created.displayName }) });
            onDone();
          },
          onError: showError,
        },
      );
      return;
    }
    update.mutate(
      { id: user.id, input: { ...fields(values), status: values.status } },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: t('admin.users.saved', { name: saved.displayName }) });
          onDone();
        },
        onError: showError,
      },
    );
  }

  function submit(values: Values) {
    if (user && user.status !== 'disabled' && values.status === 'disabled') setConfirmDisable(true);
    else save(values);
  }

  const busy = create.isPending || update.isPending;
  const unplaced = isApiError(failure) ? failure.errors.filter((e) => !FIELDS.has(formField(e.field.replace(/^body\./, '')))) : [];

  return (
    <form noValidate onSubmit={form.onSubmit(submit, () => setFailure(null))} data-testid="user-form">
      <Stack gap="md">
        {failure !== null && (
          <div ref={summaryRef} tabIndex={-1}>
            {unplaced.length > 0 || !isApiError(failure) || failure.errors.length === 0 ? (
              <ErrorAlert error={failure} />
            ) : (
              <Alert color="red" variant="light" role="alert" title={failure.title}>
                {t('admin.users.fixFields')}
              </Alert>
            )}
          </div>
        )}
        {!user && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
            {t('admin.users.mustChangeHint')}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
          {user ? (
            <TextInput label={t('admin.users.fields.username')} value={user.username} readOnly variant="filled" data-testid="field-username" />
          ) : (
            <TextInput
              label={t('admin.users.fields.username')}
              description={t('admin.users.usernameHint')}
              withAsterisk
              autoComplete="off"
              spellCheck={false}
              autoFocus
              data-testid="field-username"
              {...form.getInputProps('username')}
            />
          )}
          <TextInput label={t('admin.users.fields.displayName')} withAsterisk data-testid="field-displayName" {...form.getInputProps('displayName')} />
          <TextInput label={t('admin.users.fields.email')} type="email" autoComplete="off" data-testid="field-email" {...form.getInputProps('email')} />
          <Select
            label={t('admin.users.fields.locale')}
            data={[
              { value: 'zh-CN', label: t('admin.users.locales.zh-CN') },
              { value: 'en', label: t('admin.users.locales.en') },
            ]}
            allowDeselect={false}
            data-testid="field-locale"
            {...form.getInputProps('locale')}
          />
        </SimpleGrid>
        {!user && (
          <TemporaryPasswordInput
            label={t('admin.users.fields.temporaryPassword')}
            value={form.values.password}
            onChange={(value) => form.setFieldValue('password', value)}
            error={form.errors.password}
          />
        )}
        <OrgUnitSelect
          label={t('admin.users.fields.orgUnit')}
          withAsterisk
          units={units}
          value={form.values.orgUnitId}
          onChange={(value) => form.setFieldValue('orgUnitId', value)}
          error={form.errors.orgUnitId}
          data-testid="field-orgUnitId"
        />
        <Select
          label={t('admin.users.fields.manager')}
          description={t('admin.users.managerHint')}
          data={managers}
          searchable
          limit={100}
          clearable
          placeholder={t('admin.users.noManager')}
          nothingFoundMessage={t('common.nothingFound')}
          data-testid="field-managerId"
          {...form.getInputProps('managerId')}
        />
        <MultiSelect
          label={t('admin.users.fields.roles')}
          description={t('admin.users.rolesHint')}
          data={roles.map((r) => ({ value: String(r.id), label: roleName(r, i18n.language) }))}
          searchable
          clearable
          hidePickedOptions
          nothingFoundMessage={t('common.nothingFound')}
          data-testid="field-roleIds"
          {...form.getInputProps('roleIds')}
        />
        {user && (
          <Stack gap={4}>
            <Text size="sm" fw={500} id="user-status-label">
              {t('admin.users.fields.status')}
            </Text>
            <SegmentedControl
              aria-labelledby="user-status-label"
              data={USER_STATUSES.map((s) => ({ value: s, label: t(`admin.users.status.${s}`) }))}
              value={form.values.status}
              onChange={(value) => form.setFieldValue('status', value === 'disabled' ? 'disabled' : 'active')}
              disabled={self}
              data-testid="field-status"
              style={{ alignSelf: 'flex-start' }}
            />
            <Text size="xs" c="dimmed">
              {self ? t('admin.users.cannotDisableSelf') : t('admin.users.statusHint')}
            </Text>
            {user.status !== 'disabled' && form.values.status === 'disabled' && (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} mt={4}>
                {t('admin.users.disableWarning')}
              </Alert>
            )}
          </Stack>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="save-user">
            {user ? t('common.save') : t('admin.users.create')}
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirmDisable}
        title={t('admin.users.disableTitle')}
        confirmLabel={t('admin.users.disableConfirm')}
        onClose={() => setConfirmDisable(false)}
        onConfirm={() => {
          setConfirmDisable(false);
          save(form.getValues());
        }}
      >
        {t('admin.users.disableBody', { name: user?.displayName ?? '' })}
      </ConfirmModal>
    </form>
  );
}
