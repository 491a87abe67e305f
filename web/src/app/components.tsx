import { Component, useEffect, type ErrorInfo, type ReactNode } from 'react';
import { Alert, Badge, Center, Code, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api.ts';
import type { OrgUnit } from '../lib/types.ts';
import i18n from '../i18n/index.ts';

/** A titled section of a page: a card with its heading, a hint under it and an optional action beside it. */
export function SectionCard({ title, hint, testId, action, fill, children }: { title: string; hint?: ReactNode; testId?: string; action?: ReactNode; fill?: boolean; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label={title} data-testid={testId} h={fill ? '100%' : undefined}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <div>
            <Title order={2} fz="h4">
              {title}
            </Title>
            {hint && (
              <Text size="xs" c="dimmed">
                {hint}
              </Text>
            )}
          </div>
          {action}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

/** The browser tab names the page, then the app. */
export function usePageTitle(title: string | undefined) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.title');
  }, [title, t]);
}

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center mih={200} role="status" aria-live="polite">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** Any failed request, shown in the reader's language with the request id to quote. */
export function ErrorAlert({ error, title }: { error: unknown; title?: ReactNode }) {
  const { t } = useTranslation();
  if (!error) return null;
  const api = isApiError(error) ? error : null;
  const heading = title ?? (api?.status === 0 ? t('errors.network') : api?.title || t('errors.unexpected'));
  return (
    <Alert color="red" variant="light" title={heading} icon={<IconAlertTriangle size={18} />} role="alert">
      <Stack gap={4}>
        {api && api.errors.length > 0 && (
          <List size="sm">
            {api.errors.map((e) => (
              <List.Item key={e.field + e.message}>{e.message}</List.Item>
            ))}
          </List>
        )}
        {!api && error instanceof Error && <Text size="sm">{error.message}</Text>}
        {api?.requestId && (
          <Text size="xs" c="dimmed">
            {t('errors.requestId')} <Code>{api.requestId}</Code>
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

const STATUS_COLORS: Record<string, string> = { prospect: 'blue', active: 'teal', dormant: 'orange', churned: 'gray' };

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light" miw="max-content" style={{ flexShrink: 0 }}>
      {t(`customer.status.${status}` as 'customer.status.active', { defaultValue: status })}
    </Badge>
  );
}

/** A GB/T 2260 division by its name in the reader's language (Chaoyang District in English). */
export function regionLabel(region: { name: string; nameEn?: string }, locale = i18n.language): string {
  return locale === 'en' && region.nameEn ? region.nameEn : region.name;
}

/** A customer's org unit in the reader's language ('' when the reader may not see it). */
export function customerUnitLabel(c: { orgUnitName?: string | null; orgUnitNameEn?: string | null }, locale = i18n.language): string {
  return c.orgUnitName ? orgUnitLabel({ nameZh: c.orgUnitName, nameEn: c.orgUnitNameEn ?? null }, locale) : '';
}

export function orgUnitLabel(unit: Pick<OrgUnit, 'nameZh' | 'nameEn'>, locale = i18n.language): string {
  return locale === 'en' && unit.nameEn ? unit.nameEn : unit.nameZh;
}

interface BoundaryState {
  error: unknown;
}

/** Keeps one failing part (a panel) from taking the whole page down. */
export class ErrorBoundary extends Component<{ children: ReactNode; fallback?: (error: unknown) => ReactNode }, BoundaryState> {
  override state: BoundaryState = { error: null };
  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error };
  }
  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  override render() {
    if (this.state.error) return this.props.fallback ? this.props.fallback(this.state.error) : <ErrorAlert error={this.state.error} />;
    return this.props.children;
  }
}
