import { useMemo, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowsJoin, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, isApiError } from '../../lib/api.ts';
import { formatMobile, useFormat, type Formatters } from '../../lib/format.ts';
import type { Customer } from '../../lib/types.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { customerUnitLabel, ErrorAlert, PageLoader, StatusBadge, regionLabel, usePageTitle } from '../../app/components.tsx';
import { ForbiddenPage, NotFoundPage } from '../../app/ErrorPage.tsx';
import { MergeHistory } from './CustomerActions.tsx';
import { nameAndCode } from './fieldText.ts';
import { customerKeys, recentlyDeleted, useCustomer, useCustomerSearch } from './queries.ts';

type T = TFunction;
type Side = 'target' | 'source';

/** The fields a merge can take from either side; an identity document and a region go as one. */
const ROWS: { id: string; keys: (keyof Customer)[] }[] = [
  { id: 'name', keys: ['name'] },
  { id: 'nameEn', keys: ['nameEn'] },
  { id: 'gender', keys: ['gender'] },
  { id: 'birthDate', keys: ['birthDate'] },
  { id: 'identity', keys: ['idType', 'idNumber'] },
  { id: 'mobile', keys: ['mobile'] },
  { id: 'phone', keys: ['phone'] },
  { id: 'email', keys: ['email'] },
  { id: 'region', keys: ['provinceCode', 'cityCode', 'districtCode'] },
  { id: 'address', keys: ['address'] },
  { id: 'postalCode', keys: ['postalCode'] },
  { id: 'industry', keys: ['industry'] },
  { id: 'size', keys: ['size'] },
  { id: 'status', keys: ['status'] },
  { id: 'sourceChannel', keys: ['sourceChannel'] },
];

const blank = (value: unknown) => value === null || value === undefined || value === '';

function rowLabel(t: T, id: string) {
  if (id === 'identity') return t('customer.merge.identity');
  return t(`customer.fields.${id}` as 'customer.fields.name');
}

function rowText(t: T, format: Formatters, id: string, c: Customer): string {
  const choice = (prefix: string, value: string | null | undefined) => (value ? t(`customer.${prefix}.${value}` as 'customer.size.small', { defaultValue: value }) : '');
  switch (id) {
    case 'gender':
      return choice('gender', c.gender);
    case 'size':
      return choice('size', c.size);
    case 'status':
      return choice('status', c.status);
    case 'sourceChannel':
      return choice('channel', c.sourceChannel);
    case 'birthDate':
      return c.masked.includes('birthDate') ? (c.birthDate ?? '') : format.date(c.birthDate);
    case 'mobile':
      return formatMobile(c.mobile);
    case 'identity':
      return [choice('idType', c.idType), c.idNumber ?? ''].filter(Boolean).join(' ');
    case 'region':
      return (c.regionPath ?? []).map((r) => regionLabel(r)).join(' / ') || [c.provinceCode, c.cityCode, c.districtCode].filter(Boolean).join(' / ');
    default: {
      const value = c[id as keyof Customer];
      return typeof value === 'string' ? value : '';
    }
  }
}

/** Picks the customer to merge in, searched on the server by name, code or mobile. */
function SourcePicker({ targetId, value, onChange, error }: { targetId: number; value: number | null; onChange: (id: number | null) => void; error?: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const [debounced] = useDebouncedValue(search, 300);
  const chosen = value ? queryClient.getQueryData<Customer>(customerKeys.one(value)) : undefined;
  const label = (c: Pick<Customer, 'name' | 'code'>) => nameAndCode(c, i18n.language);
  const q = chosen && debounced === label(chosen) ? '' : debounced;
  const results = useCustomerSearch(q, opened);
  const items = (results.data?.items ?? []).filter((c) => c.id !== targetId);
  const data = [
    ...(chosen && !items.some((c) => c.id === chosen.id) ? [{ value: String(chosen.id), label: label(chosen) }] : []),
    ...items.map((c) => ({ value: String(c.id), label: label(c) })),
  ];
  const byId = new Map(items.map((c) => [String(c.id), c]));
  return (
    <Select
      label={t('customer.merge.source')}
      description={t('customer.merge.sourceHint')}
      placeholder={t('customer.merge.sourcePlaceholder')}
      searchable
      clearable
      data={data}
      value={value ? String(value) : null}
      onChange={(next) => onChange(next ? Number(next) : null)}
      searchValue={search}
      onSearchChange={setSearch}
      onDropdownOpen={() => setOpened(true)}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? t('common.loading') : t('common.nothingFound')}
      rightSection={results.isFetching && opened ? <Loader size={14} /> : undefined}
      error={error}
      renderOption={({ option }) => {
        const c = byId.get(option.value);
        return (
          <div>
            <Text size="sm">{option.label}</Text>
            {c && (
              <Text size="xs" c="dimmed">
                {[t(`customer.kind.${c.kind}`), formatMobile(c.mobile), customerUnitLabel(c), c.ownerName].filter(Boolean).join(' · ')}
              </Text>
            )}
          </div>
        );
      }}
      maw={560}
      data-testid="merge-source"
    />
  );
}

function SideHeading({ side, customer }: { side: Side; customer: Customer }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {side === 'target' ? t('customer.merge.targetSide') : t('customer.merge.sourceSide')}
      </Text>
      <Group gap="xs" wrap="wrap">
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {customer.name}
        </Text>
        <StatusBadge status={customer.status} />
      </Group>
      <Text size="xs" c="dimmed">
        <span className="mono">{customer.code}</span>
        {[customerUnitLabel(customer), customer.ownerName].filter(Boolean).map((part) => ` · ${part}`)}
      </Text>
    </Stack>
  );
}

function Comparison({ target, source }: { target: Customer; source: Customer }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const writable = (key: string) => ['edit', 'masked_in_lists'].includes(me.fieldRules[key] ?? 'edit');
  const rows = useMemo(
    () =>
      ROWS.filter((row) => row.keys.every((key) => key in target && key in source))
        .map((row) => {
          const targetValues = row.keys.map((key) => target[key] ?? null);
          const sourceValues = row.keys.map((key) => source[key] ?? null);
          return {
            ...row,
            targetEmpty: targetValues.every(blank),
            sourceEmpty: sourceValues.every(blank),
            differs: JSON.stringify(targetValues) !== JSON.stringify(sourceValues),
          };
        })
        .filter((row) => row.differs && !(row.targetEmpty && row.sourceEmpty)),
    [target, source],
  );
  const same = ROWS.length - rows.length;
  // As the server decides for fields not chosen: the target's value, or the source's where the target has none.
  const [take, setTake] = useState<Record<string, Side>>(() => Object.fromEntries(rows.map((row) => [row.id, row.targetEmpty ? 'source' : 'target'])));
  const [confirming, setConfirming] = useState(false);
  const merge = useMutation({
    mutationFn: () => {
      const body: Record<string, Side> = {};
      for (const row of rows) for (const key of row.keys) body[key] = take[row.id] ?? 'target';
      return api.post<Customer>(`/customers/${target.id}/merge`, { sourceId: source.id, take: body });
    },
    onSuccess: async (after) => {
      recentlyDeleted.set(source.id, { ...source, deletedAt: new Date().toISOString(), mergedIntoId: target.id });
      queryClient.setQueryData(customerKeys.one(target.id), after);
      await queryClient.invalidateQueries({ queryKey: customerKeys.all });
      notifications.show({ color: 'teal', message: t('customer.merge.done', { source: source.name, target: after.name }) });
      navigate(`/customers/${target.id}`);
    },
    onError: () => setConfirming(false),
  });
  const contacts = source.contacts?.length ?? 0;

  return (
    <Stack gap="md">
      {source.kind !== target.kind && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="merge-kind-warning">
          {t('customer.merge.kindDiffers', { source: t(`customer.kind.${source.kind}`), target: t(`customer.kind.${target.kind}`) })}
        </Alert>
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="merge-compare-title">
        <Title order={2} fz="h4" id="merge-compare-title">
          {t('customer.merge.compare')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {rows.length ? t('customer.merge.compareHint') : t('customer.merge.nothingDiffers')}
        </Text>
        <SimpleGrid cols={2} spacing="md" mb="sm" visibleFrom="sm" aria-hidden>
          <SideHeading side="target" customer={target} />
          <SideHeading side="source" customer={source} />
        </SimpleGrid>
        <Stack gap="sm" hiddenFrom="sm" mb="sm">
          <SideHeading side="target" customer={target} />
          <SideHeading side="source" customer={source} />
        </Stack>
        <Stack gap="xs" data-testid="merge-compare">
          {rows.map((row) => {
            const labelId = `merge-row-${row.id}`;
            const lockedSource = row.keys.some((key) => !writable(key));
            const masked = row.keys.some((key) => target.masked.includes(key) || source.masked.includes(key));
            const option = (side: Side, c: Customer, empty: boolean) => (
              <Radio
                value={side}
                disabled={side === 'source' && lockedSource}
                label={
                  <Stack gap={0}>
                    <Text size="xs" c="dimmed">
                      {side === 'target' ? t('customer.merge.targetSide') : t('customer.merge.sourceSide')}
                    </Text>
                    <Text size="sm" c={empty ? 'dimmed' : undefined} fs={empty ? 'italic' : undefined} style={{ overflowWrap: 'anywhere' }}>
                      {empty ? t('customer.merge.empty') : rowText(t, format, row.id, c)}
                    </Text>
                  </Stack>
                }
                data-testid={`merge-take-${row.id}-${side}`}
              />
            );
            return (
              <Paper key={row.id} withBorder radius="sm" p="sm" bg="var(--mantine-color-gray-light)" data-testid={`merge-row-${row.id}`}>
                <Group gap="xs" mb={6}>
                  <Text size="sm" fw={600} id={labelId}>
                    {rowLabel(t, row.id)}
                  </Text>
                  {masked && (
                    <Badge size="xs" variant="light" color="gray">
                      {t('customer.masked')}
                    </Badge>
                  )}
                  {lockedSource && (
                    <Text size="xs" c="dimmed">
                      {t('customer.merge.notEditable')}
                    </Text>
                  )}
                </Group>
                <Radio.Group value={take[row.id] ?? 'target'} onChange={(value) => setTake({ ...take, [row.id]: value as Side })} aria-labelledby={labelId}>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
                    {option('target', target, row.targetEmpty)}
                    {option('source', source, row.sourceEmpty)}
                  </SimpleGrid>
                </Radio.Group>
              </Paper>
            );
          })}
        </Stack>
        {same > 0 && rows.length > 0 && (
          <Text size="xs" c="dimmed" mt="sm">
            {t('customer.merge.sameCount', { n: same })}
          </Text>
        )}
      </Paper>

      <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} title={t('customer.merge.whatHappens')}>
        <Stack gap={4}>
          <Text size="sm">{t('customer.merge.movesContacts', { n: contacts, count: contacts })}</Text>
          <Text size="sm">{t('customer.merge.customFields')}</Text>
          <Text size="sm">{t('customer.merge.sourceDeleted', { name: source.name })}</Text>
        </Stack>
      </Alert>

      {merge.error && <ErrorAlert error={merge.error} />}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" component={Link} to={`/customers/${target.id}`}>
          {t('common.cancel')}
        </Button>
        <Button leftSection={<IconArrowsJoin size={16} />} onClick={() => setConfirming(true)} data-testid="merge-submit">
          {t('customer.merge.submit')}
        </Button>
      </Group>

      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('customer.merge.confirmTitle')}>
        <Stack gap="sm">
          <Text size="sm">{t('customer.merge.confirm', { source: nameAndCode(source, i18n.language), target: nameAndCode(target, i18n.language) })}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="orange" leftSection={<IconArrowsJoin size={16} />} loading={merge.isPending} onClick={() => merge.mutate()} data-testid="merge-confirm">
              {t('customer.merge.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** customers/:id/merge — merge another customer into this one, choosing per field whose value stays. */
export default function CustomerMergePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const sourceId = Number(params.get('source')) || null;
  const target = useCustomer(id);
  const source = useCustomer(sourceId ?? 0);
  usePageTitle(target.data ? t('customer.merge.pageTitle', { name: target.data.name }) : t('customer.merge.title'));
  if (!Number.isSafeInteger(id) || id <= 0) return <NotFoundPage />;
  if (target.isPending) return <PageLoader />;
  if (target.error) {
    if (isApiError(target.error) && target.error.status === 404) return <NotFoundPage />;
    if (isApiError(target.error) && target.error.status === 403) return <ForbiddenPage />;
    return <ErrorAlert error={target.error} />;
  }
  const customer = target.data;
  const sourceError = source.error && isApiError(source.error) && source.error.status === 404 ? t('customer.merge.sourceNotFound') : undefined;
  return (
    <Stack gap="md" maw={1100} data-testid="customer-merge">
      <Breadcrumbs>
        <Anchor component={Link} to="/customers" size="sm">
          {t('nav.customers')}
        </Anchor>
        <Anchor component={Link} to={`/customers/${customer.id}`} size="sm">
          {customer.name}
        </Anchor>
        <Text size="sm">{t('customer.merge.title')}</Text>
      </Breadcrumbs>
      <div>
        <Title order={1} fz="h2">
          {t('customer.merge.title')}
        </Title>
        <Text c="dimmed" mt={4}>
          {t('customer.merge.intro', { name: customer.name })}
        </Text>
      </div>
      <Paper withBorder p="md" component="section" aria-label={t('customer.merge.source')}>
        <SourcePicker
          targetId={customer.id}
          value={sourceId}
          onChange={(next) => setParams(next ? { source: String(next) } : {}, { replace: true })}
          error={sourceError}
        />
      </Paper>
      {source.error && !sourceError && <ErrorAlert error={source.error} />}
      {sourceId && source.isPending && <PageLoader />}
      {source.data && source.data.id !== customer.id && <Comparison key={`${customer.id}-${source.data.id}`} target={customer} source={source.data} />}
      <MergeHistory customer={customer} />
    </Stack>
  );
}
