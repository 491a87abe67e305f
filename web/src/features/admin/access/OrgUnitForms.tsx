import { useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, isApiError } from '../../../lib/api.ts';
import type { OrgUnit } from '../../../lib/types.ts';
import { ErrorAlert, orgUnitLabel } from '../../../app/components.tsx';
import { OrgUnitSelect } from '../../customers/OrgUnitSelect.tsx';
import { useCreateOrgUnit, useUpdateOrgUnit, type OrgUnitPatch } from '../queries.ts';
import { isOrgUnitKind, ORG_UNIT_CODE, ORG_UNIT_KINDS, subtreeIds, type OrgUnitKind } from './model.ts';

/** What a new unit under a parent usually is. */
const CHILD_KIND: Record<OrgUnitKind, OrgUnitKind> = {
  head_office: 'branch',
  province: 'city',
  city: 'branch',
  branch: 'sub_branch',
  sub_branch: 'department',
  department: 'department',
};

interface Values {
  parentId: string | null;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: OrgUnitKind;
}

const FIELDS = new Set(['parentId', 'code', 'nameZh', 'nameEn', 'kind']);

/** Errors the form cannot place at an input, and whether there are any at all. */
function Summary({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const unplaced = isApiError(error) ? error.errors.filter((e) => !FIELDS.has(e.field.replace(/^body\./, ''))) : [];
  if (unplaced.length > 0 || !isApiError(error) || error.errors.length === 0) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" variant="light" role="alert" title={error.title}>
      {t('admin.orgUnits.fixFields')}
    </Alert>
  );
}

export type UnitDialog = { mode: 'create'; parentId: number | null } | { mode: 'edit'; unit: OrgUnit } | { mode: 'move'; unit: OrgUnit } | null;

/** Create a unit (under a parent, or at the top) or change one's code, names and kind. */
export function OrgUnitFormModal({ dialog, units, onClose, onSaved }: { dialog: UnitDialog; units: OrgUnit[]; onClose: () => void; onSaved: (unit: OrgUnit) => void }) {
  const { t } = useTranslation();
  const opened = dialog?.mode === 'create' || dialog?.mode === 'edit';
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={dialog?.mode === 'edit' ? t('admin.orgUnits.editTitle', { name: orgUnitLabel(dialog.unit) }) : t('admin.orgUnits.newTitle')}
      size="lg"
    >
      {opened && (
        <OrgUnitForm
          key={dialog.mode === 'edit' ? `edit-${dialog.unit.id}` : `new-${dialog.parentId}`}
          unit={dialog.mode === 'edit' ? dialog.unit : null}
          parentId={dialog.mode === 'create' ? dialog.parentId : null}
          units={units}
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </Modal>
  );
}

function OrgUnitForm({
  unit,
  parentId,
  units,
  onClose,
  onSaved,
}: {
  unit: OrgUnit | null;
  parentId: number | null;
  units: OrgUnit[];
  onClose: () => void;
  onSaved: (unit: OrgUnit) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateOrgUnit();
  const update = useUpdateOrgUnit();
  const [failure, setFailure] = useState<unknown>(null);
  const parentKind = units.find((u) => u.id === parentId)?.kind;
  const form = useForm<Values>({
    initialValues: {
      parentId: parentId === null ? null : String(parentId),
      code: unit?.code ?? '',
      nameZh: unit?.nameZh ?? '',
      nameEn: unit?.nameEn ?? '',
      kind: unit && isOrgUnitKind(unit.kind) ? unit.kind : parentKind && isOrgUnitKind(parentKind) ? CHILD_KIND[parentKind] : parentId === null ? 'head_office' : 'branch',
    },
    validate: {
      code: (v) => (!v.trim() ? t('validation.required') : ORG_UNIT_CODE.test(v.trim()) ? null : t('admin.orgUnits.codeInvalid')),
      nameZh: (v) => (v.trim() ? null : t('validation.required')),
    },
  });

  function showError(error: unknown) {
    const placed = Object.fromEntries(Object.entries(fieldErrors(error)).filter(([path]) => FIELDS.has(path)));
    form.setErrors(placed);
    setFailure(error);
  }

  function submit(values: Values) {
    setFailure(null);
    const fields = { code: values.code.trim(), nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim() || null, kind: values.kind };
    if (!unit) {
      create.mutate(
        { parentId: values.parentId ? Number(values.parentId) : null, ...fields },
        {
          onSuccess: (created) => {
            notifications.show({ color: 'teal', message: t('admin.orgUnits.created', { name: orgUnitLabel(created) }) });
            onSaved(created);
          },
          onError: showError,
        },
      );
      return;
    }
    const patch: OrgUnitPatch = {};
    if (fields.code !== unit.code) patch.code = fields.code;
    if (fields.nameZh !== unit.nameZh) patch.nameZh = fields.nameZh;
    if (fields.nameEn !== unit.nameEn) patch.nameEn = fields.nameEn;
    if (fields.kind !== unit.kind) patch.kind = fields.kind;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { id: unit.id, patch },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: t('admin.orgUnits.saved', { name: orgUnitLabel(saved) }) });
          onSaved(saved);
        },
        onError: showError,
      },
    );
  }

  return (
    <form noValidate onSubmit={form.onSubmit(submit, () => setFailure(null))} data-testid="org-unit-form">
      <Stack gap="md">
        <Summary error={failure} />
        {!unit && (
          <OrgUnitSelect
            label={t('admin.orgUnits.fields.parent')}
            description={t('admin.orgUnits.parentHint')}
            placeholder={t('admin.orgUnits.topLevel')}
            units={units}
            value={form.values.parentId}
            onChange={(value) => form.setFieldValue('parentId', value)}
            error={form.errors.parentId}
            comboboxProps={{ withinPortal: true }}
            data-testid="field-parentId"
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
          <TextInput label={t('admin.orgUnits.fields.nameZh')} withAsterisk autoFocus data-testid="field-nameZh" {...form.getInputProps('nameZh')} />
          <TextInput label={t('admin.orgUnits.fields.nameEn')} lang="en" data-testid="field-nameEn" {...form.getInputProps('nameEn')} />
          <TextInput
            label={t('admin.orgUnits.fields.code')}
            description={t('admin.orgUnits.codeHint')}
            withAsterisk
            spellCheck={false}
            autoComplete="off"
            data-testid="field-code"
            {...form.getInputProps('code')}
          />
          <Select
            label={t('admin.orgUnits.fields.kind')}
            description={t('admin.orgUnits.kindHint')}
            data={ORG_UNIT_KINDS.map((kind) => ({ value: kind, label: t(`admin.orgUnits.kind.${kind}`) }))}
            allowDeselect={false}
            data-testid="field-kind"
            {...form.getInputProps('kind')}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="save-org-unit">
            {unit ? t('common.save') : t('admin.orgUnits.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Moves a unit, with everything below it, under another parent (never under itself or its own subtree). */
export function MoveOrgUnitModal({ dialog, units, onClose, onMoved }: { dialog: UnitDialog; units: OrgUnit[]; onClose: () => void; onMoved: (unit: OrgUnit) => void }) {
  const { t } = useTranslation();
  const unit = dialog?.mode === 'move' ? dialog.unit : null;
  return (
    <Modal opened={unit !== null} onClose={onClose} title={unit ? t('admin.orgUnits.moveTitle', { name: orgUnitLabel(unit) }) : ''} size="lg">
      {unit && <MoveForm key={unit.id} unit={unit} units={units} onClose={onClose} onMoved={onMoved} />}
    </Modal>
  );
}

function MoveForm({ unit, units, onClose, onMoved }: { unit: OrgUnit; units: OrgUnit[]; onClose: () => void; onMoved: (unit: OrgUnit) => void }) {
  const { t } = useTranslation();
  const update = useUpdateOrgUnit();
  const [parentId, setParentId] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const targets = useMemo(() => {
    const inside = subtreeIds(units, unit.id);
    return units.filter((u) => !inside.has(u.id));
  }, [units, unit.id]);
  const parent = units.find((u) => u.id === unit.parentId);
  const below = subtreeIds(units, unit.id).size - 1;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!parentId) {
          setError(t('validation.required'));
          return;
        }
        if (Number(parentId) === unit.parentId) {
          setError(t('admin.orgUnits.sameParent'));
          return;
        }
        setError(undefined);
        update.mutate(
          { id: unit.id, patch: { parentId: Number(parentId) } },
          {
            onSuccess: (moved) => {
              notifications.show({ color: 'teal', message: t('admin.orgUnits.moved', { name: orgUnitLabel(moved) }) });
              onMoved(moved);
            },
            onError: (e) => setError(fieldErrors(e).parentId),
          },
        );
      }}
      data-testid="move-org-unit-form"
    >
      <Stack gap="md">
        <Text size="sm">
          {t('common.labelled', { label: t('admin.orgUnits.currentParent') })}
          {parent ? orgUnitLabel(parent) : t('admin.orgUnits.topLevel')}
        </Text>
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
          {below > 0 ? t('admin.orgUnits.moveHintSubtree', { n: below, count: below }) : t('admin.orgUnits.moveHint')}
        </Alert>
        {update.error && !fieldErrors(update.error).parentId ? <ErrorAlert error={update.error} /> : null}
        <OrgUnitSelect
          label={t('admin.orgUnits.fields.newParent')}
          placeholder={t('common.choose')}
          withAsterisk
          units={targets}
          value={parentId}
          onChange={setParentId}
          error={error}
          comboboxProps={{ withinPortal: true }}
          data-testid="field-newParent"
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending} data-testid="confirm-move">
            {t('admin.orgUnits.move')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
