import type { ReactNode } from 'react';
import { Anchor, Badge, Button, DataList, Group, Paper, Select, Stack, Text, TextInput, Textarea, Timeline, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconEyeOff, IconMail, IconNote, IconPencil, IconPhone, IconUsersGroup, IconWalk } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, isApiError } from '../../lib/api.ts';
import { formatMobile, telHref, useFormat } from '../../lib/format.ts';
import { ACTIVITY_KINDS, type Activity, type Customer } from '../../lib/types.ts';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, regionLabel } from '../../app/components.tsx';
import type { CustomerPanelProps } from './panels.ts';
import { customFieldLabel, customValueText } from './fieldText.ts';
import { customerKeys, useActivities, useCustomFields, useTimeline } from './queries.ts';
import { formatMoney } from '../holdings/money.ts';

/** A transaction's timeline title ('-1387.00 CNY', as the server sends it) as money in the reader's language. */
function transactionAmount(title: string, locale: string): string {
  const m = /^([+-])(\d+(?:\.\d+)?) ([A-Za-z]{3})$/.exec(title);
  return m ? formatMoney(m[2], m[3]!, locale, m[1] as '+' | '-') : title;
}

/** Kept here too for modules that import them from the panels. */
export { customFieldLabel, customValueText };

type ProfileKey = 'nameEn' | 'gender' | 'birthDate' | 'idType' | 'idNumber' | 'mobile' | 'phone' | 'email' | 'address' | 'postalCode' | 'industry' | 'size' | 'sourceChannel';

function MaskedHint({ field, customer }: { field: string; customer: Customer }) {
  const { t } = useTranslation();
  if (!customer.masked.includes(field)) return null;
  return (
    <Tooltip label={t('customer.maskedHint')} withArrow>
      <Badge size="xs" variant="light" color="gray" leftSection={<IconEyeOff size={10} />} tabIndex={0} data-testid={`masked-${field}`}>
        {t('customer.masked')}
      </Badge>
    </Tooltip>
  );
}

export function ProfilePanel({ customer }: CustomerPanelProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const fields = useCustomFields();
  const value = (key: ProfileKey): ReactNode => {
    const raw = customer[key];
    if (raw === null || raw === undefined || raw === '') return null;
    switch (key) {
      case 'gender':
        return t(`customer.gender.${raw}` as 'customer.gender.male', { defaultValue: raw });
      case 'idType':
        return t(`customer.idType.${raw}` as 'customer.idType.uscc', { defaultValue: raw });
      case 'size':
        return t(`customer.size.${raw}` as 'customer.size.small', { defaultValue: raw });
      case 'sourceChannel':
        return t(`customer.channel.${raw}` as 'customer.channel.branch', { defaultValue: raw });
      case 'birthDate':
        return customer.masked.includes('birthDate') ? raw : format.date(raw);
      case 'mobile':
      case 'phone': {
        const href = telHref(raw);
        const shown = key === 'mobile' ? formatMobile(raw) : raw;
        return href ? (
          <Anchor href={href} className="mono" size="sm" data-testid={`profile-${key}`}>
            {shown}
          </Anchor>
        ) : (
          <span className="mono">{shown}</span>
        );
      }
      case 'idNumber':
        return <span className="mono">{raw}</span>;
      default:
        return raw;
    }
  };
  const keys: ProfileKey[] =
    customer.kind === 'organization'
      ? ['nameEn', 'idType', 'idNumber', 'industry', 'size', 'mobile', 'phone', 'email', 'address', 'postalCode', 'sourceChannel']
      : ['nameEn', 'gender', 'birthDate', 'idType', 'idNumber', 'mobile', 'phone', 'email', 'address', 'postalCode', 'industry', 'sourceChannel'];
  const region = customer.regionPath?.map((r) => regionLabel(r)).join(' / ');
  const rows: { key: string; label: string; value: ReactNode }[] = [];
  for (const key of keys) {
    const shown = value(key);
    if (shown !== null) rows.push({ key, label: t(`customer.fields.${key}`), value: shown });
    else if (customer.masked.includes(key)) rows.push({ key, label: t(`customer.fields.${key}`), value: '' });
  }
  if (region) rows.splice(rows.findIndex((r) => r.key === 'address') + 1 || rows.length, 0, { key: 'region', label: t('customer.fields.region'), value: region });
  for (const field of fields.data ?? []) {
    const text = customValueText(field, customer.custom[field.key], format, t('common.yes'), t('common.no'));
    const masked = customer.masked.includes(`custom.${field.key}`);
    if (text || masked) rows.push({ key: `custom.${field.key}`, label: customFieldLabel(field, i18n.language), value: text });
  }
  rows.push({ key: 'createdAt', label: t('customer.fields.createdAt'), value: format.dateTime(customer.createdAt) });

  return (
    <DataList orientation="vertical" gap="sm" size="sm" data-testid="profile">
      {rows.map((row) => (
        <DataList.Item key={row.key}>
          <DataList.ItemLabel c="dimmed">{row.label}</DataList.ItemLabel>
          <DataList.ItemValue>
            <Group gap={6} wrap="nowrap" align="center" style={{ overflowWrap: 'anywhere' }}>
              <span>{row.value}</span>
              <MaskedHint field={row.key} customer={customer} />
            </Group>
          </DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

export function ContactsPanel({ customer }: CustomerPanelProps) {
  const { t } = useTranslation();
  const contacts = customer.contacts ?? [];
  if (contacts.length === 0) return <Text c="dimmed" size="sm">{t('customer.contacts.none')}</Text>;
  return (
    <Stack gap="sm" data-testid="contacts">
      {[...contacts]
        .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary))
        .map((contact) => (
          <Paper key={contact.id} withBorder p="sm" radius="sm" data-testid="contact">
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <Text fw={600} size="sm">
                {contact.name}
                {contact.title && (
                  <Text span c="dimmed" size="sm" fw={400}>
                    {' · '}
                    {contact.title}
                  </Text>
                )}
              </Text>
              {contact.isPrimary && (
                <Badge size="sm" variant="light">
                  {t('customer.contacts.primary')}
                </Badge>
              )}
            </Group>
            <Stack gap={2} mt={4}>
              {contact.mobile && (
                <Text size="sm" className="mono">
                  <IconPhone size={12} aria-label={t('customer.fields.mobile')} /> {contact.mobile}
                </Text>
              )}
              {contact.phone && (
                <Text size="sm" className="mono">
                  <IconPhone size={12} aria-label={t('customer.fields.phone')} /> {contact.phone}
                </Text>
              )}
              {contact.email && (
                <Text size="sm">
                  <IconMail size={12} aria-label={t('customer.fields.email')} /> {contact.email}
                </Text>
              )}
              {contact.notes && (
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                  {contact.notes}
                </Text>
              )}
            </Stack>
          </Paper>
        ))}
    </Stack>
  );
}

const ACTIVITY_ICONS: Record<string, typeof IconNote> = { note: IconNote, call: IconPhone, meeting: IconUsersGroup, visit: IconWalk, email: IconMail };

function QuickAdd({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { kind: 'note' as string, subject: '', body: '' },
    validate: { body: (v) => (v.trim() ? null : t('validation.required')) },
  });
  const add = useMutation({
    mutationFn: (values: { kind: string; subject: string; body: string }) =>
      api.post<Activity>(`/customers/${customer.id}/activities`, {
        kind: values.kind,
        subject: values.subject.trim() || undefined,
        body: values.body.trim(),
      }),
    onSuccess: async () => {
      form.reset();
      notifications.show({ color: 'teal', message: t('customer.activities.added') });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKeys.activities(customer.id) }),
        queryClient.invalidateQueries({ queryKey: customerKeys.timeline(customer.id) }),
      ]);
    },
    onError: (error) => form.setErrors(fieldErrors(error)),
  });
  const unplaced = isApiError(add.error) && add.error.errors.every((e) => !/^body\.(kind|subject|body)$/.test(e.field));
  return (
    <form onSubmit={form.onSubmit((values) => add.mutate(values))} noValidate data-testid="quick-add">
      <Stack gap="xs">
        {add.error && unplaced && <ErrorAlert error={add.error} />}
        <Group gap="xs" grow preventGrowOverflow={false} wrap="wrap" align="flex-start">
          <Select
            label={t('customer.activities.kind')}
            data={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`customer.activityKind.${k}`) }))}
            allowDeselect={false}
            maw={180}
            miw={120}
            {...form.getInputProps('kind')}
          />
          <TextInput label={t('customer.activities.subject')} miw={180} {...form.getInputProps('subject')} />
        </Group>
        <Textarea
          label={t('customer.activities.body')}
          placeholder={t('customer.activities.bodyPlaceholder')}
          autosize
          minRows={2}
          maxRows={8}
          withAsterisk
          data-testid="activity-body"
          {...form.getInputProps('body')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending} leftSection={<IconPencil size={16} />} data-testid="activity-submit">
            {t('customer.activities.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ActivitiesPanel({ customer }: CustomerPanelProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const activities = useActivities(customer.id);
  return (
    <Stack gap="md">
      {can('activity:write') && !customer.deletedAt && <QuickAdd customer={customer} />}
      {activities.error && <ErrorAlert error={activities.error} />}
      {activities.data?.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('customer.activities.none')}
        </Text>
      )}
      <Stack gap="xs" data-testid="activities">
        {activities.data?.map((activity) => {
          const Icon = ACTIVITY_ICONS[activity.kind] ?? IconNote;
          return (
            <Paper key={activity.id} withBorder p="sm" radius="sm" data-testid="activity">
              <Group gap="xs" justify="space-between" wrap="wrap">
                <Group gap={6} wrap="nowrap">
                  <Icon size={16} aria-hidden />
                  <Badge size="sm" variant="light" color="gray">
                    {t(`customer.activityKind.${activity.kind}` as 'customer.activityKind.note', { defaultValue: activity.kind })}
                  </Badge>
                  {activity.subject && (
                    <Text size="sm" fw={600}>
                      {activity.subject}
                    </Text>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {activity.createdByName ? `${activity.createdByName} · ` : ''}
                  <time dateTime={activity.occurredAt}>{format.dateTime(activity.occurredAt)}</time>
                </Text>
              </Group>
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {activity.body}
              </Text>
            </Paper>
          );
        })}
      </Stack>
    </Stack>
  );
}

export function TimelinePanel({ customer }: CustomerPanelProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const timeline = useTimeline(customer.id);
  const entries = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  if (timeline.isPending) return <Text c="dimmed" size="sm">{t('common.loading')}</Text>;
  return (
    <Stack gap="sm">
      {timeline.error && <ErrorAlert error={timeline.error} />}
      {entries.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('customer.timeline.none')}
        </Text>
      )}
      <Timeline bulletSize={14} lineWidth={2} data-testid="timeline">
        {entries.map((entry, i) => {
          const kind = t(`customer.timeline.${entry.source}.${entry.kind}` as 'customer.timeline.audit.create', {
            defaultValue: t(`customer.activityKind.${entry.kind}` as 'customer.activityKind.note', { defaultValue: entry.kind }),
          });
          // Activities show their subject; transactions their signed amount as money; tags their name;
          // holdings the kind of product (their body is the product's name).
          const holding = entry.source === 'holding' || entry.source === 'holding_closed';
          const labelled = (text: string) => `${t('common.labelled', { label: kind })}${text}`;
          const title =
            entry.source === 'tag'
              ? labelled(i18n.language === 'en' && entry.titleEn ? entry.titleEn : entry.title)
              : entry.source === 'activity' && entry.title !== entry.kind
              ? labelled(entry.title)
              : entry.source === 'transaction'
                ? `${kind} ${transactionAmount(entry.title, format.locale)}`
                : holding
                  ? labelled(t(`holdings.kind.${entry.title}` as 'holdings.kind.deposit', { defaultValue: entry.title }))
                  : kind;
          // A tag change's body is its source (manual, rule, import).
          // A record's creation names the systems that know the customer.
          const body =
            entry.source === 'tag' && entry.body
              ? t(`tags.source.${entry.body}` as 'tags.source.manual', { defaultValue: entry.body })
              : entry.source === 'record' && entry.body
                ? t('customer.timeline.fromSystems', { systems: entry.body })
                : entry.body;
          return (
            <Timeline.Item key={`${entry.source}-${entry.ref?.id ?? i}-${entry.at}`} title={<Text size="sm" fw={600}>{title}</Text>}>
              {body && (
                <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
                  {body}
                </Text>
              )}
              <Text size="xs" c="dimmed" mt={2}>
                {entry.actorName ? `${entry.actorName} · ` : ''}
                {/* The moment itself, to check against the business systems' files; how long ago beside it on hover. */}
                <time dateTime={entry.at} title={format.relative(entry.at)}>
                  {format.dateTime(entry.at)}
                </time>
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
      {timeline.hasNextPage && (
        <Group justify="center">
          <Button variant="subtle" size="xs" onClick={() => timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
            {t('customer.timeline.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
