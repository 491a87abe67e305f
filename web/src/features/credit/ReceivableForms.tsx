import { Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCash, IconReceipt } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/components.tsx';
import { DayInput } from '../../app/DayInput.tsx';
import { fieldErrors } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import type { Customer } from '../../lib/types.ts';
import { formatMoney } from '../holdings/money.ts';
import { placed } from './CreditForms.tsx';
import { plainAmount } from '../holdings/money.ts';
import { CREDIT_CURRENCY } from './labels.tsx';
import { useAddReceivable, useRecordPayment } from './queries.ts';
import type { Receivable, ReceivableBody } from './types.ts';

const MONEY = /^\d{1,18}(\.\d{1,2})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An amount as people type it ("12,345.60", "12 345.6") as the plain decimal string the API takes ("12345.60"). */

/** Exact cents of a plain decimal string, or null when it is not one. */
function cents(value: string): bigint | null {
  if (!MONEY.test(value)) return null;
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** Today in the user's own time zone, as YYYY-MM-DD. */
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Records a bill the customer owes (credit:adjust), possibly already paid in part. */
export function ReceivableForm({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddReceivable(customer.id);
  const form = useForm({
    initialValues: { externalId: '', amount: '', currency: CREDIT_CURRENCY as string, dueOn: '', paidAmount: '', paidOn: '' },
    validate: {
      externalId: (value) => (value.trim() ? null : t('credit.receivableForm.required')),
      amount: (value, values) => {
        if (!value.trim()) return t('credit.receivableForm.required');
        const n = cents(plainAmount(value, values.currency.trim()));
        return n === null || n <= 0n ? t('credit.receivableForm.invalidAmount') : null;
      },
      currency: (value) => (CURRENCY.test(value.trim().toUpperCase()) ? null : t('credit.receivableForm.invalidCurrency')),
      dueOn: (value) => (DAY.test(value) ? null : t('credit.receivableForm.required')),
      paidAmount: (value, values) => {
        if (!value.trim()) return values.paidOn ? t('credit.receivableForm.paidAmountRequired') : null;
        const paid = cents(plainAmount(value, values.currency.trim()));
        if (paid === null) return t('credit.receivableForm.invalidAmount');
        const amount = cents(plainAmount(values.amount, values.currency.trim()));
        return amount !== null && paid > amount ? t('credit.receivableForm.paidTooMuch') : null;
      },
      paidOn: (value, values) => {
        const paid = cents(plainAmount(values.paidAmount, values.currency.trim()));
        if (!value) return paid !== null && paid > 0n ? t('credit.receivableForm.paidOnRequired') : null;
        return DAY.test(value) ? null : t('credit.receivableForm.required');
      },
    },
  });

  function submit(values: typeof form.values) {
    const body: ReceivableBody = {
      externalId: values.externalId.trim(),
      amount: plainAmount(values.amount, values.currency.trim()),
      currency: values.currency.trim().toUpperCase(),
      dueOn: values.dueOn,
    };
    if (values.paidAmount.trim()) body.paidAmount = plainAmount(values.paidAmount, values.currency.trim());
    if (values.paidOn) body.paidOn = values.paidOn;
    add.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('credit.receivableForm.saved', { externalId: body.externalId }) });
        onClose();
      },
      onError: (error) => form.setErrors(fieldErrors(error)),
    });
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate data-testid="credit-receivable-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('credit.receivableForm.intro')}
        </Text>
        {add.error && !placed(add.error, ['externalId', 'amount', 'currency', 'dueOn', 'paidAmount', 'paidOn']) && <ErrorAlert error={add.error} />}
        <TextInput
          label={t('credit.receivableForm.externalId')}
          description={t('credit.receivableForm.externalIdHint')}
          withAsterisk
          maxLength={100}
          data-autofocus
          data-testid="credit-receivable-external-id"
          {...form.getInputProps('externalId')}
        />
        <Group gap="sm" align="flex-start" wrap="nowrap">
          <TextInput
            label={t('credit.receivableForm.amount')}
            description={t('credit.receivableForm.amountHint')}
            withAsterisk
            inputMode="decimal"
            style={{ flex: 1 }}
            data-testid="credit-receivable-amount"
            {...form.getInputProps('amount')}
          />
          <TextInput label={t('credit.receivableForm.currency')} description=" " w={90} maxLength={3} data-testid="credit-receivable-currency" {...form.getInputProps('currency')} />
        </Group>
        <DayInput label={t('credit.receivableForm.dueOn')} withAsterisk w={200} data-testid="credit-receivable-due" {...form.getInputProps('dueOn')} />
        <Fieldset legend={t('credit.receivableForm.alreadyPaid')} variant="filled" p="sm">
          <Group gap="sm" align="flex-start" wrap="wrap">
            <TextInput
              label={t('credit.receivableForm.paidAmount')}
              inputMode="decimal"
              style={{ flex: '1 1 160px' }}
              data-testid="credit-receivable-paid-amount"
              {...form.getInputProps('paidAmount')}
            />
            <DayInput label={t('credit.receivableForm.paidOn')} max={today()} style={{ flex: '0 1 180px' }} data-testid="credit-receivable-paid-on" {...form.getInputProps('paidOn')} />
          </Group>
        </Fieldset>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending} leftSection={<IconReceipt size={16} />} data-testid="credit-receivable-submit">
            {t('credit.receivableForm.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Records a payment against an open receivable (credit:adjust). */
export function PaymentForm({ customer, receivable, onClose }: { customer: Customer; receivable: Receivable; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const pay = useRecordPayment(customer.id);
  const money = (amount: string) => formatMoney(amount, receivable.currency, format.locale);
  const outstanding = cents(receivable.outstanding);
  const form = useForm({
    initialValues: { amount: '', paidOn: today() },
    validate: {
      amount: (value) => {
        if (!value.trim()) return t('credit.paymentForm.required');
        const n = cents(plainAmount(value, receivable.currency));
        if (n === null || n <= 0n) return t('credit.paymentForm.invalidAmount');
        return outstanding !== null && n > outstanding ? t('credit.paymentForm.tooMuch', { outstanding: money(receivable.outstanding) }) : null;
      },
      paidOn: (value) => (DAY.test(value) ? null : t('credit.paymentForm.required')),
    },
  });

  function submit(values: typeof form.values) {
    pay.mutate(
      { receivableId: receivable.id, body: { amount: plainAmount(values.amount, receivable.currency), paidOn: values.paidOn } },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('credit.paymentForm.saved', { externalId: receivable.externalId }) });
          onClose();
        },
        onError: (error) => form.setErrors(fieldErrors(error)),
      },
    );
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate data-testid="credit-payment-form">
      <Stack gap="sm">
        <Text size="sm" data-testid="credit-payment-summary">
          {t('credit.paymentForm.summary', { externalId: receivable.externalId, outstanding: money(receivable.outstanding), amount: money(receivable.amount) })}
        </Text>
        {pay.error && !placed(pay.error, ['amount', 'paidOn']) && <ErrorAlert error={pay.error} />}
        <TextInput
          label={t('credit.paymentForm.amount')}
          description={t('credit.paymentForm.amountHint')}
          withAsterisk
          inputMode="decimal"
          data-autofocus
          data-testid="credit-payment-amount"
          {...form.getInputProps('amount')}
        />
        <DayInput label={t('credit.paymentForm.paidOn')} withAsterisk max={today()} w={200} data-testid="credit-payment-paid-on" {...form.getInputProps('paidOn')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pay.isPending} leftSection={<IconCash size={16} />} data-testid="credit-payment-submit">
            {t('credit.paymentForm.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
