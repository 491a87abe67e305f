import { useMemo, useRef, useState } from 'react';
import { Anchor, Button, Grid, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBulb } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert, usePageTitle } from '../../app/components.tsx';
import { fieldErrors, isApiError } from '../../lib/api.ts';
import type { Customer } from '../../lib/types.ts';
import { useCustomer, useCustomerSearch } from '../customers/queries.ts';
import { useHoldings } from '../holdings/queries.ts';
import { CategorySelect, useBilingual, useServiceLabels } from './labels.tsx';
import { useCategories, useCreateTicket, useProcesses, useSuggestions } from './queries.ts';
import { CHANNELS, PRIORITIES, TICKET_TYPES, type Channel, type Priority, type TicketType } from './types.ts';

interface Values {
  customerId: string | null;
  type: TicketType;
  channel: Channel;
  categoryId: string | null;
  priority: Priority;
  subject: string;
  description: string;
  holdingId: string | null;
  processKey: string | null;
}

/** Picks a customer by code, name or mobile, searched on the server as the agent types. */
function CustomerPicker({ value, onChange, error, preset }: { value: string | null; onChange: (id: string | null) => void; error?: string; preset?: Customer }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const [debounced] = useDebouncedValue(search, 250);
  const known = useRef(new Map<string, Customer>());
  if (preset) known.current.set(String(preset.id), preset);
  const label = (c: Customer) => `${c.name}${c.code ? ` (${c.code})` : ''}`;
  const selected = value ? known.current.get(value) : undefined;
  const q = selected && debounced === label(selected) ? '' : debounced;
  const results = useCustomerSearch(q, opened && q.trim().length > 0);
  for (const c of results.data?.items ?? []) known.current.set(String(c.id), c);
  const data = [...(selected ? [selected] : []), ...(results.data?.items ?? []).filter((c) => String(c.id) !== value)].map((c) => ({ value: String(c.id), label: label(c) }));
  return (
    <Select
      label={t('service.fields.customer')}
      placeholder={t('service.new.customerHint')}
      withAsterisk
      searchable
      clearable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={onChange}
      onDropdownOpen={() => setOpened(true)}
      filter={({ options }) => options}
      nothingFoundMessage={q.trim() ? (results.isFetching ? t('common.loading') : t('common.nothingFound')) : t('service.new.customerHint')}
      rightSection={results.isFetching ? <Loader size={14} /> : undefined}
      error={error}
      data-testid="ticket-customer"
    />
  );
}

/** Articles like what the agent is typing: often the answer is already known. */
function Suggestions({ text }: { text: string }) {
  const { t } = useTranslation();
  const bilingual = useBilingual();
  const [debounced] = useDebouncedValue(text, 400);
  const suggestions = useSuggestions(debounced);
  const items = suggestions.data ?? [];
  return (
    <Paper withBorder p="sm" component="aside" aria-label={t('service.kb.suggestions')} data-testid="kb-suggestions">
      <Group gap={6} mb="xs">
        <IconBulb size={16} color="var(--mantine-color-yellow-7)" aria-hidden />
        <Text fw={600} size="sm">
          {t('service.kb.suggestions')}
        </Text>
        {suggestions.isFetching && <Loader size={12} />}
      </Group>
      {items.length === 0 ? (
        <Text size="xs" c="dimmed">
          {debounced.trim().length < 2 ? t('service.kb.typeToSee') : t('service.kb.none')}
        </Text>
      ) : (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((a) => (
            <li key={a.id} data-testid="kb-suggestion">
              <Anchor component={Link} to={`/kb/${a.id}`} target="_blank" size="sm">
                {bilingual(a.titleZh, a.titleEn)}
              </Anchor>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/** Takes a complaint, suggestion, request or inquiry for a customer; its process starts at once. */
export default function TicketFormPage() {
  const { t } = useTranslation();
  usePageTitle(t('service.new.title'));
  const navigate = useNavigate();
  const labels = useServiceLabels();
  const bilingual = useBilingual();
  const [params] = useSearchParams();
  const presetId = Number(params.get('customerId')) || null;
  const preset = useCustomer(presetId ?? 0);
  const categories = useCategories();
  const processes = useProcesses();
  const create = useCreateTicket();
  const form = useForm<Values>({
    initialValues: {
      customerId: presetId ? String(presetId) : null,
      type: 'complaint',
      channel: 'counter',
      categoryId: null,
      priority: 'normal',
      subject: '',
      description: '',
      holdingId: null,
      processKey: null,
    },
    validate: {
      customerId: (v) => (v ? null : t('validation.required')),
      subject: (v) => (v.trim().length >= 2 ? null : t('service.new.subjectShort')),
    },
  });
  const customerId = Number(form.values.customerId) || 0;
  const holdings = useHoldings(customerId);
  const holdingOptions = useMemo(
    () => (customerId ? (holdings.data ?? []) : []).map((h) => ({ value: String(h.id), label: [h.productName ?? h.kind, h.externalId].filter(Boolean).join(' · ') })),
    [holdings.data, customerId],
  );
  const options = (values: readonly string[], label: (v: string) => string) => values.map((value) => ({ value, label: label(value) }));
  const unplaced = create.error && !(isApiError(create.error) && create.error.errors.length > 0);

  const submit = form.onSubmit((values) =>
    create.mutate(
      {
        type: values.type,
        customerId: Number(values.customerId),
        channel: values.channel,
        priority: values.priority,
        subject: values.subject.trim(),
        description: values.description.trim() || undefined,
        categoryId: values.categoryId ? Number(values.categoryId) : null,
        holdingId: values.holdingId ? Number(values.holdingId) : null,
        processKey: values.type === 'request' && values.processKey ? values.processKey : undefined,
      },
      {
        onSuccess: (ticket) => {
          notifications.show({ color: 'teal', message: t('service.new.created', { number: ticket.number }) });
          navigate(`/tickets/${ticket.id}`);
        },
        onError: (error) => form.setErrors(fieldErrors(error)),
      },
    ),
  );

  return (
    <Stack gap="md">
      <Title order={1} fz="h2">
        {t('service.new.title')}
      </Title>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="md">
            <form onSubmit={submit} noValidate data-testid="ticket-form">
              <Stack gap="sm">
                {unplaced && <ErrorAlert error={create.error} />}
                <CustomerPicker
                  value={form.values.customerId}
                  onChange={(id) => {
                    form.setFieldValue('customerId', id);
                    form.setFieldValue('holdingId', null);
                  }}
                  error={form.errors.customerId as string | undefined}
                  preset={preset.data}
                />
                <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
                  <Select label={t('service.fields.type')} data={options(TICKET_TYPES, labels.type)} allowDeselect={false} withAsterisk data-testid="ticket-type-select" {...form.getInputProps('type')} />
                  <Select label={t('service.fields.channel')} data={options(CHANNELS, labels.channel)} allowDeselect={false} withAsterisk data-testid="ticket-channel" {...form.getInputProps('channel')} />
                  <Select label={t('service.fields.priority')} data={options(PRIORITIES, labels.priority)} allowDeselect={false} data-testid="ticket-priority-select" {...form.getInputProps('priority')} />
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                  <CategorySelect
                    label={t('service.fields.category')}
                    categories={categories.data}
                    value={form.values.categoryId}
                    onChange={(v) => form.setFieldValue('categoryId', v)}
                    error={form.errors.categoryId}
                    data-testid="ticket-category"
                  />
                  <Select
                    label={t('service.fields.holding')}
                    description={t('service.new.holdingHint')}
                    data={holdingOptions}
                    clearable
                    disabled={!customerId || holdingOptions.length === 0}
                    placeholder={customerId && holdings.data && holdingOptions.length === 0 ? t('service.new.noHoldings') : undefined}
                    data-testid="ticket-holding"
                    {...form.getInputProps('holdingId')}
                  />
                </SimpleGrid>
                {form.values.type === 'request' && (
                  <Select
                    label={t('service.fields.process')}
                    description={t('service.new.processHint')}
                    data={(processes.data ?? []).filter((p) => p.key !== 'complaint').map((p) => ({ value: p.key, label: bilingual(p.nameZh, p.nameEn) }))}
                    clearable
                    placeholder={t('service.new.processDefault')}
                    data-testid="ticket-process"
                    {...form.getInputProps('processKey')}
                  />
                )}
                <TextInput label={t('service.fields.subject')} withAsterisk maxLength={200} data-testid="ticket-subject" {...form.getInputProps('subject')} />
                <Textarea label={t('service.fields.description')} autosize minRows={4} maxRows={12} maxLength={10_000} data-testid="ticket-description" {...form.getInputProps('description')} />
                <Group justify="flex-end" gap="sm">
                  <Button variant="default" onClick={() => navigate(-1)}>
                    {t('common.cancel')}
                  </Button>
                  <Button type="submit" loading={create.isPending} data-testid="ticket-submit">
                    {t('service.new.submit')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Suggestions text={`${form.values.subject} ${form.values.description}`} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
