import { useEffect, useMemo, useRef, useState } from 'react';
import { useMediaQuery } from '@mantine/hooks';
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Chip,
  Code,
  Fieldset,
  FileButton,
  Group,
  List,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowRight, IconCheck, IconFileSearch, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { Trans, useTranslation } from 'react-i18next';
import { fieldErrors, isApiError } from '../../lib/api.ts';
import type { DebtSign, ImportFileInfo, ImportPolicy, ImportTarget } from '../../lib/types.ts';
import { ErrorAlert } from '../../app/components.tsx';
import { nextCronRuns } from './cron.ts';
import { FieldSelect } from './FieldSelect.tsx';
import { isTarget, TARGETS, useFieldOptions } from './labels.tsx';
import { requirements, SOURCE_SYSTEM } from './MappingStep.tsx';
import { useImportProfiles, useImportSourceSettings, useSaveImportSource, useUploadImportFile } from './queries.ts';
import {
  configText,
  CRON_PRESETS,
  DEFAULT_TIME_ZONE,
  isSourceKind,
  formatInZone,
  presetOf,
  REDACTED_PASSWORD,
  SOURCE_KINDS,
  timeZones,
  URL_SCHEMES,
  type ImportSource,
  type ImportSourceBody,
  type SourceKind,
} from './sources.ts';

interface MappingRow {
  rowKey: string;
  column: string;
  field: string | null;
}

interface FormValues {
  name: string;
  kind: SourceKind;
  target: ImportTarget;
  config: { path: string; pattern: string; url: string; query: string; watermarkColumn: string };
  mapping: MappingRow[];
  policy: ImportPolicy;
  /** Holdings: how the source writes debts. */
  debtSign: DebtSign;
  sourceSystem: string;
  cron: string;
  timeZone: string;
  enabled: boolean;
  maxRetries: number | string;
}

let rowCounter = 0;
const mappingRow = (column = '', field: string | null = null): MappingRow => ({ rowKey: `map-${++rowCounter}`, column, field });

function initialValues(source: ImportSource | null): FormValues {
  if (!source) {
    return {
      name: '',
      kind: 'folder',
      target: 'customers',
      config: { path: '', pattern: '', url: '', query: '', watermarkColumn: '' },
      mapping: [mappingRow()],
      policy: 'reject_file',
      debtSign: 'positive',
      sourceSystem: '',
      cron: CRON_PRESETS[0].cron,
      timeZone: DEFAULT_TIME_ZONE,
      enabled: true,
      maxRetries: 2,
    };
  }
  const mapping = Object.entries(source.mapping).map(([column, field]) => mappingRow(column, field));
  return {
    name: source.name,
    kind: isSourceKind(source.kind) ? source.kind : 'folder',
    target: isTarget(source.target) ? source.target : 'customers',
    config: {
      path: configText(source, 'path'),
      pattern: configText(source, 'pattern'),
      url: configText(source, 'url'),
      query: configText(source, 'query'),
      watermarkColumn: configText(source, 'watermarkColumn'),
    },
    mapping: mapping.length ? mapping : [mappingRow()],
    policy: source.policy === 'load_valid' ? 'load_valid' : 'reject_file',
    debtSign: configText(source, 'debtSign') === 'negative' ? 'negative' : 'positive',
    sourceSystem: source.sourceSystem,
    cron: source.cron,
    timeZone: source.timeZone,
    enabled: source.enabled,
    maxRetries: source.maxRetries,
  };
}

const FORM_CONFIG_KEYS = new Set(['path', 'pattern', 'url', 'query', 'watermarkColumn', 'debtSign']);

function bodyOf(values: FormValues, source: ImportSource | null): ImportSourceBody {
  const c = values.config;
  // Settings this form has no input for (set through the API) are sent back as they are, not dropped.
  const kept = Object.fromEntries(Object.entries(source?.config ?? {}).filter(([key]) => !FORM_CONFIG_KEYS.has(key)));
  const config: ImportSourceBody['config'] = {
    ...(kept as ImportSourceBody['config']),
    ...(values.kind === 'folder'
      ? { path: c.path.trim(), ...(c.pattern.trim() ? { pattern: c.pattern.trim() } : {}) }
      : { url: c.url.trim(), query: c.query.trim(), ...(c.watermarkColumn.trim() ? { watermarkColumn: c.watermarkColumn.trim() } : {}) }),
    ...(values.target === 'holdings' && values.debtSign === 'negative' ? { debtSign: 'negative' as const } : {}),
  };
  // Columns without a field are not imported, as in the wizard.
  const mapping = Object.fromEntries(values.mapping.filter((row) => row.column.trim() && row.field).map((row) => [row.column.trim(), row.field!]));
  return {
    name: values.name.trim(),
    kind: values.kind,
    target: values.target,
    config,
    mapping,
    policy: values.policy,
    sourceSystem: values.sourceSystem.trim(),
    cron: values.cron.trim().replace(/\s+/g, ' '),
    timeZone: values.timeZone,
    enabled: values.enabled,
    maxRetries: typeof values.maxRetries === 'number' ? values.maxRetries : Number(values.maxRetries) || 0,
  };
}

/**
 * Server field paths the form shows at an input; `mapping.<column>` goes to that column's row. The others
 * (kind, target and policy have no input that shows an error) go to the alert above the form.
 */
const PLACED = /^(name|sourceSystem|cron|timeZone|enabled|maxRetries|config\.(path|pattern|url|query|watermarkColumn))$/;

/** What shows a problem: an input marked invalid, or a block of messages (the alert, the mapping's list). */
const PROBLEM = '[aria-invalid="true"], [data-problem]';

/**
 * Brings the form's first problem, in reading order, into sight and gives it the focus: the form is
 * long, and its Save button far below most inputs, so an error would otherwise go unseen.
 */
function revealFirstProblem(form: HTMLFormElement | null) {
  const first = form?.querySelector<HTMLElement>(PROBLEM);
  if (!first) return;
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  // Centred: clear of the dialog's sticky title, with the input's label and message around it.
  first.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
  first.focus({ preventScroll: true });
}

function placeServerErrors(error: unknown, values: FormValues): { errors: Record<string, string>; mapping: string[]; unplaced: boolean } {
  const errors: Record<string, string> = {};
  const mapping: string[] = [];
  let unplaced = !isApiError(error) || error.errors.length === 0;
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    if (PLACED.test(path)) errors[path] = message;
    else if (path === 'mapping') mapping.push(message);
    else if (path.startsWith('mapping.')) {
      const index = values.mapping.findIndex((row) => row.column.trim() === path.slice('mapping.'.length));
      if (index >= 0) errors[`mapping.${index}.field`] = message;
      else mapping.push(message);
    } else unplaced = true;
  }
  return { errors, mapping, unplaced };
}

/** Create or edit a scheduled source; server problems are shown at the inputs they concern. */
export function SourceForm({ source, onDone }: { source: ImportSource | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const save = useSaveImportSource();
  const settings = useImportSourceSettings();
  const savedUrl = source ? configText(source, 'url') : '';
  const form = useForm<FormValues>({
    initialValues: initialValues(source),
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      sourceSystem: (v) => (!v.trim() ? t('validation.required') : SOURCE_SYSTEM.test(v.trim()) ? null : t('imports.options.sourceSystemInvalid')),
      config: {
        path: (v, values) => (values.kind !== 'folder' || v.trim() ? null : t('validation.required')),
        url: (v, values) => {
          if (values.kind === 'folder') return null;
          const url = v.trim();
          if (!url) return t('validation.required');
          if (!URL_SCHEMES[values.kind].test(url)) return t(`imports.sources.form.urlScheme.${values.kind}`);
          // The stand-in password is swapped for the stored one only when the string comes back unchanged.
          if (REDACTED_PASSWORD.test(url) && url !== savedUrl) return t('imports.sources.form.urlRetypePassword');
          return null;
        },
        query: (v, values) => (values.kind === 'folder' || v.trim() ? null : t('validation.required')),
      },
      cron: (v, values) => (nextCronRuns(v, values.timeZone, 1) ? null : t('imports.sources.form.cronInvalid')),
      timeZone: (v) => (v ? null : t('validation.required')),
      mapping: {
        column: (v, values, path) => {
          const index = Number(path.split('.')[1]);
          const row = values.mapping[index];
          if (!v.trim()) return row?.field ? t('imports.sources.form.columnRequired') : null;
          return values.mapping.some((other, i) => i < index && other.column.trim() === v.trim()) ? t('imports.sources.form.columnTwice') : null;
        },
        field: (v, values, path) => {
          if (!v) return null;
          const index = Number(path.split('.')[1]);
          const first = values.mapping.find((other, i) => i < index && other.field === v);
          return first ? t('imports.mapping.twice', { column: first.column.trim() }) : null;
        },
      },
    },
  });
  const [mappingErrors, setMappingErrors] = useState<string[]>([]);
  const [unplaced, setUnplaced] = useState(false);
  const values = form.values;
  const kind = values.kind;
  // A phone is too narrow for the three kinds side by side ("MySQL / MariaDB" was cut off): stacked there.
  const narrow = useMediaQuery('(max-width: 30em)', false, { getInitialValueInEffect: false });
  const formRef = useRef<HTMLFormElement>(null);
  // Counts the saves that found a problem; each one shows the first problem once it is drawn.
  const [failures, setFailures] = useState(0);
  useEffect(() => {
    if (failures === 0) return;
    const frame = requestAnimationFrame(() => revealFirstProblem(formRef.current));
    return () => cancelAnimationFrame(frame);
  }, [failures]);
  const failed = () => setFailures((n) => n + 1);

  function invalid() {
    // The form's own checks found a problem: what an earlier save answered no longer applies.
    setMappingErrors([]);
    setUnplaced(false);
    save.reset();
    failed();
  }

  function submit(v: FormValues) {
    const body = bodyOf(v, source);
    if (Object.keys(body.mapping).length === 0) {
      setMappingErrors([t('imports.sources.form.mappingEmpty')]);
      setUnplaced(false);
      save.reset();
      failed();
      return;
    }
    setMappingErrors([]);
    setUnplaced(false);
    save.mutate(
      { id: source?.id, body },
      {
        onSuccess: (saved) => {
          if (saved.warnings.length === 0) {
            notifications.show({ color: 'teal', message: t(source ? 'imports.sources.form.saved' : 'imports.sources.form.created', { name: saved.name }) });
          }
          // Saved all the same (the folder may be made later), but shown until dismissed: runs fail meanwhile.
          for (const warning of saved.warnings) {
            notifications.show({
              color: 'yellow',
              icon: <IconAlertTriangle size={18} />,
              title: t('imports.sources.form.warningTitle', { name: saved.name }),
              message: warning.message,
              autoClose: false,
            });
          }
          onDone();
        },
        onError: (error) => {
          const placed = placeServerErrors(error, v);
          form.setErrors(placed.errors);
          setMappingErrors(placed.mapping);
          setUnplaced(placed.unplaced);
          failed();
        },
      },
    );
  }

  const urlHint =
    kind === 'folder' ? '' : savedUrl && REDACTED_PASSWORD.test(savedUrl) ? t('imports.sources.form.urlKeepPassword') : t(`imports.sources.form.urlExample.${kind}`);

  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit(submit, invalid)} data-testid="source-form">
      <Stack gap="lg">
        {save.error && unplaced && (
          <Box tabIndex={-1} data-problem data-testid="source-form-error">
            <ErrorAlert error={save.error} />
          </Box>
        )}

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
          <TextInput label={t('imports.sources.form.name')} withAsterisk maxLength={100} data-autofocus data-testid="source-name" {...form.getInputProps('name')} />
          <TextInput
            label={t('imports.options.sourceSystem')}
            description={t('imports.sources.form.sourceSystemHint')}
            placeholder="core_banking"
            withAsterisk
            maxLength={50}
            spellCheck={false}
            classNames={{ input: 'mono' }}
            data-testid="source-system"
            {...form.getInputProps('sourceSystem')}
          />
        </SimpleGrid>

        <Fieldset legend={t('imports.sources.form.where')}>
          <Stack gap="md">
            <Stack gap={6}>
              <Text size="sm" fw={500} id="source-kind-label">
                {t('imports.sources.form.kind')}
              </Text>
              <SegmentedControl
                aria-labelledby="source-kind-label"
                data={SOURCE_KINDS.map((value) => ({ value, label: t(`imports.sources.kinds.${value}`) }))}
                value={kind}
                onChange={(value) => form.setFieldValue('kind', value as SourceKind)}
                fullWidth
                orientation={narrow ? 'vertical' : 'horizontal'}
                maw={520}
                data-testid="source-kind"
              />
            </Stack>
            {kind === 'folder' ? (
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <TextInput
                  label={t('imports.sources.form.path')}
                  description={
                    settings.data ? (
                      <Trans
                        i18nKey="imports.sources.form.pathHintInbox"
                        values={{ inbox: settings.data.inbox }}
                        components={{ code: <Code data-testid="source-inbox" style={{ wordBreak: 'break-all' }} /> }}
                      />
                    ) : (
                      t('imports.sources.form.pathHint')
                    )
                  }
                  placeholder="cards/daily"
                  withAsterisk
                  spellCheck={false}
                  classNames={{ input: 'mono' }}
                  data-testid="source-path"
                  {...form.getInputProps('config.path')}
                />
                <TextInput
                  label={t('imports.sources.form.pattern')}
                  description={t('imports.sources.form.patternHint')}
                  placeholder="cards_*.csv"
                  spellCheck={false}
                  classNames={{ input: 'mono' }}
                  data-testid="source-pattern"
                  {...form.getInputProps('config.pattern')}
                />
              </SimpleGrid>
            ) : (
              <>
                <TextInput
                  label={t('imports.sources.form.url')}
                  description={urlHint}
                  placeholder={kind === 'postgres' ? 'postgres://etl:…@core-db:5432/core' : 'mysql://etl:…@shop-db:3306/shop'}
                  withAsterisk
                  spellCheck={false}
                  autoComplete="off"
                  classNames={{ input: 'mono' }}
                  data-testid="source-url"
                  {...form.getInputProps('config.url')}
                />
                <Textarea
                  label={t('imports.sources.form.query')}
                  description={t('imports.sources.form.queryHint')}
                  placeholder={
                    kind === 'postgres'
                      ? 'select cust_no, cust_name, mobile, upd_time from cust where upd_time > coalesce(:watermark::timestamptz, \'1900-01-01\')'
                      : 'select cust_no, cust_name, mobile, id from cust where id > coalesce(:watermark, 0)'
                  }
                  withAsterisk
                  autosize
                  minRows={3}
                  maxRows={10}
                  spellCheck={false}
                  classNames={{ input: 'mono' }}
                  data-testid="source-query"
                  {...form.getInputProps('config.query')}
                />
                <TextInput
                  label={t('imports.sources.form.watermarkColumn')}
                  description={t('imports.sources.form.watermarkColumnHint')}
                  placeholder="upd_time"
                  spellCheck={false}
                  classNames={{ input: 'mono' }}
                  maw={360}
                  data-testid="source-watermark"
                  {...form.getInputProps('config.watermarkColumn')}
                />
              </>
            )}
          </Stack>
        </Fieldset>

        <MappingEditor form={form} extraErrors={mappingErrors} />

        <Fieldset legend={t('imports.options.policy')}>
          <Stack gap="md">
            <Radio.Group value={values.policy} onChange={(value) => form.setFieldValue('policy', value as ImportPolicy)} data-testid="source-policy">
              <Stack gap="sm">
                <Radio value="reject_file" label={t('imports.policy.reject_file')} description={t('imports.policy.reject_fileHint')} data-testid="policy-reject_file" />
                <Radio value="load_valid" label={t('imports.policy.load_valid')} description={t('imports.policy.load_validHint')} data-testid="policy-load_valid" />
              </Stack>
            </Radio.Group>
            {values.target === 'holdings' && (
              <Select
                label={t('imports.options.debtSign')}
                description={t('imports.options.debtSignHint')}
                data={(['positive', 'negative'] as const).map((value) => ({ value, label: t(`imports.options.debtSigns.${value}`) }))}
                value={values.debtSign}
                onChange={(value) => form.setFieldValue('debtSign', (value ?? 'positive') as DebtSign)}
                allowDeselect={false}
                maw={520}
                data-testid="source-debt-sign"
              />
            )}
          </Stack>
        </Fieldset>

        <ScheduleFields form={form} locale={i18n.language} />

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="source-save">
            {source ? t('common.save') : t('imports.sources.form.create')}
          </Button>
        </Group>
        <VisuallyHidden aria-live="polite">{save.isPending ? t('common.saving') : ''}</VisuallyHidden>
      </Stack>
    </form>
  );
}

type SourceFormApi = UseFormReturnType<FormValues>;

/** Source column → field rows, filled by hand, from a saved mapping profile or from a sample file's header. */
function MappingEditor({ form, extraErrors }: { form: SourceFormApi; extraErrors: string[] }) {
  const { t } = useTranslation();
  const { target, mapping } = form.values;
  const { options, isPending, error } = useFieldOptions(target);
  const profiles = useImportProfiles();
  const upload = useUploadImportFile();
  const [sample, setSample] = useState<{ name: string; info: ImportFileInfo } | null>(null);
  const resetFile = useRef<() => void>(null);
  const mapped = new Set(mapping.map((row) => row.field).filter((field): field is string => Boolean(field)));
  const needs = requirements(target, options, mapped, t('imports.mapping.customerRef'));

  const profileData = useMemo(
    () =>
      TARGETS.map((group) => ({
        group: t(`imports.targets.${group}`),
        items: (profiles.data ?? []).filter((p) => p.target === group).map((p) => ({ value: String(p.id), label: p.name })),
      })).filter((group) => group.items.length > 0),
    [profiles.data, t],
  );

  /** The sample's columns, each with the field already chosen for it, else the one the server suggests. */
  function fromSample(info: ImportFileInfo, forTarget: ImportTarget, keep: MappingRow[]) {
    const chosen = new Map(keep.filter((row) => row.field).map((row) => [row.column.trim(), row.field]));
    return info.headers.map((column) => mappingRow(column, chosen.get(column) ?? info.suggested[forTarget]?.[column] ?? null));
  }

  function chooseTarget(next: ImportTarget) {
    form.setFieldValue('target', next);
    // Fields of the old target mean nothing for the new one.
    if (sample) form.setFieldValue('mapping', fromSample(sample.info, next, []));
    else form.setFieldValue('mapping', mapping.map((row) => ({ ...row, field: null })));
  }

  function readSample(file: File | null) {
    resetFile.current?.();
    if (!file) return;
    upload.mutate(file, {
      onSuccess: (info) => {
        setSample({ name: file.name, info });
        form.setFieldValue('mapping', fromSample(info, target, mapping));
      },
    });
  }

  function loadProfile(id: string | null) {
    const profile = profiles.data?.find((p) => String(p.id) === id);
    if (!profile) return;
    setSample(null);
    form.setFieldValue('target', profile.target);
    form.setFieldValue('mapping', Object.entries(profile.mapping).map(([column, field]) => mappingRow(column, field)));
    if (typeof profile.options.sourceSystem === 'string' && !form.values.sourceSystem.trim()) form.setFieldValue('sourceSystem', profile.options.sourceSystem);
    if (profile.target === 'holdings') form.setFieldValue('debtSign', profile.options.debtSign === 'negative' ? 'negative' : 'positive');
    if (profile.options.policy === 'reject_file' || profile.options.policy === 'load_valid') form.setFieldValue('policy', profile.options.policy);
  }

  return (
    <Fieldset legend={t('imports.sources.form.content')} data-testid="source-mapping">
      <Stack gap="md">
        <Stack gap={6}>
          <Text size="sm" fw={500} id="source-target-label">
            {t('imports.target.label')}
          </Text>
          <SegmentedControl
            aria-labelledby="source-target-label"
            value={target}
            onChange={(value) => chooseTarget(value as ImportTarget)}
            data={TARGETS.map((value) => ({ value, label: t(`imports.targets.${value}`) }))}
            fullWidth
            maw={520}
            data-testid="source-target"
          />
          <Text size="sm" c="dimmed">
            {t(`imports.target.hint.${target}`)}
          </Text>
        </Stack>

        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('imports.mapping.title')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('imports.sources.form.mappingHint')}
          </Text>
        </Stack>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <FileButton onChange={readSample} resetRef={resetFile} accept=".csv,.txt,.tsv,.xlsx,.jsonl,.ndjson,.json,text/csv">
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconFileSearch size={16} />} loading={upload.isPending} data-testid="mapping-from-sample">
                {t('imports.sources.form.fromSample')}
              </Button>
            )}
          </FileButton>
          <Select
            aria-label={t('imports.profiles.load')}
            placeholder={profiles.data && profileData.length === 0 ? t('imports.profiles.none') : t('imports.profiles.load')}
            data={profileData}
            value={null}
            onChange={loadProfile}
            searchable
            disabled={!profiles.data || profileData.length === 0}
            nothingFoundMessage={t('common.nothingFound')}
            comboboxProps={{ withinPortal: true }}
            style={{ flex: '1 1 220px' }}
            maw={320}
            data-testid="mapping-profile"
          />
        </Group>
        {sample && (
          <Text size="sm" c="dimmed" data-testid="mapping-sample">
            {t('imports.sources.form.fromSampleDone', { n: sample.info.headers.length, count: sample.info.headers.length, name: sample.name })}
          </Text>
        )}
        {upload.error && <ErrorAlert error={upload.error} />}
        {error && <ErrorAlert error={error} />}

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

        <Stack gap="xs" data-testid="mapping-rows">
          {mapping.map((row, index) => (
            <Group key={row.rowKey} gap="xs" align="flex-start" wrap="nowrap" data-testid="mapping-row">
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing={4} style={{ flex: 1, minWidth: 0 }}>
                <TextInput
                  label={index === 0 ? t('imports.sources.form.column') : undefined}
                  aria-label={t('imports.sources.form.columnN', { n: index + 1 })}
                  placeholder="cust_no"
                  spellCheck={false}
                  classNames={{ input: 'mono' }}
                  rightSection={<IconArrowRight size={14} aria-hidden />}
                  data-testid="mapping-column"
                  {...form.getInputProps(`mapping.${index}.column`)}
                />
                <FieldSelect
                  label={index === 0 ? t('imports.sources.form.field') : undefined}
                  aria-label={t('imports.sources.form.fieldN', { n: index + 1 })}
                  placeholder={isPending ? t('common.loading') : t('imports.mapping.skip')}
                  options={options}
                  value={row.field}
                  onChange={(value) => form.setFieldValue(`mapping.${index}.field`, value)}
                  error={form.errors[`mapping.${index}.field`]}
                  // Given the focus to show its error, the list must not open over the message.
                  openOnFocus={false}
                  data-testid="mapping-field"
                />
              </SimpleGrid>
              <ActionIcon
                variant="subtle"
                color="red"
                mt={index === 0 ? 28 : 4}
                onClick={() => form.removeListItem('mapping', index)}
                aria-label={t('imports.sources.form.removeColumn', { n: index + 1 })}
                data-testid="mapping-remove"
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
        {extraErrors.length > 0 && (
          <List size="sm" c="red" role="alert" tabIndex={-1} data-problem data-testid="mapping-errors">
            {extraErrors.map((message) => (
              <List.Item key={message}>{message}</List.Item>
            ))}
          </List>
        )}
        <Group>
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('mapping', mappingRow())} data-testid="mapping-add">
            {t('imports.sources.form.addColumn')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** Cron with presets, the time zone, and the next times it gives, computed as the server will. */
function ScheduleFields({ form, locale }: { form: SourceFormApi; locale: string }) {
  const { t } = useTranslation();
  const { cron, timeZone } = form.values;
  const zones = useMemo(() => timeZones([DEFAULT_TIME_ZONE, timeZone]), [timeZone]);
  const next = nextCronRuns(cron, timeZone, 3);
  const preset = presetOf(cron);
  return (
    <Fieldset legend={t('imports.sources.form.schedule')}>
      <Stack gap="md">
        <Stack gap={6}>
          <Text size="sm" fw={500} id="cron-presets-label">
            {t('imports.sources.form.presets')}
          </Text>
          <Chip.Group
            multiple={false}
            value={preset}
            onChange={(value) => {
              const chosen = CRON_PRESETS.find((p) => p.key === value);
              if (chosen) form.setFieldValue('cron', chosen.cron);
            }}
          >
            <Group gap="xs" aria-labelledby="cron-presets-label" role="group">
              {CRON_PRESETS.map((p) => (
                <Chip key={p.key} value={p.key} size="sm" wrapperProps={{ 'data-testid': `cron-preset-${p.key}` }}>
                  {t(`imports.sources.presets.${p.key}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t('imports.sources.form.cron')}
            description={t('imports.sources.form.cronHint')}
            withAsterisk
            spellCheck={false}
            classNames={{ input: 'mono' }}
            data-testid="source-cron"
            {...form.getInputProps('cron')}
          />
          <Select
            label={t('imports.sources.form.timeZone')}
            description={t('imports.sources.form.timeZoneHint')}
            data={zones}
            searchable
            allowDeselect={false}
            withAsterisk
            limit={50}
            nothingFoundMessage={t('common.nothingFound')}
            comboboxProps={{ withinPortal: true }}
            // Given the focus to show its error, the list must not open over the message.
            openOnFocus={false}
            data-testid="source-timezone"
            {...form.getInputProps('timeZone')}
          />
        </SimpleGrid>
        {next && next.length > 0 && (
          <Stack gap={2} data-testid="cron-next">
            <Text size="sm" c="dimmed">
              {t('imports.sources.form.nextRuns')}
            </Text>
            {next.map((at) => (
              <Text key={at.getTime()} size="sm" className="mono">
                {formatInZone(at, timeZone, locale)}
              </Text>
            ))}
          </Stack>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Switch
            label={t('imports.sources.form.enabled')}
            description={t('imports.sources.form.enabledHint')}
            data-testid="source-enabled"
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
          <NumberInput
            label={t('imports.sources.form.maxRetries')}
            description={t('imports.sources.form.maxRetriesHint')}
            min={0}
            max={10}
            allowDecimal={false}
            allowNegative={false}
            maw={360}
            data-testid="source-retries"
            {...form.getInputProps('maxRetries')}
          />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}
