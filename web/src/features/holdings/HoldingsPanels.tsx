import { useState } from 'react';
import { Badge, Button, CloseButton, EmptyState, Group, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowsExchange, IconSearch, IconWallet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.ts';
import { fieldErrors } from '../../lib/api.ts';
import { ErrorAlert } from '../../app/components.tsx';
import { DayInput } from '../../app/DayInput.tsx';
import type { CustomerPanelProps } from '../customers/panels.ts';
import { formatMoney, formatTransactionAmount, isNegative, maskAccount } from './money.ts';
import type { Holding, Transaction } from '../../lib/types.ts';
import { useHoldings, useTransactions, type TransactionFilter } from './queries.ts';

const KIND_COLORS: Record<string, string> = {
  deposit: 'teal',
  loan: 'orange',
  mortgage: 'grape',
  credit_card: 'blue',
  debit_card: 'cyan',
  insurance: 'indigo',
  investment: 'violet',
  service_contract: 'lime',
  membership: 'pink',
};
const STATUS_COLORS: Record<string, string> = { active: 'teal', dormant: 'orange', closed: 'gray' };

function PanelSkeleton() {
  return (
    <Stack gap="xs" aria-busy>
      <Skeleton height={18} />
      <Skeleton height={18} />
      <Skeleton height={18} width="70%" />
    </Stack>
  );
}

function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={KIND_COLORS[kind] ?? 'gray'} miw="max-content">
      {t(`holdings.kind.${kind}` as 'holdings.kind.deposit', { defaultValue: kind })}
    </Badge>
  );
}

function Money({ amount, currency, testId }: { amount: string | null; currency: string; testId?: string }) {
  const { i18n } = useTranslation();
  if (amount === null) {
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Text span size="sm" ff="monospace" c={isNegative(amount) ? 'red' : undefined} style={{ whiteSpace: 'nowrap' }} data-testid={testId} title={`${amount} ${currency}`}>
      {formatMoney(amount, currency, i18n.language)}
    </Text>
  );
}

/**
 * An account or card number: whole, as the bank's file writes it, so a clerk can check it against
 * the file; •••• 2642 when the server masked it for the reader's roles (they mask ID numbers).
 */
function AccountNumber({ value, masked, testId }: { value: string; masked: boolean; testId: string }) {
  const { t } = useTranslation();
  if (!masked) {
    return (
      <Text span inherit className="mono" data-testid={testId} data-masked="false">
        {value}
      </Text>
    );
  }
  return (
    <Text span inherit className="mono" title={t('customer.maskedHint')} aria-label={t('holdings.accountEnding', { last4: value.slice(-4) })} data-testid={testId} data-masked="true">
      {maskAccount(value)}
    </Text>
  );
}

function HoldingRow({ holding }: { holding: Holding }) {
  const { t } = useTranslation();
  const format = useFormat();
  const closed = holding.status === 'closed';
  const day = (value: string | null) => format.date(value) || '—';
  return (
    <Table.Tr data-testid="holding-row" data-kind={holding.kind} data-status={holding.status} c={closed ? 'dimmed' : undefined}>
      <Table.Td miw={180}>
        <Group gap={6} wrap="wrap" mb={2}>
          <KindBadge kind={holding.kind} />
          <Badge variant="dot" size="sm" color={STATUS_COLORS[holding.status] ?? 'gray'} miw="max-content" data-testid="holding-status">
            {t(`holdings.status.${holding.status}` as 'holdings.status.active', { defaultValue: holding.status })}
          </Badge>
        </Group>
        <Text size="sm" fw={500}>
          {holding.productName ?? holding.productCode ?? '—'}
        </Text>
        <Text size="xs" c="dimmed">
          <AccountNumber value={holding.externalId} masked={holding.masked.includes('externalId')} testId="holding-account" />
          {holding.productName && holding.productCode ? ` · ${holding.productCode}` : ''}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Money amount={holding.balance} currency={holding.currency} testId="holding-balance" />
      </Table.Td>
      <Table.Td ta="right">
        <Money amount={holding.creditLimit} currency={holding.currency} testId="holding-limit" />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{day(holding.openedOn)}</Text>
        {(holding.maturesOn || holding.closedOn) && (
          <Text size="xs" c="dimmed">
            {holding.closedOn ? t('holdings.closedOn', { date: day(holding.closedOn) }) : t('holdings.maturesOn', { date: day(holding.maturesOn) })}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Accounts, cards, loans and contracts the customer holds, as the business systems last reported them. */
export function HoldingsPanel({ customer }: CustomerPanelProps) {
  const { t } = useTranslation();
  const holdings = useHoldings(customer.id);
  if (holdings.isPending) return <PanelSkeleton />;
  if (holdings.error) return <ErrorAlert error={holdings.error} />;
  if (holdings.data.length === 0) {
    return <EmptyState py="md" icon={<IconWallet size={24} />} title={t('holdings.empty')} description={t('holdings.emptyHint')} data-testid="holdings-empty" />;
  }
  return (
    <Table.ScrollContainer minWidth={500}>
      <Table verticalSpacing="xs" highlightOnHover data-testid="holdings-table">
        <Table.Thead>
          <Table.Tr>
            {(['product', 'balance', 'creditLimit', 'openedOn'] as const).map((key) => (
              <Table.Th key={key} scope="col" ta={key === 'balance' || key === 'creditLimit' ? 'right' : undefined} style={{ whiteSpace: 'nowrap' }}>
                {t(`holdings.columns.${key}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {holdings.data.map((holding) => (
            <HoldingRow key={holding.id} holding={holding} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TransactionRow({ tx }: { tx: Transaction }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const credit = tx.direction === 'credit';
  return (
    <Table.Tr data-testid="transaction-row" data-direction={tx.direction}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" component="time" dateTime={tx.occurredAt}>
          {format.dateTime(tx.occurredAt)}
        </Text>
        {tx.accountNumber && (
          <Text size="xs" c="dimmed">
            <AccountNumber value={tx.accountNumber} masked={tx.masked.includes('accountNumber')} testId="transaction-account" />
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        <Text
          span
          size="sm"
          ff="monospace"
          fw={600}
          c={credit ? 'teal.8' : undefined}
          aria-label={t(credit ? 'holdings.transactions.creditOf' : 'holdings.transactions.debitOf', { amount: formatMoney(tx.amount, tx.currency, i18n.language) })}
          data-testid="transaction-amount"
        >
          {formatTransactionAmount(tx.amount, tx.currency, tx.direction, i18n.language)}
        </Text>
      </Table.Td>
      <Table.Td miw={120}>
        <Text size="sm">{tx.merchant ?? '—'}</Text>
        {(tx.channel || tx.category) && (
          <Text size="xs" c="dimmed">
            {[tx.channel, tx.category].filter(Boolean).join(' · ')}
          </Text>
        )}
      </Table.Td>
      <Table.Td miw={120}>
        <Text size="sm" lineClamp={2}>
          {tx.description ?? ''}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** Days and text that narrow the transactions; the server does the filtering, every page with the same filter. */
function TransactionFilters({ from, to, text, onChange, error }: { from: string; to: string; text: string; onChange: (next: { from?: string; to?: string; text?: string }) => void; error: unknown }) {
  const { t } = useTranslation();
  const errors = fieldErrors(error);
  const any = from || to || text;
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" data-testid="transactions-filters">
      <DayInput size="xs" w={160} label={t('holdings.transactions.filters.from')} value={from} max={to} error={errors.from} onChange={(day) => onChange({ from: day })} data-testid="transactions-from" />
      <DayInput size="xs" w={160} label={t('holdings.transactions.filters.to')} value={to} min={from} error={errors.to} onChange={(day) => onChange({ to: day })} data-testid="transactions-to" />
      <TextInput
        size="xs"
        miw={180}
        style={{ flex: 1 }}
        label={t('holdings.transactions.filters.q')}
        placeholder={t('holdings.transactions.filters.qPlaceholder')}
        leftSection={<IconSearch size={14} />}
        value={text}
        maxLength={100}
        error={errors.q}
        onChange={(event) => onChange({ text: event.currentTarget.value })}
        rightSection={text ? <CloseButton size="sm" aria-label={t('holdings.transactions.filters.clearText')} onClick={() => onChange({ text: '' })} /> : undefined}
        data-testid="transactions-q"
      />
      {any && (
        <Button variant="subtle" size="xs" onClick={() => onChange({ from: '', to: '', text: '' })} data-testid="transactions-clear">
          {t('holdings.transactions.filters.clear')}
        </Button>
      )}
    </Group>
  );
}

/** The customer's booked transactions, newest first, a page at a time, narrowed by days and text. */
export function TransactionsPanel({ customer }: CustomerPanelProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [dates, setDates] = useState({ from: '', to: '' });
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const filter: TransactionFilter = { from: dates.from || undefined, to: dates.to || undefined, q: q || undefined };
  const filtered = !!(filter.from || filter.to || filter.q);
  const transactions = useTransactions(customer.id, filter);
  const items = transactions.data?.pages.flatMap((page) => page.items) ?? [];
  const onChange = (next: { from?: string; to?: string; text?: string }) => {
    if (next.from !== undefined || next.to !== undefined) setDates((d) => ({ from: next.from ?? d.from, to: next.to ?? d.to }));
    if (next.text !== undefined) setText(next.text);
  };
  if (transactions.isPending) return <PanelSkeleton />;
  // No transactions at all: nothing to filter.
  if (items.length === 0 && !filtered && !text && !transactions.error) {
    return (
      <EmptyState
        py="md"
        icon={<IconArrowsExchange size={24} />}
        title={t('holdings.transactions.empty')}
        description={t('holdings.transactions.emptyHint')}
        data-testid="transactions-empty"
      />
    );
  }
  return (
    <Stack gap="sm">
      <TransactionFilters from={dates.from} to={dates.to} text={text} onChange={onChange} error={transactions.error} />
      {transactions.error && <ErrorAlert error={transactions.error} />}
      {items.length === 0 && !transactions.error ? (
        <EmptyState
          py="md"
          icon={<IconSearch size={24} />}
          title={t('holdings.transactions.noMatch')}
          description={t('holdings.transactions.noMatchHint')}
          data-testid="transactions-no-match"
        />
      ) : (
        items.length > 0 && (
          <Table.ScrollContainer minWidth={500}>
            <Table verticalSpacing="xs" highlightOnHover data-testid="transactions-table" style={{ opacity: transactions.isPlaceholderData ? 0.6 : undefined }}>
              <Table.Thead>
                <Table.Tr>
                  {(['time', 'amount', 'merchant', 'description'] as const).map((key) => (
                    <Table.Th key={key} scope="col" ta={key === 'amount' ? 'right' : undefined} style={{ whiteSpace: 'nowrap' }}>
                      {t(`holdings.transactions.columns.${key}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((tx) => (
                  <TransactionRow key={tx.id} tx={tx} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      )}
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="transactions-count">
          {t('holdings.transactions.shown', { n: format.number(items.length) })}
        </Text>
        {transactions.hasNextPage && !transactions.isPlaceholderData && (
          <Button variant="default" size="xs" onClick={() => void transactions.fetchNextPage()} loading={transactions.isFetchingNextPage} data-testid="transactions-more">
            {t('holdings.transactions.more')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
