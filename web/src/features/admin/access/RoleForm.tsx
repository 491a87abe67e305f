import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  Loader,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useBothLanguages } from '../../../i18n/index.ts';
import { fieldErrors, isApiError } from '../../../lib/api.ts';
import type { CustomField, Role } from '../../../lib/types.ts';
import { ErrorAlert } from '../../../app/components.tsx';
import { useSaveRole } from '../queries.ts';
import {
  DATA_SCOPES,
  FIELD_ACCESS,
  groupPermissions,
  isDataScope,
  permissionPath,
  PROTECTED_FIELDS,
  ROLE_KEY,
  roleName,
  type DataScope,
  type FieldAccess,
} from './model.ts';

/** Readable names of permissions, their groups and field access levels; an unknown one shows as it is. */
export function useRoleLabels() {
  const { t } = useTranslation();
  return useMemo(() => {
    // Keys built from server values: looked up by name, with the value itself as the fallback.
    const lookup = t as unknown as (key: string, options: { defaultValue: string }) => string;
    return {
      permission: (permission: string) => lookup(`admin.roles.permission.${permissionPath(permission)}`, { defaultValue: permission }),
      group: (group: string) => lookup(`admin.roles.permissionGroup.${group}`, { defaultValue: group }),
      access: (access: string) => lookup(`admin.roles.access.${access}`, { defaultValue: access }),
    };
  }, [t]);
}

export interface RuleField {
  key: string;
  label: string;
  /** A custom field no longer in use, or a rule for a field that is gone. */
  inactive: boolean;
}

/** The fields a role can restrict: the protected ones, every custom field, and any field a rule still names. */
export function useRuleFields(customFields: CustomField[], rules: Record<string, string> = {}): RuleField[] {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const fields: RuleField[] = PROTECTED_FIELDS.map((key) => ({ key, label: t(`customer.fields.${key}`), inactive: false }));
    for (const field of customFields) {
      fields.push({ key: `custom.${field.key}`, label: i18n.language === 'en' ? field.labelEn : field.labelZh, inactive: !field.active });
    }
    for (const key of Object.keys(rules)) if (!fields.some((f) => f.key === key)) fields.push({ key, label: key, inactive: true });
    return fields;
  }, [customFields, rules, t, i18n.language]);
}

interface Values {
  key: string;
  nameZh: string;
  nameEn: string;
  permissions: string[];
  dataScope: DataScope;
  fieldRules: Record<string, FieldAccess>;
}

const FIELDS = new Set(['key', 'nameZh', 'nameEn', 'permissions', 'dataScope', 'fieldRules']);
const formField = (path: string) => path.split('.')[0] ?? path;

function PermissionPicker({ all, value, onChange, error }: { all: string[]; value: string[]; onChange: (value: string[]) => void; error?: ReactNode }) {
  const labels = useRoleLabels();
  const groups = groupPermissions(all);
  const chosen = new Set(value);
  const set = (permissions: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const p of permissions) {
      if (on) next.add(p);
      else next.delete(p);
    }
    onChange(all.filter((p) => next.has(p)));
  };
  return (
    <Stack gap="xs">
      {/* Columns as wide as the panel allows; a group is never split between two. */}
      <Box style={{ columns: '17rem', columnGap: 'var(--mantine-spacing-sm)' }}>
        {groups.map(({ group, permissions }) => {
          const count = permissions.filter((p) => chosen.has(p)).length;
          return (
            <Paper key={group} withBorder p="sm" radius="sm" mb="sm" style={{ breakInside: 'avoid' }} data-testid={`permission-group-${group}`}>
              <Checkbox
                label={<Text fw={600} size="sm">{labels.group(group)}</Text>}
                checked={count === permissions.length}
                indeterminate={count > 0 && count < permissions.length}
                onChange={(event) => set(permissions, event.currentTarget.checked)}
              />
              <Stack gap={6} mt="xs" pl="md">
                {permissions.map((permission) => (
                  <Checkbox
                    key={permission}
                    size="sm"
                    label={labels.permission(permission)}
                    description={<span className="mono">{permission}</span>}
                    checked={chosen.has(permission)}
                    onChange={(event) => set([permission], event.currentTarget.checked)}
                    data-testid={`permission-${permission}`}
                  />
                ))}
              </Stack>
            </Paper>
          );
        })}
      </Box>
      {error ? (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}

/** One line per access level, so the choice in each field's list is clear. */
function AccessLegend() {
  const { t } = useTranslation();
  const labels = useRoleLabels();
  return (
    <List size="xs" c="dimmed" spacing={2}>
      {FIELD_ACCESS.map((access) => (
        <List.Item key={access}>
          <Text span fw={600} size="xs">
            {t('common.labelled', { label: labels.access(access) })}
          </Text>
          {t(`admin.roles.accessHint.${access}`)}
        </List.Item>
      ))}
    </List>
  );
}

/** Create a role (role = null, optionally from a template) or change a custom one. */
export function RoleForm(props: Parameters<typeof RoleFormFields>[0]) {
  // A role copied from a template is named in both languages at once.
  return useBothLanguages() ? <RoleFormFields {...props} /> : <Loader size="sm" />;
}

function RoleFormFields({
  role,
  template,
  permissions,
  customFields,
  onDone,
  onCancel,
}: {
  role: Role | null;
  template?: Role;
  permissions: string[];
  customFields: CustomField[];
  onDone: (role: Role) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const labels = useRoleLabels();
  const save = useSaveRole();
  const [failure, setFailure] = useState<unknown>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const base = role ?? template;
  const form = useForm<Values>({
    initialValues: {
      key: role?.key ?? (template ? `${template.key}_copy`.slice(0, 41) : ''),
      nameZh: role?.nameZh ?? (template ? i18n.getFixedT('zh-CN')('admin.roles.copyOf', { name: template.nameZh }) : ''),
      nameEn: role?.nameEn ?? (template ? i18n.getFixedT('en')('admin.roles.copyOf', { name: template.nameEn }) : ''),
      permissions: base?.permissions ?? [],
      dataScope: base && isDataScope(base.dataScope) ? base.dataScope : 'own',
      fieldRules: (base?.fieldRules as Record<string, FieldAccess> | undefined) ?? {},
    },
    validate: {
      key: (v) => (role ? null : !v ? t('validation.required') : ROLE_KEY.test(v) ? null : t('admin.roles.keyInvalid')),
      nameZh: (v) => (v.trim() ? null : t('validation.required')),
      nameEn: (v) => (v.trim() ? null : t('validation.required')),
    },
  });
  const ruleFields = useRuleFields(customFields, base?.fieldRules);

  useEffect(() => {
    if (failure) summaryRef.current?.focus();
  }, [failure]);

  function submit(values: Values) {
    setFailure(null);
    // A field without a rule is editable: 'edit' needs no entry.
    const fieldRules = Object.fromEntries(Object.entries(values.fieldRules).filter(([, access]) => access !== 'edit'));
    save.mutate(
      { id: role?.id ?? null, input: { key: values.key, nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim(), permissions: values.permissions, dataScope: values.dataScope, fieldRules } },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: t(role ? 'admin.roles.saved' : 'admin.roles.created', { name: roleName(saved, i18n.language) }) });
          onDone(saved);
        },
        onError: (error) => {
          const placed: Record<string, string> = {};
          for (const [path, message] of Object.entries(fieldErrors(error))) {
            const field = formField(path);
            if (FIELDS.has(field) && !(field in placed)) placed[field] = message;
          }
          form.setErrors(placed);
          setFailure(error);
        },
      },
    );
  }

  const unplaced = isApiError(failure) ? failure.errors.filter((e) => !FIELDS.has(formField(e.field.replace(/^body\./, '')))) : [];

  return (
    <form noValidate onSubmit={form.onSubmit(submit, () => setFailure(null))} data-testid="role-form">
      <Stack gap="md">
        {failure !== null && (
          <div ref={summaryRef} tabIndex={-1}>
            {unplaced.length > 0 || !isApiError(failure) || failure.errors.length === 0 ? (
              <ErrorAlert error={failure} />
            ) : (
              <Alert color="red" variant="light" role="alert" title={failure.title}>
                {t('admin.roles.fixFields')}
              </Alert>
            )}
          </div>
        )}
        {role ? (
          <TextInput label={t('admin.roles.fields.key')} value={role.key} readOnly variant="filled" maw={420} data-testid="field-key" />
        ) : (
          <TextInput
            label={t('admin.roles.fields.key')}
            description={t('admin.roles.keyHint')}
            withAsterisk
            spellCheck={false}
            autoComplete="off"
            autoFocus
            maw={420}
            data-testid="field-key"
            {...form.getInputProps('key')}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
          <TextInput
            label={t('admin.roles.fields.nameZh')}
            withAsterisk
            autoFocus={Boolean(role)}
            data-testid="field-nameZh"
            {...form.getInputProps('nameZh')}
          />
          <TextInput label={t('admin.roles.fields.nameEn')} withAsterisk lang="en" data-testid="field-nameEn" {...form.getInputProps('nameEn')} />
        </SimpleGrid>

        <Fieldset legend={t('admin.roles.fields.permissions')}>
          <Text size="xs" c="dimmed" mb="sm">
            {t('admin.roles.permissionsHint', { n: form.values.permissions.length })}
          </Text>
          <PermissionPicker
            all={permissions}
            value={form.values.permissions}
            onChange={(value) => form.setFieldValue('permissions', value)}
            error={form.errors.permissions}
          />
        </Fieldset>

        <Fieldset legend={t('admin.roles.fields.dataScope')}>
          <Radio.Group
            value={form.values.dataScope}
            onChange={(value) => isDataScope(value) && form.setFieldValue('dataScope', value)}
            description={t('admin.roles.dataScopeHint')}
            error={form.errors.dataScope}
            aria-label={t('admin.roles.fields.dataScope')}
            data-testid="field-dataScope"
          >
            <Stack gap="sm" mt="xs">
              {DATA_SCOPES.map((scope) => (
                <Radio
                  key={scope}
                  value={scope}
                  label={t(`admin.roles.scope.${scope}`)}
                  description={t(`admin.roles.scopeHint.${scope}`)}
                  data-testid={`scope-${scope}`}
                />
              ))}
            </Stack>
          </Radio.Group>
        </Fieldset>

        <Fieldset legend={t('admin.roles.fields.fieldRules')}>
          <Stack gap="sm">
            <Text size="xs" c="dimmed">
              {t('admin.roles.fieldRulesHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
              {ruleFields.map((field) => (
                <Select
                  key={field.key}
                  label={field.inactive ? t('admin.roles.inactiveField', { label: field.label }) : field.label}
                  data={FIELD_ACCESS.map((access) => ({ value: access, label: labels.access(access) }))}
                  value={form.values.fieldRules[field.key] ?? 'edit'}
                  onChange={(value) => form.setFieldValue('fieldRules', { ...form.values.fieldRules, [field.key]: (value ?? 'edit') as FieldAccess })}
                  allowDeselect={false}
                  data-testid={`rule-${field.key}`}
                />
              ))}
            </SimpleGrid>
            {form.errors.fieldRules ? (
              <Text size="sm" c="red" role="alert">
                {form.errors.fieldRules}
              </Text>
            ) : null}
            <AccessLegend />
          </Stack>
        </Fieldset>

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="save-role">
            {role ? t('common.save') : t('admin.roles.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A role as it stands, for built-in roles and for readers who may not change roles. */
export function RoleSummary({ role, permissions, customFields }: { role: Role; permissions: string[]; customFields: CustomField[] }) {
  const { t, i18n } = useTranslation();
  const labels = useRoleLabels();
  const groups = groupPermissions(permissions.filter((p) => role.permissions.includes(p)).concat(role.permissions.filter((p) => !permissions.includes(p))));
  const ruleFields = useRuleFields(customFields, role.fieldRules);
  const rules = ruleFields.filter((f) => role.fieldRules[f.key] && role.fieldRules[f.key] !== 'edit');
  return (
    <Stack gap="md" data-testid="role-summary">
      <Group gap="xs">
        <Text fw={600}>{roleName(role, i18n.language)}</Text>
        <Text c="dimmed" size="sm">
          {roleName(role, i18n.language === 'en' ? 'zh-CN' : 'en')}
        </Text>
        <Badge variant="light" color={role.builtin ? 'blue' : 'grape'}>
          {role.builtin ? t('admin.roles.builtin') : t('admin.roles.custom')}
        </Badge>
        <Text size="sm" className="mono" c="dimmed">
          {role.key}
        </Text>
      </Group>
      <Fieldset legend={t('admin.roles.fields.dataScope')}>
        <Text size="sm" fw={600}>
          {isDataScope(role.dataScope) ? t(`admin.roles.scope.${role.dataScope}`) : role.dataScope}
        </Text>
        {isDataScope(role.dataScope) && (
          <Text size="sm" c="dimmed">
            {t(`admin.roles.scopeHint.${role.dataScope}`)}
          </Text>
        )}
      </Fieldset>
      <Fieldset legend={t('admin.roles.fields.permissions')}>
        {groups.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('admin.roles.noPermissions')}
          </Text>
        ) : (
          <Stack gap="xs">
            {groups.map(({ group, permissions: list }) => (
              <Box key={group}>
                <Text size="sm" fw={600}>
                  {labels.group(group)}
                </Text>
                <Group gap={4} mt={2}>
                  {list.map((p) => (
                    <Badge key={p} variant="outline" color="gray" title={p} miw="max-content">
                      {labels.permission(p)}
                    </Badge>
                  ))}
                </Group>
              </Box>
            ))}
          </Stack>
        )}
      </Fieldset>
      <Fieldset legend={t('admin.roles.fields.fieldRules')}>
        {rules.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('admin.roles.noFieldRules')}
          </Text>
        ) : (
          <List size="sm" spacing={4}>
            {rules.map((field) => (
              <List.Item key={field.key}>
                {t('common.labelled', { label: field.label })}
                {labels.access(role.fieldRules[field.key]!)}
              </List.Item>
            ))}
          </List>
        )}
      </Fieldset>
    </Stack>
  );
}
