import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  EmptyState,
  Fieldset,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconForms, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, isApiError } from '../../lib/api.ts';
import { CUSTOM_FIELD_TYPES, type CustomField } from '../../lib/types.ts';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { useCustomFieldDefinitions, useSaveCustomField, type CustomFieldBody, type CustomFieldType } from './queries-data.ts';

const KEY = /^[a-z][a-z0-9_]{0,62}$/;
const withOptions = (type: string) => type === 'select' || type === 'multiselect';

interface OptionRow {
  rowKey: string;
  /** Set for options the field had when the form opened: their value may be stored in records. */
  saved: boolean;
  value: string;
  labelZh: string;
  labelEn: string;
}

interface FormValues {
  key: string;
  type: CustomFieldType;
  labelZh: string;
  labelEn: string;
  descriptionZh: string;
  descriptionEn: string;
  required: boolean;
  active: boolean;
  position: number | string;
  options: OptionRow[];
}

let optionCounter = 0;
const optionRow = (option?: CustomField['options'][number]): OptionRow => ({
  rowKey: `option-${++optionCounter}`,
  saved: Boolean(option),
  value: option?.value ?? '',
  labelZh: option?.labelZh ?? '',
  labelEn: option?.labelEn ?? '',
});

function initialValues(field: CustomField | null, nextPosition: number): FormValues {
  return {
    key: field?.key ?? '',
    type: field?.type ?? 'text',
    labelZh: field?.labelZh ?? '',
    labelEn: field?.labelEn ?? '',
    descriptionZh: field?.descriptionZh ?? '',
    descriptionEn: field?.descriptionEn ?? '',
    required: field?.required ?? false,
    active: field?.active ?? true,
    position: field?.position ?? nextPosition,
    options: field ? field.options.map((o) => optionRow(o)) : [],
  };
}

function bodyOf(values: FormValues): CustomFieldBody {
  return {
    labelZh: values.labelZh.trim(),
    labelEn: values.labelEn.trim(),
    descriptionZh: values.descriptionZh.trim() || null,
    descriptionEn: values.descriptionEn.trim() || null,
    required: values.required,
    options: withOptions(values.type) ? values.options.map((o) => ({ value: o.value.trim(), labelZh: o.labelZh.trim(), labelEn: o.labelEn.trim() })) : [],
    position: typeof values.position === 'number' ? values.position : Number(values.position) || 0,
    active: values.active,
  };
}

/** Form paths a server error can be shown at; the rest go to the summary. */
const PLACED = /^(key|type|labelZh|labelEn|descriptionZh|descriptionEn|position|options(\.\d+\.(value|labelZh|labelEn))?)$/;

function FieldForm({ field, nextPosition, onDone }: { field: CustomField | null; nextPosition: number; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCustomField();
  const form = useForm<FormValues>({
    initialValues: initialValues(field, nextPosition),
    validate: {
      key: (v) => (field ? null : !v.trim() ? t('validation.required') : KEY.test(v.trim()) ? null : t('admin.customFields.keyInvalid')),
      labelZh: (v) => (v.trim() ? null : t('validation.required')),
      labelEn: (v) => (v.trim() ? null : t('validation.required')),
      options: {
        value: (v, values, path) => {
          if (!withOptions(values.type)) return null;
          if (!v.trim()) return t('validation.required');
          const index = Number(path.split('.')[1]);
          return values.options.some((o, i) => i < index && o.value.trim() === v.trim()) ? t('admin.customFields.optionDuplicate') : null;
        },
        labelZh: (v, values) => (!withOptions(values.type) || v.trim() ? null : t('validation.required')),
        labelEn: (v, values) => (!withOptions(values.type) || v.trim() ? null : t('validation.required')),
      },
    },
  });
  const [optionsError, setOptionsError] = useState<string | null>(null);
  const type = form.values.type;

  function submit(values: FormValues) {
    if (withOptions(values.type) && values.options.length === 0) {
      setOptionsError(t('admin.customFields.optionsRequired'));
      return;
    }
    setOptionsError(null);
    const body = bodyOf(values);
    save.mutate(field ? { id: field.id, body } : { body: { ...body, entity: 'customer', key: values.key.trim(), type: values.type } }, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t(field ? 'admin.customFields.saved' : 'admin.customFields.created') });
        onDone();
      },
      onError: (error) => form.setErrors(fieldErrors(error)),
    });
  }

  const unplaced = isApiError(save.error) ? save.error.errors.length === 0 || save.error.errors.some((e) => !PLACED.test(e.field.replace(/^body\./, ''))) : Boolean(save.error);

  return (
    <form noValidate onSubmit={form.onSubmit(submit)} data-testid="custom-field-form">
      <Stack gap="md">
        {save.error && unplaced && <ErrorAlert error={save.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
          <TextInput
            label={t('admin.customFields.fields.key')}
            description={field ? t('admin.customFields.fixedHint') : t('admin.customFields.keyHint')}
            withAsterisk={!field}
            disabled={Boolean(field)}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            classNames={{ input: 'mono' }}
            data-autofocus={field ? undefined : true}
            data-testid="cf-key"
            {...form.getInputProps('key')}
          />
          <Select
            label={t('admin.customFields.fields.type')}
            description={field ? t('admin.customFields.fixedHint') : undefined}
            data={CUSTOM_FIELD_TYPES.map((value) => ({ value, label: t(`admin.customFields.types.${value}`) }))}
            allowDeselect={false}
            disabled={Boolean(field)}
            withAsterisk={!field}
            data-testid="cf-type"
            {...form.getInputProps('type')}
            onChange={(value) => {
              if (!value) return;
              form.setFieldValue('type', value as CustomFieldType);
              if (withOptions(value) && form.values.options.length === 0) form.setFieldValue('options', [optionRow()]);
            }}
          />
          <TextInput
            label={t('admin.customFields.fields.labelZh')}
            withAsterisk
            data-autofocus={field ? true : undefined}
            data-testid="cf-labelZh"
            {...form.getInputProps('labelZh')}
          />
          <TextInput label={t('admin.customFields.fields.labelEn')} withAsterisk data-testid="cf-labelEn" {...form.getInputProps('labelEn')} />
          <Textarea
            label={t('admin.customFields.fields.descriptionZh')}
            description={t('admin.customFields.descriptionHint')}
            autosize
            minRows={1}
            maxRows={4}
            {...form.getInputProps('descriptionZh')}
          />
          <Textarea
            label={t('admin.customFields.fields.descriptionEn')}
            description={t('admin.customFields.descriptionHint')}
            autosize
            minRows={1}
            maxRows={4}
            {...form.getInputProps('descriptionEn')}
          />
          <NumberInput
            label={t('admin.customFields.fields.position')}
            description={t('admin.customFields.positionHint')}
            min={0}
            max={10_000}
            allowDecimal={false}
            allowNegative={false}
            data-testid="cf-position"
            {...form.getInputProps('position')}
          />
        </SimpleGrid>
        <Stack gap="xs">
          <Switch
            label={t('admin.customFields.fields.required')}
            description={t('admin.customFields.requiredHint')}
            data-testid="cf-required"
            {...form.getInputProps('required', { type: 'checkbox' })}
          />
          <Switch
            label={t('admin.customFields.fields.active')}
            description={t('admin.customFields.activeHint')}
            data-testid="cf-active"
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
        </Stack>

        {withOptions(type) && (
          <Fieldset legend={t('admin.customFields.options')} data-testid="cf-options">
            <Stack gap="sm">
              {field && form.values.options.some((o) => o.saved) && (
                <Text size="xs" c="dimmed">
                  {t('admin.customFields.optionFixed')}
                </Text>
              )}
              {form.values.options.map((option, index) => (
                <Group key={option.rowKey} align="flex-start" gap="xs" wrap="nowrap" data-testid="cf-option">
                  <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" verticalSpacing={4} style={{ flex: 1, minWidth: 0 }}>
                    <TextInput
                      label={t('admin.customFields.optionValue')}
                      size="sm"
                      withAsterisk
                      disabled={option.saved && Boolean(field)}
                      spellCheck={false}
                      classNames={{ input: 'mono' }}
                      data-testid={`cf-option-${index}-value`}
                      {...form.getInputProps(`options.${index}.value`)}
                    />
                    <TextInput
                      label={t('admin.customFields.optionLabelZh')}
                      size="sm"
                      withAsterisk
                      data-testid={`cf-option-${index}-labelZh`}
                      {...form.getInputProps(`options.${index}.labelZh`)}
                    />
                    <TextInput
                      label={t('admin.customFields.optionLabelEn')}
                      size="sm"
                      withAsterisk
                      data-testid={`cf-option-${index}-labelEn`}
                      {...form.getInputProps(`options.${index}.labelEn`)}
                    />
                  </SimpleGrid>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={26}
                    onClick={() => form.removeListItem('options', index)}
                    aria-label={t('admin.customFields.removeOption', { n: index + 1 })}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Group>
              ))}
              {(optionsError || (typeof form.errors.options === 'string' && form.errors.options)) && (
                <Text size="sm" c="red" role="alert">
                  {optionsError ?? form.errors.options}
                </Text>
              )}
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => {
                    setOptionsError(null);
                    form.insertListItem('options', optionRow());
                  }}
                  data-testid="cf-add-option"
                >
                  {t('admin.customFields.addOption')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        )}

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="save-custom-field">
            {field ? t('common.save') : t('admin.customFields.create')}
          </Button>
        </Group>
        <VisuallyHidden aria-live="polite">{save.isPending ? t('common.saving') : ''}</VisuallyHidden>
      </Stack>
    </form>
  );
}

export default function CustomFieldsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('admin.customFields.title'));
  const fields = useCustomFieldDefinitions();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  // The modal keeps its field while it closes; each opening starts a fresh form.
  const [dialog, setDialog] = useState<{ opened: boolean; field: CustomField | null; round: number }>({ opened: false, field: null, round: 0 });
  const open = (field: CustomField | null) => setDialog((d) => ({ opened: true, field, round: d.round + 1 }));
  const close = () => setDialog((d) => ({ ...d, opened: false }));
  const current = dialog.field;
  const list = fields.data ?? [];
  const nextPosition = list.reduce((max, f) => Math.max(max, f.position), 0) + 1;
  const label = (f: CustomField) => (i18n.language === 'en' ? f.labelEn : f.labelZh);
  const otherLabel = (f: CustomField) => (i18n.language === 'en' ? f.labelZh : f.labelEn);
  const optionLabel = (o: CustomField['options'][number]) => (i18n.language === 'en' ? o.labelEn : o.labelZh);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} fz="h2">
          {t('admin.customFields.title')}
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => open(null)} data-testid="new-custom-field">
          {t('admin.customFields.new')}
        </Button>
      </Group>
      <Text c="dimmed" size="sm" maw={760}>
        {t('admin.customFields.intro')}
      </Text>

      {fields.error && <ErrorAlert error={fields.error} />}

      <Paper withBorder component="section" aria-label={t('admin.customFields.title')}>
        {fields.isPending && <PageLoader />}
        {fields.data && list.length === 0 && (
          <EmptyState
            py="xl"
            icon={<IconForms size={28} />}
            title={t('admin.customFields.empty')}
            description={t('admin.customFields.emptyHint')}
            data-testid="custom-fields-empty"
          >
            <Group justify="center" mt="sm">
              <Button leftSection={<IconPlus size={16} />} onClick={() => open(null)}>
                {t('admin.customFields.new')}
              </Button>
            </Group>
          </EmptyState>
        )}
        {list.length > 0 && (
          <Table.ScrollContainer minWidth={820}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="custom-fields-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>{t('admin.customFields.fields.position')}</Table.Th>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>{t('admin.customFields.fields.label')}</Table.Th>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>{t('admin.customFields.fields.key')}</Table.Th>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>{t('admin.customFields.fields.type')}</Table.Th>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>{t('admin.customFields.options')}</Table.Th>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>{t('admin.customFields.fields.required')}</Table.Th>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>{t('admin.customFields.fields.status')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('admin.customFields.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((f) => (
                  <Table.Tr key={f.id} data-testid="custom-field-row" c={f.active ? undefined : 'dimmed'}>
                    <Table.Td>{f.position}</Table.Td>
                    <Table.Td miw={160}>
                      <Text size="sm" fw={500}>
                        {label(f)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {otherLabel(f)}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" className="mono">
                        {f.key}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge variant="light" color="gray">
                        {t(`admin.customFields.types.${f.type}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td maw={260}>
                      <Text size="sm" lineClamp={2} title={f.options.map(optionLabel).join(' · ')}>
                        {f.options.map(optionLabel).join(' · ')}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.required ? t('common.yes') : t('common.no')}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge variant="light" color={f.active ? 'teal' : 'gray'}>
                        {f.active ? t('admin.customFields.active') : t('admin.customFields.inactive')}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        leftSection={<IconPencil size={14} />}
                        onClick={() => open(f)}
                        aria-label={t('admin.customFields.editNamed', { label: label(f) })}
                        data-testid={`edit-custom-field-${f.key}`}
                      >
                        {t('common.edit')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <Modal
        opened={dialog.opened}
        onClose={close}
        title={current ? t('admin.customFields.editTitle', { label: label(current) }) : t('admin.customFields.newTitle')}
        size="xl"
        fullScreen={phone}
        closeOnClickOutside={false}
      >
        <FieldForm key={dialog.round} field={current} nextPosition={nextPosition} onDone={close} />
      </Modal>
    </Stack>
  );
}
