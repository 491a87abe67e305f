import { Alert, Anchor, Divider, Group, Loader, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format.ts';
import type { LivePreviewProps } from '../tags/rule/LivePreview.tsx';
import { localName, useBandLabel } from './labels.tsx';
import type { AudienceCount } from './types.ts';

/** Org units shown beside the rule: the largest few say where the audience is. */
const TOP_UNITS = 5;

/** The audience of the rule as it stands: how many, who by age, gender and org unit, and ten of them. */
export function LiveAudience({ preview, busy, empty, invalid, unplaced, incomplete }: LivePreviewProps<AudienceCount>) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const bandLabel = useBandLabel();
  const state = empty ? 'empty' : invalid ? 'invalid' : busy || !preview ? 'busy' : 'ready';
  // Labels of codes that come from the server, with the code itself when there is none.
  const lookup = t as unknown as (key: string, options: { defaultValue: string }) => string;
  const genderLabel = (gender: string) => lookup(`customer.gender.${gender}`, { defaultValue: gender });
  const tierLabel = (tier: string) => lookup(`value.tier.${tier}`, { defaultValue: tier });
  return (
    <Paper withBorder p="md" radius="md" data-testid="audience" data-state={state} aria-live="polite">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} fz="h5">
            {t('segments.audience.title')}
          </Title>
          {busy && !empty && <Loader size="xs" aria-label={t('segments.audience.counting')} />}
        </Group>
        {empty && (
          <Text size="sm" c="dimmed" data-testid="audience-empty">
            {t('segments.audience.empty')}
          </Text>
        )}
        {!empty && invalid && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} p="xs" data-testid="audience-invalid">
            <Text size="sm">{t('segments.audience.invalid')}</Text>
            {unplaced.map((message) => (
              <Text key={message} size="sm">
                {message}
              </Text>
            ))}
          </Alert>
        )}
        {!empty && !invalid && preview && (
          <Stack gap="sm" style={{ opacity: busy ? 0.5 : 1, transition: 'opacity 120ms' }}>
            <div>
              <Group gap="xs" align="center" wrap="nowrap">
                <IconUsersGroup size={28} color="var(--mantine-color-indigo-6)" aria-hidden />
                <Text fz={44} fw={700} lh={1} data-testid="audience-count" data-count={busy ? undefined : preview.count}>
                  {format.number(preview.count)}
                </Text>
              </Group>
              <Text size="sm" c="dimmed" mt={4}>
                {t('segments.audience.match')}
              </Text>
            </div>
            {preview.count > 0 && (
              <>
                <Divider />
                <Bars
                  title={t('segments.audience.ageBands')}
                  testId="audience-age"
                  total={preview.count}
                  rows={preview.breakdown.ageBands.map((b) => ({ key: b.band, label: bandLabel(b.band), count: b.count }))}
                  color="indigo"
                />
                <Bars
                  title={t('segments.audience.gender')}
                  testId="audience-gender"
                  total={preview.count}
                  rows={[...preview.breakdown.gender].sort((a, b) => b.count - a.count).map((g) => ({ key: g.gender, label: genderLabel(g.gender), count: g.count }))}
                  color="grape"
                />
                <Bars
                  title={t('segments.audience.tiers')}
                  testId="audience-tiers"
                  total={preview.count}
                  rows={preview.breakdown.tiers.map((v) => ({ key: v.tier, label: tierLabel(v.tier), count: v.count }))}
                  color="yellow"
                />
                <Bars
                  title={t('segments.audience.orgUnits', { n: TOP_UNITS })}
                  testId="audience-units"
                  total={preview.count}
                  rows={preview.breakdown.orgUnits.slice(0, TOP_UNITS).map((u) => ({ key: String(u.id), label: localName(u, i18n.language) || `#${u.id}`, count: u.count }))}
                  color="teal"
                />
                <Divider />
                <Stack gap={2}>
                  <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                    {t('segments.audience.sample', { n: preview.sample.length })}
                  </Text>
                  <SimpleGrid cols={{ base: 1, xs: 2, lg: 1, xl: 2 }} spacing={4} verticalSpacing={2}>
                    {preview.sample.map((customer) => (
                      // A new tab keeps the rule being built.
                      <Anchor key={customer.id} component={Link} to={`/customers/${customer.id}`} target="_blank" size="sm" truncate data-testid="audience-sample">
                        {customer.name}{' '}
                        <Text span size="xs" c="dimmed" className="mono">
                          {customer.code}
                        </Text>
                      </Anchor>
                    ))}
                  </SimpleGrid>
                </Stack>
              </>
            )}
          </Stack>
        )}
        {incomplete > 0 && (
          <Text size="xs" c="orange.8" data-testid="audience-incomplete">
            {t('segments.audience.incomplete', { n: incomplete })}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('segments.audience.scopeNote')}
        </Text>
      </Stack>
    </Paper>
  );
}

interface Row {
  key: string;
  label: string;
  count: number;
}

/** A breakdown as labelled bars, each as wide as its share of the audience. */
function Bars({ title, rows, total, color, testId }: { title: string; rows: Row[]; total: number; color: string; testId: string }) {
  const format = useFormat();
  return (
    <Stack gap={4} data-testid={testId} role="group" aria-label={title}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {title}
      </Text>
      {rows.map((row) => {
        const share = total > 0 ? (row.count / total) * 100 : 0;
        return (
          <Group key={row.key} gap="xs" wrap="nowrap" data-testid={`${testId}-row`} data-key={row.key} data-count={row.count}>
            <Text size="xs" w={96} truncate title={row.label} style={{ flexShrink: 0 }}>
              {row.label}
            </Text>
            <Progress value={share} color={color} size="lg" radius="sm" style={{ flex: 1 }} aria-label={`${row.label}: ${format.number(row.count)}`} />
            <Text size="xs" w={72} ta="right" style={{ flexShrink: 0, fontVariantNumeric: 'tabular-nums' }}>
              {format.number(row.count)}
              <Text span size="xs" c="dimmed">
                {' '}
                {Math.round(share)}%
              </Text>
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}
