import { useRef, useState } from 'react';
import { ActionIcon, Alert, Button, Fieldset, Grid, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/components.tsx';
import { isApiError } from '../../lib/api.ts';
import { HOLDING_KINDS, TIER_COLORS, useValueLabels } from './labels.tsx';
import { useSaveValueSettings } from './queries.ts';
import type { ValueSettings } from './types.ts';

type Num = number | string;

interface FormValues {
  windowDays: Num;
  /** In percent, as people write margins; the server takes fractions. */
  rates: { kind: string; percent: Num }[];
  transactionRate: Num;
  tiers: { id: string; key: string; minContribution: Num }[];
  paretoShare: Num;
}

const MAX_TIERS = 10;
/** What the server accepts, in the percent the form shows: its range messages are in fractions. */
const PERCENT_RANGES: Record<string, [number, number]> = { rates: [-100, 100], transactionRate: [0, 100], paretoShare: [5, 99] };

// Rounded so 0.07 shows as 7, not 7.000000000000001, and 7 goes back as 0.07.
const toPercent = (share: number) => Number((share * 100).toFixed(8));
const toShare = (percent: number) => Number((percent / 100).toFixed(10));
const isBlank = (value: Num) => value === '' || value === null || value === undefined;

let nextId = 0;
const tierId = () => `tier-${++nextId}`;

function toForm(settings: ValueSettings): FormValues {
  const kinds = [...HOLDING_KINDS, ...Object.keys(settings.holdingRates).filter((k) => !(HOLDING_KINDS as readonly string[]).includes(k))];
  return {
    windowDays: settings.windowDays,
    rates: kinds.map((kind) => ({ kind, percent: settings.holdingRates[kind] === undefined ? '' : toPercent(settings.holdingRates[kind]) })),
    transactionRate: toPercent(settings.transactionRate),
    tiers: settings.tiers.map((tier) => ({ id: tierId(), key: tier.key, minContribution: tier.minContribution })),
    paretoShare: toPercent(settings.paretoShare),
  };
}

/** The formula from the form; the matrix, rules and lifetime value (edited in their own cards) as saved. */
function fromForm(values: FormValues, saved: ValueSettings): ValueSettings {
  return {
    ...saved,
    windowDays: Number(values.windowDays),
    // A kind left empty earns nothing, as before: it is left out rather than sent as 0.
    holdingRates: Object.fromEntries(values.rates.filter((r) => !isBlank(r.percent)).map((r) => [r.kind, toShare(Number(r.percent))])),
    transactionRate: toShare(Number(values.transactionRate)),
    tiers: values.tiers.map((tier) => ({ key: tier.key.trim(), minContribution: Number(tier.minContribution) })),
    paretoShare: toShare(Number(values.paretoShare)),
  };
}

/** The formula's settings, with the server's complaints shown at the fields they concern. */
export function SettingsForm({ settings }: { settings: ValueSettings }) {
  const { t } = useTranslation();
  const labels = useValueLabels();
  const save = useSaveValueSettings();
  const [failure, setFailure] = useState<unknown>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const form = useForm<FormValues>({
    initialValues: toForm(settings),
    validate: {
      windowDays: (value) => (isBlank(value) ? t('value.settings.required') : null),
      transactionRate: (value) => (isBlank(value) ? t('value.settings.required') : null),
      paretoShare: (value) => (isBlank(value) ? t('value.settings.required') : null),
      tiers: {
        key: (value, values, path) => {
          if (!value.trim()) return t('value.settings.required');
          const index = Number(path.split('.')[1]);
          return values.tiers.some((tier, i) => i < index && tier.key.trim() === value.trim()) ? t('value.settings.duplicateTier') : null;
        },
        minContribution: (value) => (isBlank(value) ? t('value.settings.required') : null),
      },
    },
  });

  /** A server path (body.holdingRates.deposit) as the form's (rates.0.percent), with a message in the form's units. */
  function place(field: string, code: string | undefined, message: string): [string, string] | null {
    const path = field.replace(/^body\.?/, '');
    const parts = path.split('.');
    let target: string | null = null;
    if (parts[0] === 'holdingRates' && parts[1]) {
      const index = form.values.rates.findIndex((r) => r.kind === parts[1]);
      if (index >= 0) target = `rates.${index}.percent`;
    } else if (['windowDays', 'transactionRate', 'paretoShare', 'tiers'].includes(parts[0]!)) {
      target = path;
    }
    if (!target) return null;
    const range = PERCENT_RANGES[target.split('.')[0]!];
    if (range && (code === 'field.too_small' || code === 'field.too_big')) return [target, t('value.settings.percentRange', { min: range[0], max: range[1] })];
    return [target, message];
  }

  function submit(values: FormValues) {
    setFailure(null);
    save.mutate(fromForm(values, settings), {
      onSuccess: (saved) => {
        const next = toForm(saved);
        form.setInitialValues(next);
        form.setValues(next);
        notifications.show({ color: 'teal', message: t('value.settings.saved') });
      },
      onError: (error) => {
        const placed: Record<string, string> = {};
        const unplaced: unknown[] = [];
        if (isApiError(error)) {
          for (const problem of error.errors) {
            const spot = place(problem.field, problem.code, problem.message);
            if (spot && !(spot[0] in placed)) placed[spot[0]] = spot[1];
            else if (!spot) unplaced.push(problem);
          }
        }
        form.setErrors(placed);
        setFailure(!isApiError(error) || error.errors.length === 0 || unplaced.length > 0 ? error : 'fields');
        requestAnimationFrame(() => summaryRef.current?.focus());
      },
    });
  }

  const percentInput = (path: string, label: string, description?: string, testId?: string) => (
    <NumberInput
      label={label}
      description={description}
      suffix=" %"
      decimalScale={4}
      clampBehavior="none"
      hideControls
      data-testid={testId}
      {...form.getInputProps(path)}
    />
  );

  return (
    <form noValidate onSubmit={form.onSubmit(submit, () => setFailure(null))} data-testid="value-settings-form">
      <Stack gap="md">
        {failure !== null && (
          <div ref={summaryRef} tabIndex={-1}>
            {failure === 'fields' ? (
              <Alert color="red" variant="light" role="alert" title={t('value.settings.invalid')}>
                {t('value.settings.fixFields')}
              </Alert>
            ) : (
              <ErrorAlert error={failure} />
            )}
          </div>
        )}

        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <NumberInput
            label={t('value.settings.windowDays')}
            description={t('value.settings.windowDaysHint')}
            allowDecimal={false}
            clampBehavior="none"
            hideControls
            data-testid="value-setting-windowDays"
            {...form.getInputProps('windowDays')}
          />
          {percentInput('transactionRate', t('value.settings.transactionRate'), t('value.settings.transactionRateHint'), 'value-setting-transactionRate')}
          {percentInput('paretoShare', t('value.settings.paretoShare'), t('value.settings.paretoShareHint'), 'value-setting-paretoShare')}
        </SimpleGrid>

        <Fieldset legend={t('value.settings.holdingRates')} variant="filled">
          <Text size="xs" c="dimmed" mb="sm">
            {t('value.settings.holdingRatesHint')}
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm">
            {form.values.rates.map((rate, i) => (
              <NumberInput
                key={rate.kind}
                label={labels.holdingKind(rate.kind)}
                placeholder="0"
                suffix=" %"
                decimalScale={4}
                clampBehavior="none"
                hideControls
                data-testid={`value-setting-rate-${rate.kind}`}
                {...form.getInputProps(`rates.${i}.percent`)}
              />
            ))}
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('value.settings.tiers')} variant="filled" data-testid="value-setting-tiers">
          <Text size="xs" c="dimmed">
            {t('value.settings.tiersHint')}
          </Text>
          <Text size="xs" c="dimmed" mb="sm">
            {t('value.settings.tiersFieldsHint')}
          </Text>
          <Stack gap="xs">
            {form.values.tiers.map((tier, i) => {
              const known = TIER_COLORS[tier.key.trim()] ? labels.tier(tier.key.trim()) : undefined;
              return (
                <Grid key={tier.id} gap="xs" align="flex-start" data-testid="value-tier-edit">
                  <Grid.Col span={{ base: 6, sm: 5 }}>
                    <TextInput
                      label={i === 0 ? t('value.settings.tierKey') : undefined}
                      aria-label={t('value.settings.tierKeyOf', { n: i + 1 })}
                      rightSection={known ? <Text size="xs" c="dimmed">{known}</Text> : undefined}
                      rightSectionWidth={known ? 56 : undefined}
                      data-testid={`value-tier-key-${i}`}
                      {...form.getInputProps(`tiers.${i}.key`)}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, sm: 5 }}>
                    <NumberInput
                      label={i === 0 ? t('value.settings.tierMin') : undefined}
                      aria-label={t('value.settings.tierMinOf', { n: i + 1 })}
                      prefix="¥"
                      thousandSeparator=","
                      decimalScale={2}
                      clampBehavior="none"
                      hideControls
                      data-testid={`value-tier-min-${i}`}
                      {...form.getInputProps(`tiers.${i}.minContribution`)}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 2 }} pt={{ base: 0, sm: i === 0 ? 32 : 8 }}>
                    <Group gap={2} wrap="nowrap" justify="flex-end">
                      <Tooltip label={t('value.settings.moveUp')} withArrow>
                        <ActionIcon variant="subtle" color="gray" disabled={i === 0} onClick={() => form.reorderListItem('tiers', { from: i, to: i - 1 })} aria-label={t('value.settings.moveUpOf', { n: i + 1 })} data-testid={`value-tier-up-${i}`}>
                          <IconArrowUp size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('value.settings.moveDown')} withArrow>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          disabled={i === form.values.tiers.length - 1}
                          onClick={() => form.reorderListItem('tiers', { from: i, to: i + 1 })}
                          aria-label={t('value.settings.moveDownOf', { n: i + 1 })}
                          data-testid={`value-tier-down-${i}`}
                        >
                          <IconArrowDown size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('value.settings.removeTier')} withArrow>
                        <ActionIcon variant="subtle" color="red" onClick={() => form.removeListItem('tiers', i)} aria-label={t('value.settings.removeTierOf', { n: i + 1 })} data-testid={`value-tier-remove-${i}`}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Grid.Col>
                </Grid>
              );
            })}
            {form.values.tiers.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('value.settings.noTiers')}
              </Text>
            )}
            {typeof form.errors.tiers === 'string' && (
              <Text size="sm" c="red">
                {form.errors.tiers}
              </Text>
            )}
            <Group>
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                disabled={form.values.tiers.length >= MAX_TIERS}
                onClick={() => form.insertListItem('tiers', { id: tierId(), key: '', minContribution: '' })}
                data-testid="value-tier-add"
              >
                {t('value.settings.addTier')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => { form.reset(); form.clearErrors(); setFailure(null); }} disabled={!form.isDirty()} data-testid="value-settings-reset">
            {t('value.settings.reset')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="value-settings-save">
            {t('value.settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
