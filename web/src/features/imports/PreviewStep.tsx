import { useMemo, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Fieldset, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format.ts';
import type { ImportPreview, ImportTarget, OrgUnit } from '../../lib/types.ts';
import { orgUnitLabel } from '../../app/components.tsx';
import { useOrgUnits } from '../customers/queries.ts';
import { formatMoney, formatTransactionAmount } from '../holdings/money.ts';
import { useFieldLabel } from './labels.tsx';
import type { ImportSettings } from './MappingStep.tsx';
import { RowErrorsTable } from './RunSummary.tsx';

export const ACTION_COLORS: Record<string, string> = { insert: 'teal', update: 'blue', unchanged: 'gray', quarantine: 'orange' };
const ACTIONS = ['insert', 'update', 'unchanged', 'quarantine'] as const;

/** Fields whose stored codes have names in the catalogue, per target. */
const CODED: Record<ImportTarget, Record<string, string>> = {
  customers: { kind: 'customer.kind', gender: 'customer.gender', idType: 'customer.idType', size: 'customer.size', status: 'customer.status' },
  holdings: { kind: 'holdings.kind', status: 'holdings.status' },
  transactions: { direction: 'holdings.transactions.direction' },
  customer_tags: {},
};
const AMOUNTS = new Set(['balance', 'creditLimit', 'amount']);
const DAYS = new Set(['birthDate', 'openedOn', 'maturesOn', 'closedOn']);
/** Shown for customers when the server filled them in (from the ID number, or by default), mapped or not. */
const DERIVED_CUSTOMER = ['kind', 'gender', 'birthDate', 'status'];

type Row = ImportPreview['rows'][number];

/** The control totals as typed: a row count and an amount sum, both optional. */
export interface ControlInput {
  rows: string;
  amountSum: string;
}
export type ControlErrors = Partial<Record<keyof ControlInput, string>>;
export const NO_CONTROL: ControlInput = { rows: '', amountSum: '' };

/** Whether a target has an amount column whose sum a control record can give. */
export const hasAmountSum = (target: ImportTarget) => target === 'transactions' || target === 'holdings';

/** An amount as a control report writes it (1,234.56, ¥1,234.56, full-width digits), as a plain number. */
const cleanAmount = (text: string) => text.normalize('NFKC').replace(/[\s,¥$]/g, '');

/** The control totals of the request, or undefined when none were typed. */
export function controlTotals(control: ControlInput, target: ImportTarget): { rows?: number; amountSum?: string } | undefined {
  const rows = control.rows.trim();
  const amount = hasAmountSum(target) ? cleanAmount(control.amountSum) : '';
  if (!rows && !amount) return undefined;
  return { ...(rows ? { rows: Number(rows) } : {}), ...(amount ? { amountSum: amount } : {}) };
}

/** What is wrong with the typed control totals, before asking the server. */
export function controlErrors(control: ControlInput, target: ImportTarget, t: (key: 'imports.control.rowsInvalid' | 'imports.control.amountInvalid') => string): ControlErrors {
  const errors: ControlErrors = {};
  const rows = control.rows.trim();
  if (rows && !/^\d{1,10}$/.test(rows)) errors.rows = t('imports.control.rowsInvalid');
  const amount = cleanAmount(control.amountSum);
  if (hasAmountSum(target) && amount && !/^-?\d{1,20}(\.\d{1,10})?$/.test(amount)) errors.amountSum = t('imports.control.amountInvalid');
  return errors;
}

/** The optional control totals, asked for just before the import starts. */
function ControlFields({ target, control, errors, onChange }: { target: ImportTarget; control: ControlInput; errors: ControlErrors; onChange: (next: ControlInput) => void }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('imports.control.title')} data-testid="control-totals">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('imports.control.hint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('imports.control.rows')}
            description={t('imports.control.rowsHint')}
            inputMode="numeric"
            value={control.rows}
            onChange={(event) => onChange({ ...control, rows: event.currentTarget.value })}
            error={errors.rows}
            data-testid="control-rows"
          />
          {hasAmountSum(target) && (
            <TextInput
              label={t('imports.control.amountSum')}
              description={t(target === 'holdings' ? 'imports.control.amountSumHint.holdings' : 'imports.control.amountSumHint.transactions')}
              inputMode="decimal"
              value={control.amountSum}
              onChange={(event) => onChange({ ...control, amountSum: event.currentTarget.value })}
              error={errors.amountSum}
              data-testid="control-amount"
            />
          )}
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}

/** Which value a preview column shows: fields as mapped, with the customer reference and org unit resolved. */
function previewColumns(settings: ImportSettings, headers: string[]): string[] {
  const keys: string[] = [];
  const add = (key: string) => !keys.includes(key) && keys.push(key);
  if (settings.target !== 'customers') add('customer');
  for (const column of headers) {
    const field = settings.mapping[column];
    if (!field) continue;
    if (field === 'customerCode' || field === 'customerExternalId') add('customer');
    else if (field === 'orgUnitCode') add('orgUnit');
    else if (field === 'ownerUsername') add('owner');
    else add(field);
  }
  if (settings.target === 'customers') {
    for (const key of DERIVED_CUSTOMER) add(key);
    add('orgUnit');
  }
  return keys;
}

type CustomerLabel = ImportPreview['customers'][number];
type OwnerLabel = ImportPreview['owners'][number];

function PreviewCell({
  row,
  column,
  target,
  units,
  customers,
  owners,
}: {
  row: Row;
  column: string;
  target: ImportTarget;
  units: OrgUnit[];
  customers: Map<number, CustomerLabel>;
  owners: Map<number, OwnerLabel>;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const values = row.values;
  const empty = (
    <Text span c="dimmed" size="sm">
      —
    </Text>
  );
  let content: ReactNode = empty;
  if (column === 'customer') {
    const id = values.customerId;
    const reference = values.customerCode ?? values.customerExternalId;
    if (typeof id === 'number') {
      const known = customers.get(id);
      content = (
        <Anchor component={Link} to={`/customers/${id}`} target="_blank" size="sm">
          {known ? t('imports.preview.customerNamed', { name: known.name, code: known.code }) : t('imports.preview.customerId', { id })}
        </Anchor>
      );
    } else if (reference !== undefined && reference !== null) content = String(reference);
  } else if (column === 'orgUnit') {
    const unit = units.find((u) => u.id === values.orgUnitId);
    if (unit) content = orgUnitLabel(unit, i18n.language);
  } else if (column === 'owner') {
    const owner = typeof values.ownerId === 'number' ? owners.get(values.ownerId) : undefined;
    if (owner) content = t('imports.preview.ownerNamed', { name: owner.displayName, username: owner.username });
  } else {
    const value = column.startsWith('custom.')
      ? (values.custom as Record<string, unknown> | undefined)?.[column.slice(7)]
      : column.startsWith('contact.')
        ? (values.contact as Record<string, unknown> | null | undefined)?.[column.slice(8)]
        : values[column];
    const coded = CODED[target][column];
    if (value === null || value === undefined || value === '') content = empty;
    else if (AMOUNTS.has(column) && typeof value === 'string') {
      const currency = typeof values.currency === 'string' ? values.currency : 'CNY';
      // A transaction's amount is stored without its sign, which its direction carries: shown as a movement, as on the customer page.
      content = column === 'amount' ? formatTransactionAmount(value, currency, values.direction, i18n.language) : formatMoney(value, currency, i18n.language);
    }
    else if (DAYS.has(column) && typeof value === 'string') content = format.date(value);
    else if (column === 'occurredAt' && typeof value === 'string') content = format.dateTime(value);
    else if (coded && typeof value === 'string') content = t(`${coded}.${value}` as 'customer.kind.individual', { defaultValue: value });
    else if (typeof value === 'boolean') content = value ? t('common.yes') : t('common.no');
    else if (Array.isArray(value)) content = value.map(String).join(', ');
    else content = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return (
    <Table.Td style={{ whiteSpace: 'nowrap', maxWidth: 280, overflow: 'hidden', textOverflow: 'ellipsis' }} data-column={column}>
      {content}
    </Table.Td>
  );
}

/** Step 3: the first rows as they would be stored, what each would do, and what is wrong. */
export function PreviewStep({
  preview,
  settings,
  headers,
  control,
  controlErrors: controlProblems,
  onControlChange,
}: {
  preview: ImportPreview;
  settings: ImportSettings;
  headers: string[];
  control: ControlInput;
  controlErrors: ControlErrors;
  onControlChange: (next: ControlInput) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useFieldLabel();
  const units = useOrgUnits();
  const columns = useMemo(() => previewColumns(settings, headers), [settings, headers]);
  const customers = useMemo(() => new Map(preview.customers.map((c) => [c.id, c])), [preview.customers]);
  const owners = useMemo(() => new Map(preview.owners.map((o) => [o.id, o])), [preview.owners]);
  const badRows = new Set(preview.errors.map((e) => e.rowNo)).size;
  const counts = ACTIONS.map((action) => [action, preview.rows.filter((r) => r.action === action).length] as const).filter(([, n]) => n > 0);
  const quarantined = preview.rows.filter((r) => r.action === 'quarantine').length;
  const heading = (column: string) =>
    column === 'customer' ? t('imports.preview.customer') : column === 'orgUnit' ? t('customer.fields.orgUnit') : column === 'owner' ? t('customer.fields.owner') : label(settings.target, column);

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('imports.preview.intro')}
      </Text>
      <Group gap="xs" data-testid="preview-summary">
        {counts.map(([action, n]) => (
          <Badge key={action} color={ACTION_COLORS[action]} variant="light" size="lg" tt="none" data-testid={`preview-${action}`}>
            {t(`imports.actions.${action}`)} {format.number(n)}
          </Badge>
        ))}
        {badRows > 0 && (
          <Badge color="red" variant="light" size="lg" tt="none" data-testid="preview-bad">
            {t('imports.preview.badRows', { n: format.number(badRows) })}
          </Badge>
        )}
      </Group>
      {badRows === 0 && quarantined === 0 ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} data-testid="preview-clean">
          {t('imports.preview.clean')}
        </Alert>
      ) : badRows === 0 ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="preview-quarantined-notice">
          {t('imports.preview.cleanButQuarantined', { n: format.number(quarantined) })}
        </Alert>
      ) : (
        <Alert color={settings.policy === 'reject_file' ? 'orange' : 'yellow'} variant="light" icon={<IconAlertTriangle size={18} />} data-testid="preview-warning">
          {settings.policy === 'reject_file' ? t('imports.preview.willReject') : t('imports.preview.willSkip')}
        </Alert>
      )}
      {quarantined > 0 && (
        <Text size="sm" c="dimmed">
          {t('imports.preview.quarantineHint')}
        </Text>
      )}

      {preview.rows.length > 0 && (
        <Stack gap={6}>
          <Title order={3} fz="h5">
            {t('imports.preview.rows')}
          </Title>
          <Table.ScrollContainer minWidth={Math.min(1400, 160 + columns.length * 130)}>
            <Table striped withTableBorder verticalSpacing={4} fz="sm" data-testid="preview-rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>
                    {t('imports.errors.row')}
                  </Table.Th>
                  <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>
                    {t('imports.preview.action')}
                  </Table.Th>
                  {columns.map((column) => (
                    <Table.Th key={column} scope="col" style={{ whiteSpace: 'nowrap' }}>
                      {heading(column)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((row) => (
                  <Table.Tr key={row.rowNo} data-testid="preview-row" data-action={row.action}>
                    <Table.Td className="mono">{format.number(row.rowNo)}</Table.Td>
                    <Table.Td>
                      <Badge color={ACTION_COLORS[row.action] ?? 'gray'} variant="light" miw="max-content">
                        {t(`imports.actions.${row.action}` as 'imports.actions.insert', { defaultValue: row.action })}
                      </Badge>
                    </Table.Td>
                    {columns.map((column) => (
                      <PreviewCell key={column} row={row} column={column} target={settings.target} units={units.data ?? []} customers={customers} owners={owners} />
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}

      {preview.errors.length > 0 && (
        <Stack gap={6}>
          <Title order={3} fz="h5">
            {t('imports.preview.errors', { n: format.number(preview.errors.length) })}
          </Title>
          <RowErrorsTable errors={preview.errors} testId="preview-errors" />
        </Stack>
      )}

      <ControlFields target={settings.target} control={control} errors={controlProblems} onChange={onControlChange} />
    </Stack>
  );
}
