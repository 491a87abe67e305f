import { useState } from 'react';
import { Alert, Anchor, Badge, Box, Button, Group, List, Modal, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fieldErrors, isApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { useExchangeRates, useRemoveExchangeRate, useSetExchangeRate, type CurrencyWithoutRate, type ExchangeRate } from './queries-rates.ts';

/** 7.10000000 → 7.1: the stored eight decimals without the trailing zeros. */
const plainRate = (rate: string) => (rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate);

type Editing = { currency: string; rate: string; fixed: boolean } | null;

function RateForm({ editing, existing, onDone }: { editing: NonNullable<Editing>; existing: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSetExchangeRate();
  const form = useForm({
    initialValues: { currency: editing.currency, rate: editing.rate },
    validate: {
      currency: (v) => {
        const code = v.normalize('NFKC').trim().toUpperCase();
        if (!/^[A-Z]{3}$/.test(code)) return t('admin.rates.currencyInvalid');
        // Adding a currency that has a rate would overwrite it unseen: it is edited from its row.
        return !editing.fixed && existing.includes(code) ? t('admin.rates.exists', { currency: code }) : null;
      },
      rate: (v) => (v.trim() ? null : t('validation.required')),
    },
  });
  const unplaced = isApiError(save.error) ? save.error.errors.every((e) => !/^(body\.rate|params\.currency)$/.test(e.field)) : Boolean(save.error);
  return (
    <form
      noValidate
      data-testid="rate-form"
      onSubmit={form.onSubmit((values) => {
        const currency = values.currency.normalize('NFKC').trim().toUpperCase();
        save.mutate(
          { currency, rate: values.rate.trim() },
          {
            onSuccess: (saved) => {
              notifications.show({ color: 'teal', message: t('admin.rates.saved', { currency: saved.currency, rate: plainRate(saved.rate) }) });
              onDone();
            },
            onError: (error) => {
              const errors = fieldErrors(error);
              form.setErrors({ rate: errors.rate, currency: errors.currency });
            },
          },
        );
      })}
    >
      <Stack gap="md">
        {save.error && unplaced && <ErrorAlert error={save.error} />}
        <TextInput
          label={t('admin.rates.currency')}
          description={t('admin.rates.currencyHint')}
          withAsterisk
          disabled={editing.fixed}
          data-autofocus={!editing.fixed || undefined}
          data-testid="rate-currency"
          styles={{ input: { textTransform: 'uppercase' } }}
          {...form.getInputProps('currency')}
        />
        <TextInput
          label={t('admin.rates.rate', { currency: form.values.currency.trim().toUpperCase() || '…' })}
          description={t('admin.rates.rateHint')}
          withAsterisk
          inputMode="decimal"
          data-autofocus={editing.fixed || undefined}
          data-testid="rate-value"
          {...form.getInputProps('rate')}
        />
        <Text size="xs" c="dimmed">
          {t('admin.rates.recomputeNote')}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="rate-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A currency's name in the reader's language (US Dollar in English), from the browser's own list. */
function currencyName(code: string, language: string): string | null {
  try {
    const name = new Intl.DisplayNames([language], { type: 'currency' }).of(code);
    return name && name !== code ? name : null;
  } catch {
    return null;
  }
}

/** A currency's code and name, marked when it is the base currency. */
function CurrencyName({ rate }: { rate: ExchangeRate }) {
  const { t, i18n } = useTranslation();
  const name = currencyName(rate.currency, i18n.language);
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" fw={600} className="mono">
        {rate.currency}
      </Text>
      {name && (
        <Text size="sm" c="dimmed" data-testid="rate-currency-name">
          {name}
        </Text>
      )}
      {rate.base && (
        <Badge size="sm" variant="light">
          {t('admin.rates.base')}
        </Badge>
      )}
    </Group>
  );
}

function MissingRates({ missing, canEdit, onSet }: { missing: CurrencyWithoutRate[]; canEdit: boolean; onSet: (currency: string) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const counts = (m: CurrencyWithoutRate) =>
    format.list(
      (['holdings', 'transactions', 'receivables', 'creditLimits'] as const).filter((k) => m[k] > 0).map((k) => t(`admin.rates.used.${k}`, { n: format.number(m[k]) })),
    );
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={t('admin.rates.missingTitle', { count: missing.length, n: format.number(missing.length) })} data-testid="rates-missing">
      <Text size="sm" mb="xs">
        {t('admin.rates.missingBody')}
      </Text>
      <List size="sm" spacing={6}>
        {missing.map((m) => (
          <List.Item key={m.currency} data-testid="rate-missing" data-currency={m.currency}>
            <Group gap="sm" wrap="wrap">
              <Text size="sm" fw={600} className="mono">
                {m.currency}
              </Text>
              <Text size="sm" c="dimmed">
                {currencyName(m.currency, i18n.language)}
              </Text>
              <Text size="sm">{counts(m)}</Text>
              {canEdit && (
                <Button size="compact-xs" variant="light" onClick={() => onSet(m.currency)} data-testid="rate-missing-set">
                  {t('admin.rates.setRate')}
                </Button>
              )}
            </Group>
            <Text size="xs" c="dimmed" data-testid="rate-missing-customers">
              {t('admin.rates.usedBy', { count: m.customers, n: format.number(m.customers) })}
              {m.examples.length > 0 && t('admin.rates.forExample')}
              {m.examples.map((c, i) => (
                <span key={c.id}>
                  {i > 0 && t('admin.rates.exampleSeparator')}
                  <Anchor component={Link} to={`/customers/${c.id}`} size="xs" data-testid="rate-missing-example">
                    {c.name} ({c.code})
                  </Anchor>
                </span>
              ))}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** Edit and remove, beside a rate in the table and in the phone's list. */
function RateActions({ rate, onEdit, onRemove }: { rate: ExchangeRate; onEdit: () => void; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconPencil size={14} />}
        onClick={onEdit}
        aria-label={t('admin.rates.editOf', { currency: rate.currency })}
        data-testid="rate-edit"
      >
        {t('common.edit')}
      </Button>
      <Button
        variant="subtle"
        color="red"
        size="compact-sm"
        leftSection={<IconTrash size={14} />}
        onClick={onRemove}
        aria-label={t('admin.rates.removeOf', { currency: rate.currency })}
        data-testid="rate-remove"
      >
        {t('admin.rates.remove')}
      </Button>
    </Group>
  );
}

export default function ExchangeRatesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const canEdit = can('settings:manage');
  usePageTitle(t('admin.rates.title'));
  const rates = useExchangeRates();
  const remove = useRemoveExchangeRate();
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<ExchangeRate | null>(null);
  const base = rates.data?.base ?? 'CNY';
  // On a phone each rate is a block of lines rather than a table row to swipe along.
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });

  const confirmRemove = () => {
    if (!removing) return;
    remove.mutate(removing.currency, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('admin.rates.removed', { currency: removing.currency }) });
        setRemoving(null);
      },
    });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} fz="h2">
          {t('admin.rates.title')}
        </Title>
        {canEdit && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ currency: '', rate: '', fixed: false })} data-testid="rate-add">
            {t('admin.rates.add')}
          </Button>
        )}
      </Group>
      <Text c="dimmed" size="sm" maw={760}>
        {t('admin.rates.intro', { base })}
      </Text>

      {rates.error && <ErrorAlert error={rates.error} />}
      {rates.data && rates.data.missing.length > 0 && (
        <MissingRates missing={rates.data.missing} canEdit={canEdit} onSet={(currency) => setEditing({ currency, rate: '', fixed: true })} />
      )}

      <Paper withBorder component="section" aria-label={t('admin.rates.title')}>
        {rates.isPending && <PageLoader />}
        {rates.data && phone && (
          <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }} data-testid="rates-table">
            {rates.data.rates.map((r, i) => (
              <Box component="li" key={r.currency} px="md" py="sm" style={i > 0 ? { borderTop: '1px solid var(--mantine-color-default-border)' } : undefined} data-testid="rate-row" data-currency={r.currency}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <CurrencyName rate={r} />
                  {canEdit && !r.base && <RateActions rate={r} onEdit={() => setEditing({ currency: r.currency, rate: plainRate(r.rate), fixed: true })} onRemove={() => setRemoving(r)} />}
                </Group>
                <Text size="sm" mt={2} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="rate-value-cell">
                  {t('admin.rates.oneUnit', { currency: r.currency, rate: plainRate(r.rate), base })}
                </Text>
                {!r.base && (
                  <Text size="xs" c="dimmed" mt={2}>
                    {t('common.labelled', { label: t('admin.rates.updated') })}
                    <span style={{ whiteSpace: 'nowrap' }}>{format.dateTime(r.updatedAt)}</span>
                    {r.updatedByName ? ` · ${r.updatedByName}` : ''}
                  </Text>
                )}
              </Box>
            ))}
          </Stack>
        )}
        {rates.data && !phone && (
          <Table.ScrollContainer minWidth={560}>
            <Table striped verticalSpacing="xs" data-testid="rates-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('admin.rates.currency')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('admin.rates.rateColumn', { base })}
                  </Table.Th>
                  <Table.Th scope="col">{t('admin.rates.updated')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('admin.rates.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rates.data.rates.map((r) => (
                  <Table.Tr key={r.currency} data-testid="rate-row" data-currency={r.currency}>
                    <Table.Td>
                      <CurrencyName rate={r} />
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid="rate-value-cell">
                      {t('admin.rates.oneUnit', { currency: r.currency, rate: plainRate(r.rate), base })}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{r.base ? '—' : format.dateTime(r.updatedAt)}</Text>
                      {!r.base && r.updatedByName && (
                        <Text size="xs" c="dimmed">
                          {r.updatedByName}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }} ta="right">
                      {canEdit && !r.base && <RateActions rate={r} onEdit={() => setEditing({ currency: r.currency, rate: plainRate(r.rate), fixed: true })} onRemove={() => setRemoving(r)} />}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.fixed ? t('admin.rates.editTitle', { currency: editing.currency }) : t('admin.rates.add')} centered>
        {editing && <RateForm key={editing.currency} editing={editing} existing={rates.data?.rates.map((r) => r.currency) ?? []} onDone={() => setEditing(null)} />}
      </Modal>
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t('admin.rates.removeTitle', { currency: removing?.currency ?? '' })} centered>
        <Stack gap="md">
          <Text size="sm">{t('admin.rates.removeBody', { currency: removing?.currency ?? '' })}</Text>
          {remove.error && <ErrorAlert error={remove.error} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={confirmRemove} data-testid="rate-remove-confirm">
              {t('admin.rates.remove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
