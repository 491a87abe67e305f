import { useState } from 'react';
import { Anchor, Breadcrumbs, Button, Card, Group, Radio, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, Title, TreeSelect } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { fieldErrors, isApiError } from '../../lib/api.ts';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { categoryTreeData, localName } from './labels.tsx';
import { useSaveTag, useTag, useTagCategories } from './queries.ts';
import { fromRule, newCondition, newGroup, toRule, type GroupNode } from './rule/model.ts';
import { RuleEditor } from './rule/RuleEditor.tsx';
import { useRuleFields } from './rule/useRuleFields.ts';
import { TAG_KINDS, type Tag, type TagKind } from './types.ts';

const KEY = /^[a-z][a-z0-9_]{0,63}$/;

/** New tag (/tags/new) and edit tag (/tags/:id/edit): the details, and the rule for rule tags. */
export default function TagFormPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id) || null;
  const tag = useTag(id ?? 0);
  usePageTitle(id ? t('tags.form.editTitle') : t('tags.form.newTitle'));
  if (id && tag.isPending) return <PageLoader />;
  if (id && tag.error) return <ErrorAlert error={tag.error} />;
  return <TagForm key={id ?? 'new'} tag={id ? tag.data! : null} />;
}

interface Values {
  key: string;
  nameZh: string;
  nameEn: string;
  categoryId: string | null;
  kind: TagKind;
  description: string;
  active: boolean;
}

/** Server fields the form shows at their input; others go to the summary above it. */
const PLACED = /^body\.(key|nameZh|nameEn|categoryId|kind|description|rule(\..*)?)$/;

function TagForm({ tag }: { tag: Tag | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const categories = useTagCategories();
  const save = useSaveTag();
  const { numeric } = useRuleFields();
  const [root, setRoot] = useState<GroupNode>(() => (tag?.rule ? fromRule(tag.rule) : newGroup('all', [newCondition('attribute')])));
  const [ruleProblem, setRuleProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      key: tag?.key ?? '',
      nameZh: tag?.nameZh ?? '',
      nameEn: tag?.nameEn ?? '',
      categoryId: tag?.categoryId ? String(tag.categoryId) : params.get('category'),
      kind: tag?.kind ?? 'manual',
      description: tag?.description ?? '',
      active: tag?.active ?? true,
    },
    validate: {
      key: (v) => (!v.trim() ? t('validation.required') : KEY.test(v.trim()) ? null : t('tags.form.keyInvalid')),
      nameZh: (v) => (v.trim() ? null : t('validation.required')),
    },
  });
  const isRule = form.values.kind === 'rule';

  // The last save's complaint about the rule belongs to the rule as it was; an edit clears it.
  const editRule: typeof setRoot = (change) => {
    setRoot(change);
    setRuleProblem(null);
    if (save.error) save.reset();
  };

  function submit(values: Values) {
    const compiled = isRule ? toRule(root, numeric) : null;
    if (compiled && (compiled.incomplete.size > 0 || !compiled.rule)) {
      setRuleProblem(compiled.rule ? t('tags.form.ruleIncomplete') : t('tags.form.ruleEmpty'));
      return;
    }
    const body = {
      key: values.key.trim(),
      nameZh: values.nameZh.trim(),
      nameEn: values.nameEn.trim() || null,
      categoryId: values.categoryId ? Number(values.categoryId) : null,
      kind: values.kind,
      description: values.description.trim() || null,
      rule: compiled?.rule ?? null,
      active: values.active,
    };
    save.mutate(
      { id: tag?.id ?? null, body },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: t(tag ? 'tags.form.saved' : 'tags.form.created', { name: localName(saved, i18n.language) }) });
          navigate(`/tags/${saved.id}`);
        },
        onError: (error) => form.setErrors(fieldErrors(error)),
      },
    );
  }

  const unplaced = save.error && (!isApiError(save.error) || save.error.errors.length === 0 || save.error.errors.some((e) => !PLACED.test(e.field)));
  const title = tag ? t('tags.form.editTitleNamed', { name: localName(tag, i18n.language) }) : t('tags.form.newTitle');

  return (
    <form noValidate onSubmit={form.onSubmit(submit)} data-testid="tag-form">
      <Stack gap="md">
        <Breadcrumbs>
          <Anchor component={Link} to="/tags" size="sm">
            {t('tags.title')}
          </Anchor>
          {tag && (
            <Anchor component={Link} to={`/tags/${tag.id}`} size="sm">
              {localName(tag, i18n.language)}
            </Anchor>
          )}
          <Text size="sm">{tag ? t('common.edit') : t('tags.new')}</Text>
        </Breadcrumbs>
        <Title order={1} fz="h2">
          {title}
        </Title>
        {unplaced && <ErrorAlert error={save.error} />}

        <Card withBorder padding="lg" component="section" aria-labelledby="tag-details">
          <Title order={2} fz="h4" id="tag-details" mb="sm">
            {t('tags.form.details')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
            <TextInput
              label={t('tags.fields.key')}
              description={tag ? t('tags.form.keyFixed') : t('tags.form.keyHint')}
              withAsterisk={!tag}
              disabled={Boolean(tag)}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              classNames={{ input: 'mono' }}
              data-testid="tag-key"
              {...form.getInputProps('key')}
            />
            <TreeSelect
              label={t('tags.fields.category')}
              placeholder={t('tags.uncategorised')}
              data={categoryTreeData(categories.data ?? [], i18n.language)}
              clearable
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              data-testid="tag-category"
              {...form.getInputProps('categoryId')}
            />
            <TextInput label={t('tags.fields.nameZh')} withAsterisk data-autofocus data-testid="tag-nameZh" {...form.getInputProps('nameZh')} />
            <TextInput label={t('tags.fields.nameEn')} data-testid="tag-nameEn" {...form.getInputProps('nameEn')} />
          </SimpleGrid>
          <Radio.Group
            mt="sm"
            label={t('tags.fields.kind')}
            description={tag ? t('tags.form.kindFixed') : t('tags.form.kindHint')}
            {...form.getInputProps('kind')}
            data-testid="tag-kind"
          >
            <Group gap="lg" mt={6}>
              {TAG_KINDS.map((kind) => (
                <Radio key={kind} value={kind} label={t(`tags.kind.${kind}`)} description={t(`tags.kindHint.${kind}`)} disabled={Boolean(tag)} data-testid={`tag-kind-${kind}`} maw={260} />
              ))}
            </Group>
          </Radio.Group>
          <Textarea mt="sm" label={t('tags.fields.description')} autosize minRows={2} maxRows={6} data-testid="tag-description" {...form.getInputProps('description')} />
          <Switch mt="sm" label={t('tags.fields.active')} description={t('tags.form.activeHint')} data-testid="tag-active" {...form.getInputProps('active', { type: 'checkbox' })} />
        </Card>

        {isRule && (
          <Card withBorder padding="lg" component="section" aria-labelledby="tag-rule">
            <Title order={2} fz="h4" id="tag-rule" mb={4}>
              {t('tags.form.rule')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('tags.form.ruleHint')}
            </Text>
            {ruleProblem && (
              <Text size="sm" c="red" role="alert" mb="sm" data-testid="rule-problem">
                {ruleProblem}
              </Text>
            )}
            <RuleEditor root={root} onChange={editRule} saveError={save.error} selfKey={tag?.key ?? (form.values.key.trim() || undefined)} />
          </Card>
        )}

        <Group justify="flex-end" gap="sm">
          <Button variant="default" component={Link} to={tag ? `/tags/${tag.id}` : '/tags'}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="save-tag">
            {tag ? t('common.save') : t('tags.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
