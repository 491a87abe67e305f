import { useMemo, useRef, useState } from 'react';
import { ActionIcon, Alert, Button, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Tooltip, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert } from '../../app/components.tsx';
import { isApiError } from '../../lib/api.ts';
import { useNumberCustomFields, useSaveScorecard } from './queries.ts';
import { BUILTIN_FACTORS, type Scorecard } from './types.ts';

type Num = number | string;

interface BinValues {
  id: string;
  min: Num;
  max: Num;
  points: Num;
  reasonZh: string;
  reasonEn: string;
}

interface FactorValues {
  id: string;
  key: string;
  labelZh: string;
  labelEn: string;
  missingPoints: Num;
  bins: BinValues[];
}

interface FormValues {
  base: Num;
  min: Num;
  max: Num;
  factors: FactorValues[];
}

const MAX_FACTORS = 30;
const MAX_BINS = 20;
const blank = (value: Num | null | undefined) => value === '' || value === null || value === undefined;

let nextId = 0;
const rowId = () => `sc-${++nextId}`;
const emptyBin = (): BinValues => ({ id: rowId(), min: '', max: '', points: 0, reasonZh: '', reasonEn: '' });

function toForm(card: Scorecard): FormValues {
  return {
    base: card.base,
    min: card.min,
    max: card.max,
    factors: card.factors.map((f) => ({
      id: rowId(),
      key: f.key,
      labelZh: f.labelZh,
      labelEn: f.labelEn,
      missingPoints: f.missingPoints,
      bins: f.bins.map((b) => ({ id: rowId(), min: b.min ?? '', max: b.max ?? '', points: b.points, reasonZh: b.reasonZh, reasonEn: b.reasonEn })),
    })),
  };
}

function fromForm(values: FormValues): Scorecard {
  return {
    base: Number(values.base),
    min: Number(values.min),
    max: Number(values.max),
    factors: values.factors.map((f) => ({
      key: f.key,
      labelZh: f.labelZh.trim(),
      labelEn: f.labelEn.trim(),
      missingPoints: blank(f.missingPoints) ? 0 : Number(f.missingPoints),
      // An empty end is an open end.
      bins: f.bins.map((b) => ({
        min: blank(b.min) ? null : Number(b.min),
        max: blank(b.max) ? null : Number(b.max),
        points: Number(b.points),
        reasonZh: b.reasonZh.trim(),
        reasonEn: b.reasonEn.trim(),
      })),
    })),
  };
}

/** The scorecard as a form: base and bounds, then each factor with its bins, points and reasons. */
export function ScorecardForm({ scorecard }: { scorecard: Scorecard }) {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const save = useSaveScorecard();
  const customFields = useNumberCustomFields(can('settings:manage'));
  const [failure, setFailure] = useState<unknown>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const en = i18n.language === 'en';

  const form = useForm<FormValues>({
    initialValues: toForm(scorecard),
    validate: (values) => {
      const errors: Record<string, string> = {};
      const required = t('validation.required');
      for (const key of ['base', 'min', 'max'] as const) if (blank(values[key])) errors[key] = required;
      if (!blank(values.min) && !blank(values.max) && Number(values.min) >= Number(values.max)) errors.max = t('credit.scorecard.minMax');
      const seen = new Set<string>();
      values.factors.forEach((f, i) => {
        const at = `factors.${i}`;
        if (!f.key) errors[`${at}.key`] = required;
        else if (seen.has(f.key)) errors[`${at}.key`] = t('credit.scorecard.duplicateKey');
        seen.add(f.key);
        if (!f.labelZh.trim()) errors[`${at}.labelZh`] = required;
        if (!f.labelEn.trim()) errors[`${at}.labelEn`] = required;
        f.bins.forEach((b, j) => {
          const bin = `${at}.bins.${j}`;
          if (blank(b.points)) errors[`${bin}.points`] = required;
          if (!b.reasonZh.trim()) errors[`${bin}.reasonZh`] = required;
          if (!b.reasonEn.trim()) errors[`${bin}.reasonEn`] = required;
          if (!blank(b.min) && !blank(b.max) && Number(b.min) >= Number(b.max)) errors[`${bin}.max`] = t('credit.scorecard.binOrder');
        });
      });
      return errors;
    },
  });

  /** What each factor may measure: the built-in ones, number custom fields, and whatever is saved already. */
  const keyOptions = useMemo(() => {
    const options: { value: string; label: string }[] = BUILTIN_FACTORS.map((key) => ({ value: key, label: t(`credit.factor.${key}`) }));
    for (const field of customFields.data ?? []) {
      options.push({ value: `custom.${field.key}`, label: t('credit.scorecard.customField', { label: en ? field.labelEn : field.labelZh }) });
    }
    for (const f of form.values.factors) if (f.key && !options.some((o) => o.value === f.key)) options.push({ value: f.key, label: f.key });
    return options;
  }, [customFields.data, form.values.factors, t, en]);

  /** A newly chosen measure brings its usual labels in both languages, unless the labels were already written. */
  function chooseKey(index: number, key: string | null) {
    form.setFieldValue(`factors.${index}.key`, key ?? '');
    if (!key) return;
    const factor = form.values.factors[index]!;
    const field = customFields.data?.find((f) => `custom.${f.key}` === key);
    const zh = field ? field.labelZh : (BUILTIN_FACTORS as readonly string[]).includes(key) ? i18n.getFixedT('zh-CN')(`credit.factor.${key}` as 'credit.factor.age') : '';
    const english = field ? field.labelEn : (BUILTIN_FACTORS as readonly string[]).includes(key) ? i18n.getFixedT('en')(`credit.factor.${key}` as 'credit.factor.age') : '';
    if (!factor.labelZh.trim() && zh) form.setFieldValue(`factors.${index}.labelZh`, zh);
    if (!factor.labelEn.trim() && english) form.setFieldValue(`factors.${index}.labelEn`, english);
  }

  function submit(values: FormValues) {
    setFailure(null);
    save.mutate(fromForm(values), {
      onSuccess: (saved) => {
        const next = toForm(saved);
        form.setInitialValues(next);
        form.setValues(next);
        notifications.show({ color: 'teal', message: t('credit.scorecard.saved') });
      },
      onError: (error) => {
        // Server paths (body.factors.0.bins.1.reasonZh) are the form's paths behind "body.".
        const placed: Record<string, string> = {};
        let unplaced = !isApiError(error) || error.errors.length === 0;
        if (isApiError(error)) {
          for (const problem of error.errors) {
            const path = problem.field.replace(/^body\.?/, '');
            if (/^(base|min|max)$|^factors\.\d+\.(key|labelZh|labelEn|missingPoints)$|^factors\.\d+\.bins\.\d+\.(min|max|points|reasonZh|reasonEn)$/.test(path)) {
              if (!(path in placed)) placed[path] = problem.message;
            } else unplaced = true;
          }
        }
        form.setErrors(placed);
        setFailure(unplaced ? error : 'fields');
        requestAnimationFrame(() => summaryRef.current?.focus());
      },
    });
  }

  const numberProps = { allowDecimal: false, clampBehavior: 'none' as const, hideControls: true };

  return (
    <form
      noValidate
      data-testid="credit-scorecard-form"
      onSubmit={form.onSubmit(submit, () => {
        setFailure('fields');
        requestAnimationFrame(() => summaryRef.current?.focus());
      })}
    >
      <Stack gap="md">
        {failure !== null && (
          <div ref={summaryRef} tabIndex={-1}>
            {failure === 'fields' ? (
              <Alert color="red" variant="light" role="alert" title={t('credit.scorecard.invalid')} data-testid="credit-scorecard-invalid">
                {t('credit.scorecard.fixFields')}
              </Alert>
            ) : (
              <ErrorAlert error={failure} />
            )}
          </div>
        )}
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" maw={560}>
          <NumberInput label={t('credit.scorecard.base')} description={t('credit.scorecard.baseHint')} {...numberProps} data-testid="scorecard-base" {...form.getInputProps('base')} />
          <NumberInput label={t('credit.scorecard.min')} description={t('credit.scorecard.minHint')} {...numberProps} data-testid="scorecard-min" {...form.getInputProps('min')} />
          <NumberInput label={t('credit.scorecard.max')} description={t('credit.scorecard.maxHint')} {...numberProps} data-testid="scorecard-max" {...form.getInputProps('max')} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('credit.scorecard.binsHint')}
        </Text>

        {form.values.factors.map((factor, i) => (
          <Fieldset
            key={factor.id}
            legend={t('credit.scorecard.factorN', { n: i + 1, label: (en ? factor.labelEn : factor.labelZh) || factor.key || '…' })}
            data-testid="scorecard-factor"
            data-key={factor.key}
          >
            <Stack gap="sm">
              <Group gap="sm" align="flex-start" wrap="wrap">
                <Select
                  label={t('credit.scorecard.key')}
                  data={keyOptions}
                  w={240}
                  searchable
                  allowDeselect={false}
                  data-testid="scorecard-factor-key"
                  {...form.getInputProps(`factors.${i}.key`)}
                  onChange={(value) => chooseKey(i, value)}
                />
                <TextInput label={t('credit.scorecard.labelZh')} w={180} maxLength={50} data-testid="scorecard-factor-label-zh" {...form.getInputProps(`factors.${i}.labelZh`)} />
                <TextInput label={t('credit.scorecard.labelEn')} w={200} maxLength={50} data-testid="scorecard-factor-label-en" {...form.getInputProps(`factors.${i}.labelEn`)} />
                <NumberInput
                  label={t('credit.scorecard.missingPoints')}
                  w={150}
                  allowDecimal={false}
                  clampBehavior="none"
                  data-testid="scorecard-factor-missing"
                  {...form.getInputProps(`factors.${i}.missingPoints`)}
                />
                <Group gap={4} mt={26} ml="auto" wrap="nowrap">
                  <Tooltip label={t('credit.scorecard.moveUp')} withArrow>
                    <ActionIcon variant="subtle" color="gray" disabled={i === 0} onClick={() => form.reorderListItem('factors', { from: i, to: i - 1 })} aria-label={t('credit.scorecard.moveUp')}>
                      <IconArrowUp size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t('credit.scorecard.moveDown')} withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      disabled={i === form.values.factors.length - 1}
                      onClick={() => form.reorderListItem('factors', { from: i, to: i + 1 })}
                      aria-label={t('credit.scorecard.moveDown')}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t('credit.scorecard.removeFactor', { n: i + 1 })} withArrow>
                    <ActionIcon variant="subtle" color="red" onClick={() => form.removeListItem('factors', i)} aria-label={t('credit.scorecard.removeFactor', { n: i + 1 })} data-testid="scorecard-factor-remove">
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Group>
              <Table.ScrollContainer minWidth={820}>
                <Table verticalSpacing={4} horizontalSpacing={6} data-testid="scorecard-bins">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col" w={100}>
                        {t('credit.scorecard.binMin')}
                      </Table.Th>
                      <Table.Th scope="col" w={100}>
                        {t('credit.scorecard.binMax')}
                      </Table.Th>
                      <Table.Th scope="col" w={90}>
                        {t('credit.scorecard.points')}
                      </Table.Th>
                      <Table.Th scope="col">{t('credit.scorecard.reasonZh')}</Table.Th>
                      <Table.Th scope="col">{t('credit.scorecard.reasonEn')}</Table.Th>
                      <Table.Th scope="col" w={40}>
                        <VisuallyHidden>{t('credit.scorecard.removeBin')}</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {factor.bins.map((bin, j) => {
                      const at = `factors.${i}.bins.${j}`;
                      return (
                        <Table.Tr key={bin.id} data-testid="scorecard-bin">
                          <Table.Td>
                            <NumberInput size="xs" placeholder={t('credit.scorecard.open')} aria-label={t('credit.scorecard.binMin')} hideControls clampBehavior="none" {...form.getInputProps(`${at}.min`)} />
                          </Table.Td>
                          <Table.Td>
                            <NumberInput size="xs" placeholder={t('credit.scorecard.open')} aria-label={t('credit.scorecard.binMax')} hideControls clampBehavior="none" {...form.getInputProps(`${at}.max`)} />
                          </Table.Td>
                          <Table.Td>
                            <NumberInput size="xs" aria-label={t('credit.scorecard.points')} {...numberProps} data-testid="scorecard-bin-points" {...form.getInputProps(`${at}.points`)} />
                          </Table.Td>
                          <Table.Td>
                            <TextInput size="xs" aria-label={t('credit.scorecard.reasonZh')} maxLength={200} data-testid="scorecard-bin-reason-zh" {...form.getInputProps(`${at}.reasonZh`)} />
                          </Table.Td>
                          <Table.Td>
                            <TextInput size="xs" aria-label={t('credit.scorecard.reasonEn')} maxLength={200} data-testid="scorecard-bin-reason-en" {...form.getInputProps(`${at}.reasonEn`)} />
                          </Table.Td>
                          <Table.Td>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              size="sm"
                              disabled={factor.bins.length <= 1}
                              onClick={() => form.removeListItem(`factors.${i}.bins`, j)}
                              aria-label={t('credit.scorecard.removeBin')}
                            >
                              <IconTrash size={14} />
                            </ActionIcon>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Button
                variant="subtle"
                size="xs"
                w="fit-content"
                leftSection={<IconPlus size={14} />}
                disabled={factor.bins.length >= MAX_BINS}
                onClick={() => form.insertListItem(`factors.${i}.bins`, emptyBin())}
                data-testid="scorecard-add-bin"
              >
                {t('credit.scorecard.addBin')}
              </Button>
            </Stack>
          </Fieldset>
        ))}

        <Group justify="space-between" gap="sm">
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            disabled={form.values.factors.length >= MAX_FACTORS}
            onClick={() => form.insertListItem('factors', { id: rowId(), key: '', labelZh: '', labelEn: '', missingPoints: 0, bins: [emptyBin()] })}
            data-testid="scorecard-add-factor"
          >
            {t('credit.scorecard.addFactor')}
          </Button>
          <Group gap="sm">
            <Button variant="subtle" color="gray" disabled={!form.isDirty()} onClick={() => form.reset()} data-testid="scorecard-reset">
              {t('credit.scorecard.reset')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="scorecard-save">
              {t('credit.scorecard.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
