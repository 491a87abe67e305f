import { useState } from 'react';
import { Alert, Anchor, Breadcrumbs, Button, Card, Group, Radio, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { fieldErrors, isApiError } from '../../lib/api.ts';
import { usePermissions } from '../../app/auth.tsx';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { fromRule, newCondition, newGroup, toRule, type GroupNode } from '../tags/rule/model.ts';
import { RuleEditor } from '../tags/rule/RuleEditor.tsx';
import { RuleSummary } from '../tags/rule/RuleSummary.tsx';
import { useRuleFields } from '../tags/rule/useRuleFields.ts';
import { localName, SegmentKindBadge } from './labels.tsx';
import { LiveAudience } from './LiveAudience.tsx';
import { useAudienceCount, useSaveSegment, useSegment } from './queries.ts';
import { SEGMENT_KINDS, type AudienceCount, type Segment, type SegmentKind } from './types.ts';

/** New segment (/segments/new) and edit segment (/segments/:id/edit): names, kind and the rule with its live audience. */
export default function SegmentFormPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id) || null;
  const segment = useSegment(id ?? 0);
  usePageTitle(id ? t('segments.form.editTitle') : t('segments.form.newTitle'));
  if (id && segment.isPending) return <PageLoader />;
  if (id && segment.error) return <ErrorAlert error={segment.error} title={isApiError(segment.error) && segment.error.status === 404 ? t('segments.notFound') : undefined} />;
  return <SegmentForm key={id ?? 'new'} segment={id ? segment.data! : null} />;
}

interface Values {
  nameZh: string;
  nameEn: string;
  description: string;
  kind: SegmentKind;
}

/** Server fields the form shows at their input; others go to the summary above it. */
const PLACED = /^body\.(nameZh|nameEn|description|kind|rule(\..*)?)$/;

function SegmentForm({ segment }: { segment: Segment | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const can = usePermissions();
  // Without segment:manage the page still counts audiences; only saving is closed.
  const canSave = can('segment:manage');
  const save = useSaveSegment();
  const { numeric } = useRuleFields();
  // A static segment is a frozen list: its rule is shown, not edited.
  const frozen = segment?.kind === 'static';
  const [root, setRoot] = useState<GroupNode>(() => (segment?.rule ? fromRule(segment.rule) : newGroup('all', [newCondition('attribute')])));
  const [ruleProblem, setRuleProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      nameZh: segment?.nameZh ?? '',
      nameEn: segment?.nameEn ?? '',
      description: segment?.description ?? '',
      kind: segment?.kind ?? 'dynamic',
    },
    validate: { nameZh: (v) => (v.trim() ? null : t('validation.required')) },
  });

  // The last save's complaint about the rule belongs to the rule as it was; an edit clears it.
  const editRule: typeof setRoot = (change) => {
    setRoot(change);
    setRuleProblem(null);
    if (save.error) save.reset();
  };

  function submit(values: Values) {
    const compiled = frozen ? null : toRule(root, numeric);
    if (compiled && (compiled.incomplete.size > 0 || !compiled.rule)) {
      setRuleProblem(compiled.rule ? t('segments.form.ruleIncomplete') : t('segments.form.ruleEmpty'));
      return;
    }
    const names = { nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim() || null, description: values.description.trim() || null };
    const body = segment ? { ...names, ...(compiled?.rule ? { rule: compiled.rule } : {}) } : { ...names, kind: values.kind, rule: compiled!.rule! };
    save.mutate(
      { id: segment?.id ?? null, body },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: t(segment ? 'segments.form.saved' : 'segments.form.created', { name: localName(saved, i18n.language), n: saved.visibleCount, count: saved.visibleCount }) });
          navigate(`/segments/${saved.id}`);
        },
        onError: (error) => form.setErrors(fieldErrors(error)),
      },
    );
  }

  const unplaced = save.error && (!isApiError(save.error) || save.error.errors.length === 0 || save.error.errors.some((e) => !PLACED.test(e.field)));
  const title = segment ? t('segments.form.editTitleNamed', { name: localName(segment, i18n.language) }) : canSave ? t('segments.form.newTitle') : t('segments.form.countTitle');

  return (
    <form noValidate onSubmit={form.onSubmit(submit)} data-testid="segment-form">
      <Stack gap="md">
        <Breadcrumbs>
          <Anchor component={Link} to="/segments" size="sm">
            {t('segments.title')}
          </Anchor>
          {segment && (
            <Anchor component={Link} to={`/segments/${segment.id}`} size="sm">
              {localName(segment, i18n.language)}
            </Anchor>
          )}
          <Text size="sm">{segment ? t('common.edit') : canSave ? t('segments.new') : t('segments.tryRule')}</Text>
        </Breadcrumbs>
        <Title order={1} fz="h2">
          {title}
        </Title>
        {!canSave && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={16} />} data-testid="segment-count-only">
            {t('segments.form.noManage')}
          </Alert>
        )}
        {unplaced && <ErrorAlert error={save.error} />}

        {canSave && (
          <Card withBorder padding="lg" component="section" aria-labelledby="segment-details">
            <Title order={2} fz="h4" id="segment-details" mb="sm">
              {t('segments.form.details')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
              <TextInput label={t('segments.fields.nameZh')} withAsterisk data-autofocus data-testid="segment-nameZh" {...form.getInputProps('nameZh')} />
              <TextInput label={t('segments.fields.nameEn')} data-testid="segment-nameEn" {...form.getInputProps('nameEn')} />
            </SimpleGrid>
            <Textarea mt="sm" label={t('segments.fields.description')} autosize minRows={2} maxRows={6} data-testid="segment-description" {...form.getInputProps('description')} />
            {segment ? (
              <Group mt="sm" gap="xs">
                <Text size="sm" fw={500}>
                  {t('segments.fields.kind')}
                </Text>
                <SegmentKindBadge kind={segment.kind} />
                <Text size="xs" c="dimmed">
                  {t('segments.form.kindFixed')}
                </Text>
              </Group>
            ) : (
              <Radio.Group mt="sm" label={t('segments.fields.kind')} description={t('segments.form.kindHint')} {...form.getInputProps('kind')} data-testid="segment-kind">
                <Group gap="lg" mt={6} align="flex-start">
                  {SEGMENT_KINDS.map((kind) => (
                    <Radio key={kind} value={kind} label={t(`segments.kind.${kind}`)} description={t(`segments.kindHint.${kind}`)} data-testid={`segment-kind-${kind}`} maw={320} />
                  ))}
                </Group>
              </Radio.Group>
            )}
          </Card>
        )}

        <Card withBorder padding="lg" component="section" aria-labelledby="segment-rule">
          <Title order={2} fz="h4" id="segment-rule" mb={4}>
            {t('segments.form.rule')}
          </Title>
          {frozen ? (
            <>
              <Group gap={6} mb="sm" c="dimmed">
                <IconLock size={14} />
                <Text size="sm">{t('segments.form.staticRule')}</Text>
              </Group>
              <RuleSummary rule={segment.rule} />
            </>
          ) : (
            <>
              <Text size="sm" c="dimmed" mb="sm">
                {t('segments.form.ruleHint')}
              </Text>
              {ruleProblem && (
                <Text size="sm" c="red" role="alert" mb="sm" data-testid="rule-problem">
                  {ruleProblem}
                </Text>
              )}
              <RuleEditor<AudienceCount> root={root} onChange={editRule} saveError={save.error} useCount={useAudienceCount} renderPreview={(props) => <LiveAudience {...props} />} />
            </>
          )}
        </Card>

        <Group justify="flex-end" gap="sm">
          <Button variant="default" component={Link} to={segment ? `/segments/${segment.id}` : '/segments'}>
            {canSave ? t('common.cancel') : t('segments.backToList')}
          </Button>
          {canSave && (
            <Button type="submit" loading={save.isPending} data-testid="save-segment">
              {segment ? t('common.save') : t('segments.form.create')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
