import { Suspense } from 'react';
import { Anchor, Badge, Breadcrumbs, Button, Card, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconBuilding, IconEdit, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import type { Customer } from '../../lib/types.ts';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, ErrorBoundary, PageLoader, StatusBadge, usePageTitle } from '../../app/components.tsx';
import { ForbiddenPage, NotFoundPage } from '../../app/ErrorPage.tsx';
import { customerPanels, type CustomerPanel } from './panels.ts';
import { useCustomer } from './queries.ts';

function Header({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const KindIcon = customer.kind === 'organization' ? IconBuilding : IconUser;
  return (
    <Card withBorder padding="lg" component="header">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="wrap">
            <KindIcon size={22} aria-hidden />
            <Title order={1} fz="h2" style={{ overflowWrap: 'anywhere' }} data-testid="customer-name">
              {customer.name}
            </Title>
            <StatusBadge status={customer.status} />
            <Badge variant="outline" color="gray">
              {t(`customer.kind.${customer.kind}`)}
            </Badge>
            {customer.deletedAt && <Badge color="red">{t('customer.deleted')}</Badge>}
          </Group>
          {customer.nameEn && <Text c="dimmed">{customer.nameEn}</Text>}
          <Group gap="lg" wrap="wrap" style={{ rowGap: 4 }}>
            <Text size="sm">
              <Text span c="dimmed">
                {t('common.labelled', { label: t('customer.fields.code') })}
              </Text>
              <span className="mono" data-testid="customer-code">
                {customer.code}
              </span>
            </Text>
            <Text size="sm">
              <Text span c="dimmed">
                {t('common.labelled', { label: t('customer.fields.owner') })}
              </Text>
              {customer.ownerName ?? t('customer.noOwner')}
            </Text>
            <Text size="sm">
              <Text span c="dimmed">
                {t('common.labelled', { label: t('customer.fields.orgUnit') })}
              </Text>
              {customer.orgUnitName ?? ''}
            </Text>
            <Text size="sm">
              <Text span c="dimmed">
                {t('common.labelled', { label: t('customer.fields.updatedAt') })}
              </Text>
              {format.dateTime(customer.updatedAt)}
            </Text>
          </Group>
        </Stack>
        {can('customer:update') && !customer.deletedAt && (
          <Button component={Link} to={`/customers/${customer.id}/edit`} variant="light" leftSection={<IconEdit size={16} />} data-testid="edit-customer">
            {t('common.edit')}
          </Button>
        )}
      </Group>
    </Card>
  );
}

function PanelCard({ panel, customer }: { panel: CustomerPanel; customer: Customer }) {
  const { t } = useTranslation();
  const headingId = `panel-${panel.id}`;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId} data-testid={`panel-${panel.id}`}>
      <Title order={2} fz="h4" id={headingId} mb="sm">
        {t(panel.title)}
      </Title>
      <ErrorBoundary>
        <Suspense fallback={<Skeleton height={80} />}>
          <panel.component customer={customer} />
        </Suspense>
      </ErrorBoundary>
    </Card>
  );
}

/** The customer 360 page: header, then the panels every module registers (panels.ts). */
export default function CustomerPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const id = Number(useParams().id);
  const query = useCustomer(id);
  usePageTitle(query.data?.name ?? t('nav.customers'));
  if (!Number.isSafeInteger(id) || id <= 0) return <NotFoundPage />;
  if (query.isPending) return <PageLoader />;
  if (query.error) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFoundPage />;
    if (isApiError(query.error) && query.error.status === 403) return <ForbiddenPage />;
    return <ErrorAlert error={query.error} />;
  }
  const customer = query.data;
  return (
    <Stack gap="md" data-testid="customer-360">
      <Breadcrumbs>
        <Anchor component={Link} to="/customers" size="sm">
          {t('nav.customers')}
        </Anchor>
        <Text size="sm" truncate maw={320}>
          {customer.name}
        </Text>
      </Breadcrumbs>
      <Header customer={customer} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack gap="md">
            {customerPanels('side', can).map((panel) => (
              <PanelCard key={panel.id} panel={panel} customer={customer} />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Stack gap="md">
            {customerPanels('main', can).map((panel) => (
              <PanelCard key={panel.id} panel={panel} customer={customer} />
            ))}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
