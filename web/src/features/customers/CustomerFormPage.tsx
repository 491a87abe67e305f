import { useEffect, useRef, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  MultiSelect,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, fieldErrors, isApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import {
  CUSTOMER_KINDS,
  CUSTOMER_STATUSES,
  GENDERS,
  ID_TYPES,
  SIZES,
  type Contact,
  type ContactInput,
  type Customer,
  type CustomerKind,
  type CustomField,
  type DuplicateMatch,
} from '../../lib/types.ts';
import { useCurrentUser, usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { DayInput } from '../../app/DayInput.tsx';
import { NotFoundPage } from '../../app/ErrorPage.tsx';
import { OrgUnitSelect } from './OrgUnitSelect.tsx';
import { customerKeys, useCustomer, useCustomFields, useOrgUnits } from './queries.ts';
import { customFieldLabel } from './fieldText.ts';
import { RegionPicker, regionCodes } from './RegionPicker.tsx';

const TEXT_FIELDS = ['name', 'nameEn', 'birthDate', 'idNumber', 'mobile', 'phone', 'email', 'address', 'postalCode', 'industry', 'sourceChannel'] as const;
const CHOICE_FIELDS = ['gender', 'idType', 'size', 'status'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type ChoiceField = (typeof CHOICE_FIELDS)[number];
/** Fields a role may see masked; an unchanged masked value is never sent back. */
const PROTECTED = new Set<string>(['idNumber', 'mobile', 'phone', 'email', 'birthDate', 'address']);
const CHANNELS = ['branch', 'online', 'phone', 'referral', 'campaign', 'import'];
const CONTACT_FIELDS = ['name', 'title', 'mobile', 'phone', 'email', 'notes'] as const;
const REGION_FIELDS = ['provinceCode', 'cityCode', 'districtCode'] as const;

interface ContactRow {
  key: string;
  id?: number;
  name: string;
  title: string;
  mobile: string;
  phone: string;
  email: string;
  notes: string;
  isPrimary: boolean;
}

type FormValues = { kind: CustomerKind; orgUnitId: string | null; region: string[]; custom: Record<string, unknown>; contacts: ContactRow[] } & Record<TextField, string> &
  Record<ChoiceField, string | null>;

let rowCounter = 0;
const newRow = (contact?: Contact): ContactRow => ({
  key: `row-${++rowCounter}`,
  id: contact?.id,
  name: contact?.name ?? '',
  title: contact?.title ?? '',
  mobile: contact?.mobile ?? '',
  phone: contact?.phone ?? '',
  email: contact?.email ?? '',
  notes: contact?.notes ?? '',
  isPrimary: contact?.isPrimary ?? false,
});

const blankCustom = (field: CustomField): unknown => (field.type === 'boolean' ? false : field.type === 'multiselect' ? [] : '');
const isEmpty = (value: unknown) => value === '' || value === null || value === undefined || (Array.isArray(value) && value.length === 0);

function initialValues(customer: Customer | undefined, fields: CustomField[], orgUnitId: number | null): FormValues {
  const text = (key: TextField) => {
    if (!customer) return '';
    if (customer.masked.includes(key)) return '';
    const value = customer[key];
    return typeof value === 'string' ? value : '';
  };
  const custom: Record<string, unknown> = {};
  for (const field of fields) custom[field.key] = customer?.custom[field.key] ?? blankCustom(field);
  return {
    kind: customer?.kind ?? 'organization',
    ...(Object.fromEntries(TEXT_FIELDS.map((key) => [key, text(key)])) as Record<TextField, string>),
    gender: customer?.gender ?? null,
    idType: customer ? customer.idType : 'uscc',
    size: customer?.size ?? null,
    status: customer?.status ?? 'prospect',
    orgUnitId: orgUnitId ? String(orgUnitId) : null,
    region: customer ? (customer.regionPath?.map((r) => r.code) ?? [customer.provinceCode, customer.cityCode, customer.districtCode].filter((c): c is string => Boolean(c))) : [],
    custom,
    contacts: customer ? (customer.contacts ?? []).map((c) => newRow(c)) : [],
  };
}

const trimOrNull = (value: string) => value.trim() || null;
const contactInput = (row: ContactRow): ContactInput => ({
  name: row.name.trim(),
  title: trimOrNull(row.title),
  mobile: trimOrNull(row.mobile),
  phone: trimOrNull(row.phone),
  email: trimOrNull(row.email),
  notes: trimOrNull(row.notes),
  isPrimary: row.isPrimary,
});
const rowIsBlank = (row: ContactRow) => CONTACT_FIELDS.every((key) => !row[key].trim());

/** Where a server error is shown: at its field when the form has one, in the summary otherwise. */
function formPath(path: string, fields: CustomField[]): boolean {
  if ((TEXT_FIELDS as readonly string[]).includes(path) || (CHOICE_FIELDS as readonly string[]).includes(path) || (REGION_FIELDS as readonly string[]).includes(path) || path === 'orgUnitId') return true;
  if (/^contacts\.\d+\.(name|title|mobile|phone|email|notes)$/.test(path)) return true;
  const custom = /^custom\.(.+)$/.exec(path);
  return Boolean(custom && fields.some((f) => f.key === custom[1]));
}

function DuplicateWarning({ matches, onCreateAnyway, busy }: { matches: DuplicateMatch[]; onCreateAnyway: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [matches]);
  const hard = matches.some((m) => m.hard);
  const format = useFormat();
  const on = (m: DuplicateMatch) => format.list(m.matchedOn.map((f) => t(`customer.fields.${f}` as 'customer.fields.name', { defaultValue: f })));
  return (
    <Alert ref={ref} tabIndex={-1} color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={t('customer.duplicate.title')} data-testid="duplicate-warning">
      <Stack gap="xs">
        <Text size="sm">{hard ? t('customer.duplicate.hard') : t('customer.duplicate.soft')}</Text>
        <List size="sm" spacing={4}>
          {matches.map((match, i) => (
            <List.Item key={match.id ?? `out-${i}`} data-testid="duplicate-match">
              {match.inScope && match.id ? (
                <Anchor component={Link} to={`/customers/${match.id}`} target="_blank" rel="noopener">
                  <span className="mono">{match.code}</span> {match.name}
                </Anchor>
              ) : (
                <Text span size="sm">
                  {match.name} — {match.message ?? t('customer.duplicate.otherBranch')}
                </Text>
              )}
              {match.orgUnitName && (
                <Text span size="sm" c="dimmed">
                  {' '}
                  ({match.orgUnitName})
                </Text>
              )}
              <Text span size="xs" c="dimmed">
                {' · '}
                {t('customer.duplicate.matchedOn', { fields: on(match) })}
              </Text>
            </List.Item>
          ))}
        </List>
        {!hard && (
          <Group>
            <Button color="orange" variant="light" onClick={onCreateAnyway} loading={busy} data-testid="create-anyway">
              {t('customer.duplicate.createAnyway')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

function CustomFieldInput({ field, form }: { field: CustomField; form: UseFormReturnType<FormValues> }) {
  const { t, i18n } = useTranslation();
  const path = `custom.${field.key}`;
  const label = customFieldLabel(field, i18n.language);
  const description = (i18n.language === 'en' ? field.descriptionEn : field.descriptionZh) ?? undefined;
  const options = field.options.map((o) => ({ value: o.value, label: i18n.language === 'en' ? o.labelEn : o.labelZh }));
  const common = { label, description, withAsterisk: field.required, 'data-testid': `custom-${field.key}` };
  switch (field.type) {
    case 'number':
      return <NumberInput {...common} {...form.getInputProps(path)} />;
    case 'date':
      return <DayInput {...common} {...form.getInputProps(path)} />;
    case 'boolean':
      return <Checkbox mt="xl" label={label} description={description} {...form.getInputProps(path, { type: 'checkbox' })} />;
    case 'select':
      return <Select {...common} data={options} clearable placeholder={t('common.choose')} {...form.getInputProps(path)} />;
    case 'multiselect':
      return <MultiSelect {...common} data={options} clearable placeholder={t('common.choose')} {...form.getInputProps(path)} />;
    default:
      return <TextInput {...common} {...form.getInputProps(path)} />;
  }
}

function ContactsEditor({ form }: { form: UseFormReturnType<FormValues> }) {
  const { t } = useTranslation();
  const rows = form.values.contacts;
  const setPrimary = (index: number) => rows.forEach((_, i) => form.setFieldValue(`contacts.${i}.isPrimary`, i === index));
  return (
    <Stack gap="sm" data-testid="contacts-editor">
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('customer.contacts.none')}
        </Text>
      )}
      {rows.map((row, index) => (
        <Fieldset
          key={row.key}
          legend={t('customer.contacts.legend', { n: index + 1 })}
          variant="filled"
          data-testid="contact-row"
        >
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="xs">
            <TextInput label={t('customer.contacts.name')} withAsterisk {...form.getInputProps(`contacts.${index}.name`)} data-testid={`contact-${index}-name`} />
            <TextInput label={t('customer.contacts.title')} {...form.getInputProps(`contacts.${index}.title`)} />
            <TextInput label={t('customer.fields.mobile')} inputMode="tel" {...form.getInputProps(`contacts.${index}.mobile`)} data-testid={`contact-${index}-mobile`} />
            <TextInput label={t('customer.fields.phone')} inputMode="tel" {...form.getInputProps(`contacts.${index}.phone`)} />
            <TextInput label={t('customer.fields.email')} type="email" {...form.getInputProps(`contacts.${index}.email`)} />
            <Textarea label={t('customer.contacts.notes')} autosize minRows={1} maxRows={4} {...form.getInputProps(`contacts.${index}.notes`)} />
          </SimpleGrid>
          <Group justify="space-between" mt="sm">
            <Radio
              name="primary-contact"
              label={t('customer.contacts.primary')}
              checked={row.isPrimary}
              onChange={() => setPrimary(index)}
              data-testid={`contact-${index}-primary`}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={() => {
                const wasPrimary = row.isPrimary;
                form.removeListItem('contacts', index);
                if (wasPrimary && rows.length > 1) form.setFieldValue(`contacts.0.isPrimary`, true);
              }}
              aria-label={t('customer.contacts.remove', { n: index + 1 })}
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Group>
        </Fieldset>
      ))}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() => form.insertListItem('contacts', { ...newRow(), isPrimary: rows.length === 0 })}
          data-testid="add-contact"
        >
          {t('customer.contacts.add')}
        </Button>
      </Group>
    </Stack>
  );
}

function CustomerForm({ customer, fields }: { customer?: Customer; fields: CustomField[] }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = usePermissions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const orgUnits = useOrgUnits();
  const editing = Boolean(customer);
  const [initial] = useState(() => initialValues(customer, fields, customer ? customer.orgUnitId : (me.orgUnit?.id ?? null)));
  const [duplicates, setDuplicates] = useState<DuplicateMatch[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const form = useForm<FormValues>({
    initialValues: initial,
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      contacts: { name: (v, values, path) => (v.trim() || rowIsBlank(values.contacts[Number(path.split('.')[1])]!) ? null : t('validation.required')) },
      custom: Object.fromEntries(fields.filter((f) => f.required).map((f) => [f.key, (v: unknown) => (isEmpty(v) ? t('validation.required') : null)])),
    },
  });
  const kind = form.values.kind;
  const visible = (key: string) => !customer || key in customer || !PROTECTED.has(key);

  useEffect(() => {
    if (failure) summaryRef.current?.focus();
  }, [failure]);

  function showError(error: unknown, contactIndex?: number) {
    if (isApiError(error) && error.code === 'DUPLICATE_CUSTOMER' && Array.isArray(error.problem.matches)) {
      setDuplicates(error.problem.matches as DuplicateMatch[]);
      return;
    }
    let errors = fieldErrors(error);
    if (contactIndex !== undefined) errors = Object.fromEntries(Object.entries(errors).map(([path, message]) => [`contacts.${contactIndex}.${path}`, message]));
    form.setErrors(errors);
    setFailure(error);
  }

  /** Custom values to send: all filled ones on create, only changed ones (against base) on edit. */
  function customPayload(values: FormValues, base: FormValues | null) {
    const custom: Record<string, unknown> = {};
    for (const field of fields) {
      const value = values.custom[field.key];
      if (base ? JSON.stringify(value) === JSON.stringify(base.custom[field.key]) : isEmpty(value) || (field.type === 'boolean' && value === false)) continue;
      custom[field.key] = isEmpty(value) ? null : value;
    }
    return custom;
  }

  async function create(values: FormValues, allowDuplicate: boolean) {
    const body: Record<string, unknown> = { kind: values.kind };
    for (const key of TEXT_FIELDS) if (values[key].trim()) body[key] = values[key].trim();
    for (const key of CHOICE_FIELDS) if (values[key]) body[key] = values[key];
    if (values.kind === 'organization') {
      delete body.gender;
      delete body.birthDate;
    }
    for (const [key, code] of Object.entries(regionCodes(values.region))) if (code) body[key] = code;
    if (can('customer:assign') && values.orgUnitId) body.orgUnitId = Number(values.orgUnitId);
    const custom = customPayload(values, null);
    if (Object.keys(custom).length) body.custom = custom;
    const contacts = values.contacts.filter((row) => !rowIsBlank(row)).map(contactInput);
    if (contacts.length) body.contacts = contacts;
    if (allowDuplicate) body.allowDuplicate = true;
    return api.post<Customer>('/customers', body);
  }

  /**
   * What the server holds now. A save that fails half-way (a contact refused after the customer was
   * saved) moves it forward, so the next attempt sends only what is still missing.
   */
  const saved = useRef({ values: initial, version: customer?.version ?? 0 });

  async function update(values: FormValues, current: Customer) {
    const base = saved.current.values;
    const patch: Record<string, unknown> = {};
    for (const key of TEXT_FIELDS) {
      if (values[key] === base[key]) continue;
      if (current.masked.includes(key) && !values[key].trim()) continue;
      patch[key] = values[key].trim() || null;
    }
    for (const key of CHOICE_FIELDS) if (values[key] !== base[key]) patch[key] = values[key];
    // The three codes go together, so a new district never sits under the old city.
    if (values.region.join() !== base.region.join()) Object.assign(patch, regionCodes(values.region));
    const custom = customPayload(values, base);
    if (Object.keys(custom).length) patch.custom = custom;
    if (Object.keys(patch).length) {
      const after = await api.patch<Customer>(`/customers/${current.id}`, { ...patch, version: saved.current.version });
      saved.current = { values: { ...values, contacts: base.contacts }, version: after.version };
    }

    // Contacts have their own endpoints: remove, change, then add.
    const rows = values.contacts.map((row, index) => ({ row, index })).filter(({ row }) => !rowIsBlank(row));
    const kept = new Set(rows.map(({ row }) => row.id).filter(Boolean));
    let contacts = [...saved.current.values.contacts];
    const remember = () => (saved.current = { ...saved.current, values: { ...saved.current.values, contacts } });
    for (const before of [...contacts]) {
      if (!before.id || kept.has(before.id)) continue;
      await api.delete(`/customers/${current.id}/contacts/${before.id}`);
      contacts = contacts.filter((c) => c.id !== before.id);
      remember();
    }
    for (const { row, index } of rows) {
      const before = contacts.find((c) => c.id === row.id);
      try {
        if (!row.id) {
          const created = await api.post<Contact>(`/customers/${current.id}/contacts`, contactInput(row));
          form.setFieldValue(`contacts.${index}.id`, created.id);
          contacts = [...contacts, { ...row, id: created.id }];
          remember();
        } else if (before && JSON.stringify(contactInput(before)) !== JSON.stringify(contactInput(row))) {
          await api.put(`/customers/${current.id}/contacts/${row.id}`, contactInput(row));
          contacts = contacts.map((c) => (c.id === row.id ? row : c));
          remember();
        }
      } catch (error) {
        throw Object.assign(error as object, { contactIndex: index });
      }
    }
  }

  async function submit(values: FormValues, allowDuplicate = false) {
    setBusy(true);
    setFailure(null);
    if (!allowDuplicate) setDuplicates(null);
    try {
      const result = customer ? (await update(values, customer), customer) : await create(values, allowDuplicate);
      await queryClient.invalidateQueries({ queryKey: customerKeys.all });
      notifications.show({ color: 'teal', message: t(editing ? 'customer.form.saved' : 'customer.form.created') });
      navigate(`/customers/${result.id}`);
    } catch (error) {
      const contactIndex = (error as { contactIndex?: number }).contactIndex;
      showError(error, contactIndex);
    } finally {
      setBusy(false);
    }
  }

  const failedContact = (failure as { contactIndex?: number } | null)?.contactIndex;
  const unplaced = isApiError(failure)
    ? failure.errors.filter((e) => {
        const path = e.field.replace(/^body\./, '');
        return !formPath(failedContact === undefined ? path : `contacts.${failedContact}.${path}`, fields);
      })
    : [];
  const conflict = isApiError(failure) && failure.code === 'VERSION_CONFLICT';
  const nameLabel = kind === 'organization' ? t('customer.fields.orgName') : t('customer.fields.personName');
  const choice = (key: ChoiceField, values: readonly string[], prefix: 'gender' | 'idType' | 'size' | 'status') => (
    <Select
      label={t(`customer.fields.${key}`)}
      data={values.map((v) => ({ value: v, label: t(`customer.${prefix}.${v}` as 'customer.size.small') }))}
      clearable={key !== 'status'}
      allowDeselect={key !== 'status'}
      placeholder={t('common.choose')}
      data-testid={`field-${key}`}
      {...form.getInputProps(key)}
    />
  );
  const text = (key: TextField, props: Record<string, unknown> = {}) => {
    if (!visible(key)) return null;
    const masked = customer?.masked.includes(key);
    const shown = customer?.[key];
    return (
      <TextInput
        label={t(`customer.fields.${key}`)}
        placeholder={masked && typeof shown === 'string' ? shown : undefined}
        description={masked ? t('customer.form.maskedKeep') : undefined}
        data-testid={`field-${key}`}
        {...props}
        {...form.getInputProps(key)}
      />
    );
  };

  return (
    <form noValidate onSubmit={form.onSubmit((values) => submit(values), () => setFailure(null))} data-testid="customer-form">
      <Stack gap="md">
        {failure !== null && (
          <div ref={summaryRef} tabIndex={-1}>
            {conflict ? (
              <Alert color="orange" title={(failure as ApiError).title} data-testid="version-conflict">
                <Button variant="light" size="xs" onClick={() => window.location.reload()}>
                  {t('customer.form.reload')}
                </Button>
              </Alert>
            ) : unplaced.length > 0 || !isApiError(failure) || failure.errors.length === 0 ? (
              <ErrorAlert error={failure} />
            ) : (
              <Alert color="red" variant="light" role="alert" title={(failure as ApiError).title}>
                {t('customer.form.fixFields')}
              </Alert>
            )}
          </div>
        )}

        <Fieldset legend={t('customer.form.basic')}>
          <Stack gap="sm">
            {editing ? (
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  {t('common.labelled', { label: t('customer.fields.kind') })}
                </Text>
                <Badge variant="outline" color="gray">
                  {t(`customer.kind.${kind}`)}
                </Badge>
              </Group>
            ) : (
              <Stack gap={4}>
                <Text size="sm" fw={500} id="kind-label">
                  {t('customer.fields.kind')}
                </Text>
                <SegmentedControl
                  aria-labelledby="kind-label"
                  data={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`customer.kind.${k}`) }))}
                  value={kind}
                  onChange={(value) => {
                    const next = value as CustomerKind;
                    form.setFieldValue('kind', next);
                    const defaultType = next === 'organization' ? 'uscc' : 'resident_id';
                    if (!form.values.idType || form.values.idType === 'uscc' || form.values.idType === 'resident_id') form.setFieldValue('idType', defaultType);
                  }}
                  data-testid="field-kind"
                  style={{ alignSelf: 'flex-start' }}
                />
              </Stack>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
              {text('name', { label: nameLabel, withAsterisk: true, autoFocus: !editing })}
              {text('nameEn')}
              {kind === 'individual' && choice('gender', GENDERS, 'gender')}
              {kind === 'individual' &&
                (customer?.masked.includes('birthDate') || !visible('birthDate') ? (
                  text('birthDate')
                ) : (
                  <DayInput
                    label={t('customer.fields.birthDate')}
                    // A birth date is typed far more than picked: the calendar opens on the decades.
                    defaultLevel="decade"
                    data-testid="field-birthDate"
                    {...form.getInputProps('birthDate')}
                  />
                ))}
              {kind === 'organization' && text('industry')}
              {kind === 'organization' && choice('size', SIZES, 'size')}
              {choice('status', CUSTOMER_STATUSES, 'status')}
              {visible('sourceChannel') && (
                <Select
                  label={t('customer.fields.sourceChannel')}
                  data={[...new Set([...CHANNELS, ...(initial.sourceChannel ? [initial.sourceChannel] : [])])].map((c) => ({
                    value: c,
                    label: t(`customer.channel.${c}` as 'customer.channel.branch', { defaultValue: c }),
                  }))}
                  clearable
                  placeholder={t('common.choose')}
                  data-testid="field-sourceChannel"
                  {...form.getInputProps('sourceChannel')}
                  value={form.values.sourceChannel || null}
                  onChange={(value) => form.setFieldValue('sourceChannel', value ?? '')}
                />
              )}
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('customer.form.identity')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
              {choice('idType', ID_TYPES, 'idType')}
              {text('idNumber', { spellCheck: false })}
              {text('mobile', { inputMode: 'tel' })}
              {text('phone', { inputMode: 'tel' })}
              {text('email', { type: 'email' })}
              {kind === 'individual' && text('industry')}
            </SimpleGrid>
            <RegionPicker
              value={form.values.region}
              onChange={(path) => {
                form.setFieldValue('region', path);
                form.clearFieldError('provinceCode');
                form.clearFieldError('cityCode');
                form.clearFieldError('districtCode');
              }}
              errors={{ provinceCode: form.errors.provinceCode, cityCode: form.errors.cityCode, districtCode: form.errors.districtCode }}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
              {text('address')}
              {text('postalCode', { inputMode: 'numeric' })}
            </SimpleGrid>
          </Stack>
        </Fieldset>

        {!editing && can('customer:assign') && (
          <Fieldset legend={t('customer.form.assignment')}>
            <OrgUnitSelect
              label={t('customer.fields.orgUnit')}
              units={orgUnits.data ?? []}
              value={form.values.orgUnitId}
              onChange={(value) => form.setFieldValue('orgUnitId', value)}
              error={form.errors.orgUnitId}
              description={t('customer.form.orgUnitHint')}
              maw={420}
              data-testid="field-orgUnitId"
            />
          </Fieldset>
        )}

        {fields.length > 0 && (
          <Fieldset legend={t('customer.form.custom')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
              {fields.map((field) => (
                <CustomFieldInput key={field.key} field={field} form={form} />
              ))}
            </SimpleGrid>
          </Fieldset>
        )}

        <Fieldset legend={t('customer.panels.contacts')}>
          <ContactsEditor form={form} />
        </Fieldset>

        {duplicates && (
          <DuplicateWarning matches={duplicates} busy={busy} onCreateAnyway={() => void submit(form.getValues(), true)} />
        )}

        <Group justify="flex-end" gap="sm">
          <Button variant="default" component={Link} to={customer ? `/customers/${customer.id}` : '/customers'}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="save-customer">
            {editing ? t('common.save') : t('customer.form.create')}
          </Button>
        </Group>
        <VisuallyHidden aria-live="polite">{busy ? t('common.saving') : ''}</VisuallyHidden>
      </Stack>
    </form>
  );
}

/** New customer (/customers/new) or edit one (/customers/:id/edit). */
export default function CustomerFormPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = params.id === undefined ? undefined : Number(params.id);
  const customer = useCustomer(id ?? 0);
  const fields = useCustomFields();
  usePageTitle(id !== undefined ? customer.data?.name : t('customer.form.newTitle'));
  if (id !== undefined && (!Number.isSafeInteger(id) || id <= 0)) return <NotFoundPage />;
  if (fields.isPending || (id !== undefined && customer.isPending)) return <PageLoader />;
  if (id !== undefined && customer.error) {
    if (isApiError(customer.error) && customer.error.status === 404) return <NotFoundPage />;
    return <ErrorAlert error={customer.error} />;
  }
  if (fields.error) return <ErrorAlert error={fields.error} />;
  const title = id !== undefined ? t('customer.form.editTitle', { name: customer.data?.name ?? '' }) : t('customer.form.newTitle');
  return (
    <Stack gap="md" maw={1100}>
      <Breadcrumbs>
        <Anchor component={Link} to="/customers" size="sm">
          {t('nav.customers')}
        </Anchor>
        {customer.data && (
          <Anchor component={Link} to={`/customers/${customer.data.id}`} size="sm">
            {customer.data.name}
          </Anchor>
        )}
        <Text size="sm">{id !== undefined ? t('common.edit') : t('customer.form.newTitle')}</Text>
      </Breadcrumbs>
      <Title order={1} fz="h2">
        {title}
      </Title>
      <CustomerForm key={customer.data?.version ?? 'new'} customer={id !== undefined ? customer.data : undefined} fields={fields.data} />
    </Stack>
  );
}
