import { Alert, Anchor, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/format.ts';
import type { RulePreview } from '../types.ts';

export interface LivePreviewProps<P extends RulePreview = RulePreview> {
  /** The answer for the rule as it now stands, if there is one. */
  preview: P | undefined;
  /** A newer rule is waiting for its count. */
  busy: boolean;
  /** Nothing complete to count yet. */
  empty: boolean;
  /** The rule has errors: they are shown at the conditions; these are the ones that name none. */
  invalid: boolean;
  unplaced: string[];
  incomplete: number;
}

/** "N customers match" beside the rule editor, with a few of them to open. */
export function LivePreview({ preview, busy, empty, invalid, unplaced, incomplete }: LivePreviewProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const state = empty ? 'empty' : invalid ? 'invalid' : busy || !preview ? 'busy' : 'ready';
  return (
    <Paper withBorder p="md" radius="md" data-testid="rule-preview" data-state={state} aria-live="polite">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} fz="h5">
            {t('tags.preview.title')}
          </Title>
          {busy && !empty && <Loader size="xs" aria-label={t('tags.preview.counting')} />}
        </Group>
        {empty && (
          <Text size="sm" c="dimmed" data-testid="rule-preview-empty">
            {t('tags.preview.empty')}
          </Text>
        )}
        {!empty && invalid && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} p="xs" data-testid="rule-preview-invalid">
            <Text size="sm">{t('tags.preview.invalid')}</Text>
            {unplaced.map((message) => (
              <Text key={message} size="sm">
                {message}
              </Text>
            ))}
          </Alert>
        )}
        {!empty && !invalid && preview && (
          <>
            <Group gap="xs" align="baseline" wrap="nowrap" style={{ opacity: busy ? 0.5 : 1 }}>
              <IconUsers size={20} style={{ alignSelf: 'center' }} />
              <Text fz={32} fw={700} lh={1} data-testid="rule-preview-count" data-count={busy ? undefined : preview.count}>
                {format.number(preview.count)}
              </Text>
            </Group>
            <Text size="sm" c="dimmed" mt={-6}>
              {t('tags.preview.match')}
            </Text>
            {preview.sample.length > 0 && (
              <Stack gap={2}>
                <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                  {t('tags.preview.sample')}
                </Text>
                {preview.sample.map((customer) => (
                  <Anchor key={customer.id} component={Link} to={`/customers/${customer.id}`} target="_blank" size="sm" data-testid="rule-preview-sample">
                    {customer.name}{' '}
                    <Text span size="xs" c="dimmed" className="mono">
                      {customer.code}
                    </Text>
                  </Anchor>
                ))}
              </Stack>
            )}
          </>
        )}
        {incomplete > 0 && (
          <Text size="xs" c="orange.8" data-testid="rule-preview-incomplete">
            {t('tags.preview.incomplete', { n: incomplete })}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('tags.preview.scopeNote')}
        </Text>
      </Stack>
    </Paper>
  );
}
