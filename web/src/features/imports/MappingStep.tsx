import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Fieldset,
  Group,
  List,
  Modal,
  Radio,
  Select,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconDeviceFloppy, IconRestore, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../lib/api.ts';
import type { DebtSign, ImportPolicy, ImportProfile, ImportTarget } from '../../lib/types.ts';
import { ErrorAlert } from '../../app/components.tsx';
import { OrgUnitSelect } from '../customers/OrgUnitSelect.tsx';
import { useOrgUnits } from '../customers/queries.ts';
import { FieldSelect } from './FieldSelect.tsx';
import { TARGETS, useFieldOptions, type FieldOption } from './labels.tsx';
import { useImportProfiles, useSaveImportProfile } from './queries.ts';
import type { UploadedFile } from './UploadStep.tsx';

export interface ImportSettings {
  target: ImportTarget;
  /** The file's column → the field it fills; unmapped columns are left out. */
  mapping: Record<string, string>;
  sourceSystem: string;
  policy: ImportPolicy;
  orgUnitId: string | null;
  /** Holdings: how the file writes debts. */
  debtSign: DebtSign;
  /** The profile the mapping was loaded from, if any. */
  profileId: number | null;
}

/** Problems to show at the inputs: per column, about the mapping as a whole, and per option. */
export interface SettingsErrors {
  columns: Record<string, string>;
  mapping: string[];
  sourceSystem?: string;
  orgUnitId?: string;
}

export const SOURCE_SYSTEM = /^[\w.-]{1,50}$/;

/** The mapping's own mistakes, found before asking the server: a field chosen for two columns, a malformed source system. */
export function localErrors(settings: ImportSettings, t: (key: 'imports.mapping.twice' | 'imports.options.sourceSystemInvalid', options?: Record<string, string>) => string) {
  const columns: Record<string, string> = {};
  const firstColumn = new Map<string, string>();
  for (const [column, field] of Object.entries(settings.mapping)) {
    const first = firstColumn.get(field);
    if (first === undefined) firstColumn.set(field, column);
    else columns[column] = t('imports.mapping.twice', { column: first });
  }
  const source = settings.sourceSystem.trim();
  return { columns, sourceSystem: source && !SOURCE_SYSTEM.test(source) ? t('imports.options.sourceSystemInvalid') : undefined };
}

const sampleValues = (file: UploadedFile, column: string) => {
  const seen = new Set<string>();
  for (const row of file.info.sample) {
    const value = row[column];
    if (value === null || value === undefined || value === '') continue;
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    seen.add(text.length > 24 ? `${text.slice(0, 23)}…` : text);
    if (seen.size >= 3) break;
  }
  return [...seen];
};

/** What a mapping of the target must fill, each with whether it does: shown as badges above the mapping. */
export function requirements(target: ImportTarget, options: FieldOption[], mapped: Set<string>, customerRef: string) {
  const label = (key: string) => options.find((o) => o.key === key)?.label ?? key;
  if (target === 'customers') return [{ key: 'name', label: label('name'), ok: mapped.has('name') }];
  const required = options.filter((o) => o.required).map((o) => ({ key: o.key, label: o.label, ok: mapped.has(o.key) }));
  return [{ key: 'customer', label: customerRef, ok: mapped.has('customerCode') || mapped.has('customerExternalId') }, ...required];
}

function ColumnSelect({
  file,
  column,
  value,
  options,
  error,
  onChange,
}: {
  file: UploadedFile;
  column: string;
  value: string | null;
  options: FieldOption[];
  error?: string;
  onChange: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  const samples = sampleValues(file, column);
  return (
    <FieldSelect
      label={column}
      description={samples.length ? t('imports.mapping.samples', { values: samples.join(' · ') }) : t('imports.mapping.noSamples')}
      placeholder={t('imports.mapping.skip')}
      options={options}
      value={value}
      onChange={onChange}
      error={error}
      clearButtonProps={{ 'aria-label': t('imports.mapping.clearColumn', { column }) }}
      styles={{ label: { overflowWrap: 'anywhere' } }}
      data-testid="mapping-select"
      data-column={column}
    />
  );
}

/** Saves the current mapping as a new profile, or over the one it was loaded from. */
function SaveProfileModal({
  opened,
  onClose,
  settings,
  loaded,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  settings: ImportSettings;
  loaded: ImportProfile | undefined;
  onSaved: (profile: ImportProfile) => void;
}) {
  const { t } = useTranslation();
  const save = useSaveImportProfile();
  const [name, setName] = useState(loaded?.name ?? '');
  const nameError = fieldErrors(save.error).name;
  const otherError = save.error && !nameError ? save.error : null;

  function submit(asNew: boolean) {
    const trimmed = name.trim();
    if (!trimmed) return;
    const source = settings.sourceSystem.trim();
    const options = {
      ...(source ? { sourceSystem: source } : {}),
      policy: settings.policy,
      // The monthly card file writes its debts negative every month: the profile remembers it.
      ...(settings.target === 'holdings' && settings.debtSign === 'negative' ? { debtSign: 'negative' as const } : {}),
    };
    save.mutate(
      { id: asNew ? undefined : loaded?.id, body: { name: trimmed, target: settings.target, mapping: settings.mapping, options } },
      {
        onSuccess: (profile) => {
          notifications.show({ color: 'teal', message: t('imports.profiles.saved', { name: profile.name }) });
          onSaved(profile);
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('imports.profiles.saveTitle')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit(!loaded || loaded.name !== name.trim());
        }}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('imports.profiles.saveHint')}
          </Text>
          <TextInput
            label={t('imports.profiles.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={nameError}
            maxLength={100}
            required
            data-autofocus
            data-testid="profile-name"
          />
          {otherError && <ErrorAlert error={otherError} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            {loaded && (
              <Button variant="light" onClick={() => submit(false)} loading={save.isPending} disabled={!name.trim()} data-testid="profile-update">
                {t('imports.profiles.update')}
              </Button>
            )}
            <Button type={loaded ? 'button' : 'submit'} onClick={loaded ? () => submit(true) : undefined} loading={save.isPending} disabled={!name.trim()} data-testid="profile-save-new">
              {loaded ? t('imports.profiles.saveNew') : t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Step 2: what the file holds (the target), which column fills which field, and how to load it. */
export function MappingStep({
  file,
  settings,
  errors,
  onChange,
}: {
  file: UploadedFile;
  settings: ImportSettings;
  errors: SettingsErrors;
  onChange: (patch: Partial<ImportSettings>) => void;
}) {
  const { t } = useTranslation();
  const { options, isPending, error } = useFieldOptions(settings.target);
  const profiles = useImportProfiles();
  const units = useOrgUnits();
  const [saving, setSaving] = useState(false);
  const [missingColumns, setMissingColumns] = useState<string[]>([]);
  const headers = file.info.headers;
  const mapped = new Set(Object.values(settings.mapping));
  const loaded = profiles.data?.find((p) => p.id === settings.profileId);

  const profileData = TARGETS.map((target) => ({
    group: t(`imports.targets.${target}`),
    items: (profiles.data ?? []).filter((p) => p.target === target).map((p) => ({ value: String(p.id), label: p.name })),
  })).filter((group) => group.items.length > 0);

  function chooseTarget(target: ImportTarget) {
    setMissingColumns([]);
    onChange({ target, mapping: { ...(file.info.suggested[target] ?? {}) }, profileId: null });
  }

  function loadProfile(id: string | null) {
    const profile = profiles.data?.find((p) => String(p.id) === id);
    if (!profile) {
      onChange({ profileId: null });
      setMissingColumns([]);
      return;
    }
    const mapping = Object.fromEntries(Object.entries(profile.mapping).filter(([column]) => headers.includes(column)));
    setMissingColumns(Object.keys(profile.mapping).filter((column) => !headers.includes(column)));
    const options = profile.options;
    onChange({
      profileId: profile.id,
      target: profile.target,
      mapping,
      sourceSystem: typeof options.sourceSystem === 'string' ? options.sourceSystem : '',
      ...(options.policy === 'reject_file' || options.policy === 'load_valid' ? { policy: options.policy } : {}),
      debtSign: options.debtSign === 'negative' ? 'negative' : 'positive',
    });
  }

  function setColumn(column: string, field: string | null) {
    const mapping = { ...settings.mapping };
    if (field) mapping[column] = field;
    else delete mapping[column];
    onChange({ mapping });
  }

  const needs = requirements(settings.target, options, mapped, t('imports.mapping.customerRef'));

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Text size="sm" fw={500} id="import-target-label">
          {t('imports.target.label')}
        </Text>
        <SegmentedControl
          aria-labelledby="import-target-label"
          value={settings.target}
          onChange={(value) => chooseTarget(value as ImportTarget)}
          data={TARGETS.map((target) => ({ value: target, label: t(`imports.targets.${target}`) }))}
          fullWidth
          maw={560}
          data-testid="import-target"
        />
        <Text size="sm" c="dimmed">
          {t(`imports.target.hint.${settings.target}`)}
        </Text>
      </Stack>

      <Fieldset legend={t('imports.profiles.title')} variant="filled">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={t('imports.profiles.load')}
            placeholder={profiles.data && profileData.length === 0 ? t('imports.profiles.none') : t('imports.profiles.choose')}
            data={profileData}
            value={settings.profileId === null ? null : String(settings.profileId)}
            onChange={loadProfile}
            clearable
            searchable
            disabled={!profiles.data || profileData.length === 0}
            nothingFoundMessage={t('common.nothingFound')}
            miw={220}
            style={{ flex: '1 1 240px' }}
            maw={420}
            data-testid="profile-select"
          />
          <Button
            variant="default"
            leftSection={<IconDeviceFloppy size={16} />}
            onClick={() => setSaving(true)}
            disabled={Object.keys(settings.mapping).length === 0}
            data-testid="profile-save"
          >
            {t('imports.profiles.save')}
          </Button>
        </Group>
        {profiles.error && <ErrorAlert error={profiles.error} />}
        {missingColumns.length > 0 && (
          <Alert color="yellow" variant="light" mt="sm" icon={<IconAlertTriangle size={18} />} data-testid="profile-missing-columns">
            {t('imports.profiles.missingColumns', { columns: missingColumns.join(', ') })}
          </Alert>
        )}
      </Fieldset>

      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
          <Stack gap={2}>
            <Title order={3} fz="h5">
              {t('imports.mapping.title')}
            </Title>
            <Text size="sm" c="dimmed" data-testid="mapping-count">
              {t('imports.mapping.count', { mapped: Object.keys(settings.mapping).length, total: headers.length })}
            </Text>
          </Stack>
          <Group gap="xs">
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconRestore size={14} />}
              onClick={() => onChange({ mapping: { ...(file.info.suggested[settings.target] ?? {}) }, profileId: null })}
              data-testid="mapping-suggest"
            >
              {t('imports.mapping.suggest')}
            </Button>
            <Button variant="subtle" size="compact-sm" color="gray" onClick={() => onChange({ mapping: {}, profileId: null })} data-testid="mapping-clear">
              {t('imports.mapping.clear')}
            </Button>
          </Group>
        </Group>
        <Group gap={6} aria-label={t('imports.mapping.needed')} data-testid="mapping-needs">
          <Text size="sm" c="dimmed">
            {t('imports.mapping.needed')}
          </Text>
          {needs.map((need) => (
            <Badge
              key={need.key}
              variant="light"
              color={need.ok ? 'teal' : 'red'}
              leftSection={need.ok ? <IconCheck size={12} /> : <IconX size={12} />}
              tt="none"
              data-ok={need.ok}
            >
              {need.label}
            </Badge>
          ))}
        </Group>
        {errors.mapping.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" data-testid="mapping-errors">
            <List size="sm">
              {errors.mapping.map((message) => (
                <List.Item key={message}>{message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {error && <ErrorAlert error={error} />}
        {isPending ? (
          <Text size="sm" c="dimmed">
            {t('common.loading')}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="md" data-testid="mapping">
            {headers.map((column) => (
              <ColumnSelect
                key={column}
                file={file}
                column={column}
                value={settings.mapping[column] ?? null}
                options={options}
                error={errors.columns[column]}
                onChange={(value) => setColumn(column, value)}
              />
            ))}
          </SimpleGrid>
        )}
      </Stack>

      <Fieldset legend={t('imports.options.title')}>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('imports.options.sourceSystem')}
              description={t('imports.options.sourceSystemHint')}
              placeholder="core_banking"
              value={settings.sourceSystem}
              onChange={(event) => onChange({ sourceSystem: event.currentTarget.value })}
              error={errors.sourceSystem}
              maxLength={50}
              data-testid="source-system"
            />
            {settings.target === 'customers' && (
              <OrgUnitSelect
                units={units.data ?? []}
                value={settings.orgUnitId}
                onChange={(value) => onChange({ orgUnitId: value })}
                label={t('imports.options.orgUnit')}
                description={t('imports.options.orgUnitHint')}
                placeholder={t('imports.options.orgUnitPlaceholder')}
                error={errors.orgUnitId}
                data-testid="import-org-unit"
              />
            )}
            {settings.target === 'holdings' && (
              <Select
                label={t('imports.options.debtSign')}
                description={t('imports.options.debtSignHint')}
                data={(['positive', 'negative'] as const).map((value) => ({ value, label: t(`imports.options.debtSigns.${value}`) }))}
                value={settings.debtSign}
                onChange={(value) => onChange({ debtSign: (value ?? 'positive') as DebtSign })}
                allowDeselect={false}
                data-testid="import-debt-sign"
              />
            )}
          </SimpleGrid>
          <Radio.Group
            label={t('imports.options.policy')}
            value={settings.policy}
            onChange={(value) => onChange({ policy: value as ImportPolicy })}
            data-testid="import-policy"
          >
            <Stack gap="sm" mt="xs">
              <Radio value="reject_file" label={t('imports.policy.reject_file')} description={t('imports.policy.reject_fileHint')} data-testid="policy-reject_file" />
              <Radio value="load_valid" label={t('imports.policy.load_valid')} description={t('imports.policy.load_validHint')} data-testid="policy-load_valid" />
            </Stack>
          </Radio.Group>
        </Stack>
      </Fieldset>

      {saving && <SaveProfileModal opened onClose={() => setSaving(false)} settings={settings} loaded={loaded} onSaved={(profile) => onChange({ profileId: profile.id })} />}
    </Stack>
  );
}
