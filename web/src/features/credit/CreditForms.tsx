import { Alert, Button, Group, NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCoin, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/components.tsx';
import { fieldErrors, isApiError } from '../../lib/api.ts';
import type { Customer } from '../../lib/types.ts';
import { Points, signedPoints } from './labels.tsx';
import { useRequestAdjustment, useScorecard, useSetLimit } from './queries.ts';
import type { CreditLimit, CustomerCredit } from './types.ts';
import { formatMoney, plainAmount } from '../holdings/money.ts';

const MAX_POINTS = 1000;
const MIN_REASON = 5;

/** Whether every server complaint concerns one of these fields (then they show at the fields). */
export const placed = (error: unknown, fields: string[]) => isApiError(error) && error.errors.length > 0 && error.errors.every((e) => fields.includes(e.field.replace(/^body\./, '')));

/** Asks to move the customer's score; it counts once someone with approval rights approves it. */
export function AdjustmentForm({ customer, credit, onClose }: { customer: Customer; credit: CustomerCredit; onClose: () => void }) {
  const { t } = useTranslation();
  const request = useRequestAdjustment(customer.id);
  const scorecard = useScorecard();
  const form = useForm({
    initialValues: { points: '' as number | string, reason: '' },
    validate: {
      points: (value) => {
        if (value === '' || value === null) return t('credit.request.pointsRequired');
        const n = Number(value);
        if (!Number.isInteger(n) || n < -MAX_POINTS || n > MAX_POINTS) return t('credit.request.pointsRange');
        return n === 0 ? t('credit.request.pointsZero') : null;
      },
      reason: (value) => (!value.trim() ? t('credit.request.reasonRequired') : value.trim().length < MIN_REASON ? t('credit.request.reasonShort', { n: MIN_REASON }) : null),
    },
  });
  const points = Number(form.values.points);
  const score = credit.score;
  const pending = credit.adjustments.filter((a) => a.status === 'pending');
  // The approved adjustment replaces the one in effect, it is not added to it.
  let preview: number | null = null;
  if (score && form.values.points !== '' && Number.isInteger(points) && points !== 0) {
    preview = score.automatic + points;
    if (scorecard.data) preview = Math.min(scorecard.data.max, Math.max(scorecard.data.min, preview));
  }

  function submit(values: typeof form.values) {
    request.mutate(
      { points: Number(values.points), reason: values.reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('credit.request.sent') });
          onClose();
        },
        onError: (error) => form.setErrors(fieldErrors(error)),
      },
    );
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate data-testid="credit-adjustment-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('credit.request.intro')}
        </Text>
        {score && score.adjustment !== 0 && (
          <Text size="sm" data-testid="credit-request-in-effect">
            {t('credit.request.inEffect', { points: signedPoints(score.adjustment) })}
          </Text>
        )}
        {pending.length > 0 && (
          <Alert color="yellow" variant="light" data-testid="credit-request-pending">
            <Text size="sm">{t('credit.request.alreadyPending', { n: pending.length })}</Text>
            <Stack gap={2} mt={4}>
              {pending.map((a) => (
                <Text size="sm" key={a.id}>
                  <Points points={a.points} /> {a.reason}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        {request.error && !placed(request.error, ['points', 'reason']) && <ErrorAlert error={request.error} />}
        <NumberInput
          label={t('credit.request.points')}
          description={t('credit.request.pointsHint', { max: MAX_POINTS })}
          withAsterisk
          allowDecimal={false}
          clampBehavior="none"
          min={-MAX_POINTS}
          max={MAX_POINTS}
          data-autofocus
          data-testid="credit-request-points"
          {...form.getInputProps('points')}
        />
        <Textarea
          label={t('credit.request.reason')}
          description={t('credit.request.reasonHint', { n: MIN_REASON })}
          withAsterisk
          autosize
          minRows={3}
          maxRows={8}
          maxLength={2000}
          data-testid="credit-request-reason"
          {...form.getInputProps('reason')}
        />
        {score && (
          <Text size="sm" data-testid="credit-request-preview">
            {preview === null
              ? t('credit.request.previewNone', { automatic: score.automatic })
              : t('credit.request.preview', { automatic: score.automatic, points: signedPoints(points), final: preview })}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={request.isPending} leftSection={<IconSend size={16} />} data-testid="credit-request-submit">
            {t('credit.request.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const MONEY = /^\d{1,18}(\.\d{1,2})?$/;
const CURRENCY = /^[A-Z]{3}$/;
/** A currency code as typed (full-width letters, any case) as the API takes it. */
const typedCurrency = (value: string) => value.normalize('NFKC').trim().toUpperCase();

/** Sets the customer's credit limit (credit:approve). */
export function LimitForm({ customer, limit, onClose }: { customer: Customer; limit: CreditLimit | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const save = useSetLimit(customer.id);
  const form = useForm({
    initialValues: { amount: limit?.amount ?? '', currency: limit?.currency ?? 'CNY' },
    // Thousands separators as people type them are accepted and dropped.
    transformValues: (values) => ({ amount: plainAmount(values.amount, typedCurrency(values.currency)), currency: typedCurrency(values.currency) }),
    validate: {
      amount: (value, values) => (!value.trim() ? t('validation.required') : MONEY.test(plainAmount(value, typedCurrency(values.currency))) ? null : t('credit.limitForm.invalidAmount')),
      currency: (value) => (CURRENCY.test(value.trim().toUpperCase()) ? null : t('credit.limitForm.invalidCurrency')),
    },
  });
  // How the amount was read (100 thousand written with wan and yuan: ¥100,000.00) is said under the field, before it is saved.
  const currency = typedCurrency(form.values.currency);
  const read = plainAmount(form.values.amount, currency);
  const understood = MONEY.test(read) && read !== form.values.amount.trim() && CURRENCY.test(currency) ? formatMoney(read, currency, i18n.language) : null;
  return (
    <form
      noValidate
      data-testid="credit-limit-form"
      onSubmit={form.onSubmit((values) =>
        save.mutate(values, {
          onSuccess: () => {
            notifications.show({ color: 'teal', message: t('credit.limitForm.saved') });
            onClose();
          },
          onError: (error) => form.setErrors(fieldErrors(error)),
        }),
      )}
    >
      <Stack gap="sm">
        {save.error && !placed(save.error, ['amount', 'currency']) && <ErrorAlert error={save.error} />}
        <Group gap="sm" align="flex-start" wrap="nowrap">
          <TextInput
            label={t('credit.limitForm.amount')}
            description={understood ? <span data-testid="credit-limit-understood">{t('credit.limitForm.understood', { amount: understood })}</span> : t('credit.limitForm.amountHint')}
            withAsterisk
            inputMode="decimal"
            style={{ flex: 1 }}
            data-autofocus
            data-testid="credit-limit-amount-input"
            {...form.getInputProps('amount')}
          />
          <TextInput label={t('credit.limitForm.currency')} description=" " w={90} maxLength={3} data-testid="credit-limit-currency" {...form.getInputProps('currency')} />
        </Group>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} leftSection={<IconCoin size={16} />} data-testid="credit-limit-submit">
            {t('credit.limitForm.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
