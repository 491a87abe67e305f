import { lazy, Suspense, useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Checkbox,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconCircleCheck, IconDeviceFloppy, IconListCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { fieldErrors, isApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { ActorEditor, newActor } from './ActorEditor.tsx';
import { clone, guardValue, newState, newTransition, problemsByPath, renameState, toBody } from './model.ts';
import { useCheckProcess, useProcess, useSaveProcess } from './queries.ts';
import { APPROVAL_MODES, EFFECTS, FIELD_TYPES, GUARD_OPS, ON_BREACH, TRIGGERS, type ActorSpec, type ProcessBody, type ProcessDetail, type StateDef } from './types.ts';

const ProcessDiagram = lazy(() => import('./ProcessDiagram.tsx'));

type Form = UseFormReturnType<ProcessBody>;

/** The editor of one process (/admin/processes/:key): states, transitions, a check and "save as new version". */
export default function ProcessEditorPage() {
  const { t } = useTranslation();
  const key = useParams().key ?? '';
  const detail = useProcess(key);
  usePageTitle(t('processes.editor.title'));
  if (detail.isPending) return <PageLoader />;
  if (detail.error) return <ErrorAlert error={detail.error} title={isApiError(detail.error) && detail.error.status === 404 ? t('processes.notFound') : undefined} />;
  return <Editor key={detail.data.version} detail={detail.data} />;
}

/** Which part of the definition a form path names, in words. */
function usePlace(form: Form) {
  const { t } = useTranslation();
  return (path: string) => {
    const state = /^definition\.states\.(\d+)/.exec(path);
    if (state) return t('processes.place.state', { n: Number(state[1]) + 1, key: form.values.definition.states[Number(state[1])]?.key ?? '' });
    const transition = /^definition\.transitions\.(\d+)/.exec(path);
    if (transition) return t('processes.place.transition', { n: Number(transition[1]) + 1, key: form.values.definition.transitions[Number(transition[1])]?.key ?? '' });
    if (path.startsWith('definition.initial')) return t('processes.fields.initial');
    if (path.startsWith('definition')) return t('processes.place.definition');
    return t('processes.place.names');
  };
}

function Editor({ detail }: { detail: ProcessDetail }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const save = useSaveProcess(detail.key);
  const check = useCheckProcess();
  const [checked, setChecked] = useState<'ok' | 'problems' | null>(null);
  const [tab, setTab] = useState<string | null>('states');
  const form = useForm<ProcessBody>({
    initialValues: { nameZh: detail.nameZh, nameEn: detail.nameEn, definition: clone(detail.definition) },
    onValuesChange: () => setChecked(null),
  });
  const place = usePlace(form);
  const stateKeys = form.values.definition.states.map((s) => s.key);
  const errors = Object.entries(form.errors).filter(([, m]) => m) as [string, string][];
  const count = (prefix: string) => errors.filter(([p]) => p.startsWith(prefix)).length;

  function runCheck() {
    check.mutate(toBody(form.values), {
      onSuccess: ({ problems }) => {
        form.setErrors(problemsByPath(problems));
        setChecked(problems.length ? 'problems' : 'ok');
      },
      onError: (error) => form.setErrors(fieldErrors(error)),
    });
  }

  function submit(values: ProcessBody) {
    save.mutate(toBody(values), {
      onSuccess: (saved) => notifications.show({ color: 'teal', message: t('processes.editor.saved', { version: saved.version }) }),
      onError: (error) => form.setErrors(isApiError(error) ? problemsByPath(error.errors) : {}),
    });
  }

  /** Opens the tab of the state or transition a problem names and scrolls to it. */
  function reveal(path: string) {
    const found = /^definition\.(states|transitions)\.(\d+)/.exec(path);
    if (!found) return;
    setTab(found[1]!);
    const testId = found[1] === 'states' ? 'process-state' : 'process-transition';
    requestAnimationFrame(() => document.querySelector(`[data-testid=${testId}][data-index="${found[2]}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'center' }));
  }

  const unplaced = save.error && (!isApiError(save.error) || save.error.errors.length === 0);
  const name = i18n.language === 'en' ? detail.nameEn : detail.nameZh;

  return (
    <form noValidate onSubmit={form.onSubmit(submit)} data-testid="process-editor">
      <Stack gap="md">
        <Breadcrumbs>
          <Anchor component={Link} to="/admin/processes" size="sm">
            {t('processes.title')}
          </Anchor>
          <Text size="sm">{name}</Text>
        </Breadcrumbs>
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="sm">
            <Title order={1} fz="h2">
              {name}
            </Title>
            <Badge variant="light" data-testid="process-version">
              {t('processes.versionN', { version: detail.version })}
            </Badge>
          </Group>
          <Group gap="sm">
            <Button variant="default" leftSection={<IconListCheck size={16} />} onClick={runCheck} loading={check.isPending} data-testid="process-check">
              {t('processes.editor.check')}
            </Button>
            <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} data-testid="process-save">
              {t('processes.editor.save')}
            </Button>
          </Group>
        </Group>
        <Text c="dimmed" size="sm" maw={760}>
          {t('processes.editor.intro')}
        </Text>
        {checked === 'ok' && errors.length === 0 && (
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={16} />} data-testid="process-check-ok">
            {t('processes.editor.checkOk')}
          </Alert>
        )}
        {unplaced && <ErrorAlert error={save.error} />}
        {check.error && !isApiError(check.error) && <ErrorAlert error={check.error} />}
        {errors.length > 0 && (
          <Alert color="red" variant="light" title={t('processes.editor.problems', { count: errors.length })} data-testid="process-problems">
            <List size="sm">
              {errors.map(([path, message]) => (
                <List.Item key={path} data-path={path} data-testid="process-problem">
                  <Anchor component="button" type="button" size="sm" fw={600} c="inherit" onClick={() => reveal(path)}>
                    {place(path)}
                  </Anchor>
                  : {message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}

        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label={t('processes.fields.nameZh')} withAsterisk {...form.getInputProps('nameZh')} data-testid="process-nameZh" />
            <TextInput label={t('processes.fields.nameEn')} withAsterisk {...form.getInputProps('nameEn')} data-testid="process-nameEn" />
            <Select label={t('processes.fields.initial')} data={[...new Set(stateKeys.filter(Boolean))]} allowDeselect={false} {...form.getInputProps('definition.initial')} data-testid="process-initial" />
          </SimpleGrid>
        </Paper>

        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="states" data-testid="tab-states" rightSection={<ErrorCount n={count('definition.states')} />}>
              {t('processes.editor.states', { count: form.values.definition.states.length })}
            </Tabs.Tab>
            <Tabs.Tab value="transitions" data-testid="tab-transitions" rightSection={<ErrorCount n={count('definition.transitions')} />}>
              {t('processes.editor.transitions', { count: form.values.definition.transitions.length })}
            </Tabs.Tab>
            <Tabs.Tab value="diagram" data-testid="tab-diagram">
              {t('processes.editor.diagram')}
            </Tabs.Tab>
            <Tabs.Tab value="versions" data-testid="tab-versions">
              {t('processes.editor.versions', { count: detail.versions.length })}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="states" pt="md">
            <Stack gap="md">
              {form.values.definition.states.map((s, i) => (
                <StateCard key={i} form={form} index={i} state={s} stateKeys={stateKeys} />
              ))}
              <Button
                variant="light"
                w="fit-content"
                leftSection={<IconPlus size={16} />}
                onClick={() => form.insertListItem('definition.states', newState(form.values.definition.states.length + 1))}
                data-testid="add-state"
              >
                {t('processes.editor.addState')}
              </Button>
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="transitions" pt="md">
            <Stack gap="md">
              {form.values.definition.transitions.map((_, i) => (
                <TransitionCard key={i} form={form} index={i} stateKeys={stateKeys} />
              ))}
              <Button
                variant="light"
                w="fit-content"
                leftSection={<IconPlus size={16} />}
                onClick={() => form.insertListItem('definition.transitions', newTransition(stateKeys[0] ?? '', stateKeys[1] ?? '', form.values.definition.transitions.length + 1))}
                data-testid="add-transition"
              >
                {t('processes.editor.addTransition')}
              </Button>
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="diagram" pt="md">
            <Suspense fallback={<Skeleton height={240} />}>
              <ProcessDiagram definition={form.values.definition} />
            </Suspense>
          </Tabs.Panel>
          <Tabs.Panel value="versions" pt="md">
            <Paper withBorder>
              <Table.ScrollContainer minWidth={480}>
                <Table verticalSpacing={6} fz="sm" striped data-testid="process-versions">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('processes.version')}</Table.Th>
                      <Table.Th scope="col">{t('processes.savedAt')}</Table.Th>
                      <Table.Th scope="col">{t('processes.savedBy')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('processes.cases')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {detail.versions.map((v) => (
                      <Table.Tr key={v.id} data-testid="process-version-row" data-version={v.version}>
                        <Table.Td>{t('processes.versionN', { version: v.version })}</Table.Td>
                        <Table.Td>{format.dateTime(v.createdAt)}</Table.Td>
                        <Table.Td>{v.createdByName ?? t('processes.system')}</Table.Td>
                        <Table.Td ta="right">{format.number(v.cases)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </form>
  );
}

function ErrorCount({ n }: { n: number }) {
  if (!n) return null;
  return (
    <Badge size="xs" color="red" circle>
      {n}
    </Badge>
  );
}

/** Errors at exactly these paths, as a line each. */
function PathErrors({ form, paths }: { form: Form; paths: string[] }) {
  const messages = paths.map((p) => form.errors[p]).filter(Boolean);
  if (!messages.length) return null;
  return (
    <Stack gap={2} role="alert">
      {messages.map((m, i) => (
        <Text key={i} size="sm" c="red" data-testid="item-error">
          {m}
        </Text>
      ))}
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

function actorErrors(form: Form, path: string) {
  return { '': form.errors[path] as string | undefined, role: form.errors[`${path}.role`] as string | undefined, unitId: form.errors[`${path}.unitId`] as string | undefined, userId: form.errors[`${path}.userId`] as string | undefined, state: form.errors[`${path}.state`] as string | undefined };
}

function StateCard({ form, index, state, stateKeys }: { form: Form; index: number; state: StateDef; stateKeys: string[] }) {
  const { t } = useTranslation();
  const path = `definition.states.${index}`;
  const count = form.values.definition.states.length;
  const setActor = (at: string) => (value: ActorSpec | undefined) => form.setFieldValue(at, value as never);
  const rename = (next: string) => {
    const old = state.key;
    // References follow a renamed state, unless another state still carries the old key.
    if (old && stateKeys.filter((k) => k === old).length === 1 && !stateKeys.includes(next)) form.setFieldValue('definition', renameState(form.values.definition, old, next));
    else form.setFieldValue(`${path}.key`, next);
  };
  return (
    <Paper withBorder p="md" data-testid="process-state" data-key={state.key} data-index={index}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Text fw={700}>{t('processes.place.state', { n: index + 1, key: state.key })}</Text>
            {form.values.definition.initial === state.key && <Badge size="xs">{t('processes.fields.initial')}</Badge>}
            {state.final && (
              <Badge size="xs" color="gray">
                {t('processes.fields.final')}
              </Badge>
            )}
          </Group>
          <Group gap={4}>
            <ActionIcon variant="subtle" color="gray" disabled={index === 0} onClick={() => form.reorderListItem('definition.states', { from: index, to: index - 1 })} aria-label={t('processes.editor.moveUp')}>
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon variant="subtle" color="gray" disabled={index === count - 1} onClick={() => form.reorderListItem('definition.states', { from: index, to: index + 1 })} aria-label={t('processes.editor.moveDown')}>
              <IconArrowDown size={16} />
            </ActionIcon>
            <Tooltip label={t('processes.editor.removeState')}>
              <ActionIcon variant="subtle" color="red" onClick={() => form.removeListItem('definition.states', index)} aria-label={t('processes.editor.removeState')} data-testid="remove-state">
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        <PathErrors form={form} paths={[path, `${path}.approval`, `${path}.timeLimit`]} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label={t('processes.fields.key')} withAsterisk value={state.key} onChange={(e) => rename(e.currentTarget.value)} error={form.errors[`${path}.key`]} className="mono" data-testid="state-key" />
          <TextInput label={t('processes.fields.nameZh')} withAsterisk {...form.getInputProps(`${path}.nameZh`)} data-testid="state-nameZh" />
          <TextInput label={t('processes.fields.nameEn')} withAsterisk {...form.getInputProps(`${path}.nameEn`)} data-testid="state-nameEn" />
        </SimpleGrid>
        <Group gap="lg">
          <Checkbox label={t('processes.fields.stage')} description={t('processes.fields.stageHint')} {...form.getInputProps(`${path}.stage`, { type: 'checkbox' })} data-testid="state-stage" />
          <Checkbox label={t('processes.fields.final')} {...form.getInputProps(`${path}.final`, { type: 'checkbox' })} data-testid="state-final" />
        </Group>
        {!state.final && (
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
            <Section title={t('processes.fields.actor')}>
              <ActorEditor label={t('processes.actor.who')} value={state.actor} onChange={setActor(`${path}.actor`)} errors={actorErrors(form, `${path}.actor`)} states={stateKeys} optional testId="state-actor" />
            </Section>
            <Section title={t('processes.fields.timeLimit')}>
              <Checkbox
                label={t('processes.fields.hasTimeLimit')}
                checked={!!state.timeLimit}
                onChange={(e) => form.setFieldValue(`${path}.timeLimit`, (e.currentTarget.checked ? { hours: 24, onBreach: 'escalate' } : undefined) as never)}
                data-testid="state-has-limit"
              />
              {state.timeLimit && (
                <>
                  <Group gap="sm" grow>
                    <NumberInput label={t('processes.fields.hours')} min={0} decimalScale={2} {...form.getInputProps(`${path}.timeLimit.hours`)} data-testid="state-hours" />
                    <NumberInput label={t('processes.fields.remindBefore')} min={0} decimalScale={2} {...form.getInputProps(`${path}.timeLimit.remindBeforeHours`)} data-testid="state-remind" />
                  </Group>
                  <Select
                    label={t('processes.fields.onBreach')}
                    data={ON_BREACH.map((v) => ({ value: v, label: t(`processes.onBreach.${v}`) }))}
                    allowDeselect={false}
                    {...form.getInputProps(`${path}.timeLimit.onBreach`)}
                    data-testid="state-on-breach"
                  />
                  {state.timeLimit.onBreach === 'reassign' && (
                    <ActorEditor
                      label={t('processes.fields.reassignTo')}
                      value={state.timeLimit.reassignTo}
                      onChange={setActor(`${path}.timeLimit.reassignTo`)}
                      errors={actorErrors(form, `${path}.timeLimit.reassignTo`)}
                      states={stateKeys}
                      optional
                      testId="state-reassign"
                    />
                  )}
                </>
              )}
            </Section>
            <Section title={t('processes.fields.approval')}>
              <Checkbox
                label={t('processes.fields.isApproval')}
                checked={!!state.approval}
                onChange={(e) => form.setFieldValue(`${path}.approval`, (e.currentTarget.checked ? { approvers: newActor('role'), mode: 'any' } : undefined) as never)}
                data-testid="state-is-approval"
              />
              {state.approval && (
                <>
                  <ActorEditor
                    label={t('processes.fields.approvers')}
                    value={state.approval.approvers}
                    onChange={(v) => form.setFieldValue(`${path}.approval.approvers`, (v ?? newActor('role')) as never)}
                    errors={actorErrors(form, `${path}.approval.approvers`)}
                    states={stateKeys}
                    testId="state-approvers"
                  />
                  <Select
                    label={t('processes.fields.mode')}
                    data={APPROVAL_MODES.map((v) => ({ value: v, label: t(`processes.mode.${v}`) }))}
                    allowDeselect={false}
                    {...form.getInputProps(`${path}.approval.mode`)}
                    data-testid="state-mode"
                  />
                </>
              )}
            </Section>
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}

function TransitionCard({ form, index, stateKeys }: { form: Form; index: number; stateKeys: string[] }) {
  const { t } = useTranslation();
  const path = `definition.transitions.${index}`;
  const tr = form.values.definition.transitions[index]!;
  const states = [...new Set(stateKeys.filter(Boolean))];
  return (
    <Paper withBorder p="md" data-testid="process-transition" data-key={tr.key} data-index={index}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700}>
            {t('processes.place.transition', { n: index + 1, key: tr.key })}
            <Text span c="dimmed" fw={400} ml="xs" className="mono">
              {tr.from} → {tr.to}
            </Text>
          </Text>
          <ActionIcon variant="subtle" color="red" onClick={() => form.removeListItem('definition.transitions', index)} aria-label={t('processes.editor.removeTransition')} data-testid="remove-transition">
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
        <PathErrors form={form} paths={[path]} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label={t('processes.fields.key')} withAsterisk className="mono" {...form.getInputProps(`${path}.key`)} data-testid="transition-key" />
          <TextInput label={t('processes.fields.nameZh')} withAsterisk {...form.getInputProps(`${path}.nameZh`)} data-testid="transition-nameZh" />
          <TextInput label={t('processes.fields.nameEn')} withAsterisk {...form.getInputProps(`${path}.nameEn`)} data-testid="transition-nameEn" />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <Select label={t('processes.fields.from')} data={states} allowDeselect={false} {...form.getInputProps(`${path}.from`)} data-testid="transition-from" />
          <Select label={t('processes.fields.to')} data={states} allowDeselect={false} {...form.getInputProps(`${path}.to`)} data-testid="transition-to" />
          <Select
            label={t('processes.fields.trigger')}
            data={TRIGGERS.map((v) => ({ value: v, label: t(`processes.trigger.${v}`) }))}
            allowDeselect={false}
            {...form.getInputProps(`${path}.trigger`)}
            data-testid="transition-trigger"
          />
          {tr.trigger === 'signal' ? (
            <TextInput label={t('processes.fields.signal')} placeholder="visit_recorded" className="mono" {...form.getInputProps(`${path}.signal`)} data-testid="transition-signal" />
          ) : (
            <Select
              label={t('processes.fields.effect')}
              placeholder={t('processes.effect.none')}
              data={EFFECTS.map((v) => ({ value: v, label: t(`processes.effect.${v}`) }))}
              clearable
              value={tr.effect ?? null}
              onChange={(v) => form.setFieldValue(`${path}.effect`, (v ?? undefined) as never)}
              error={form.errors[`${path}.effect`]}
              data-testid="transition-effect"
            />
          )}
        </SimpleGrid>
        {tr.trigger === 'signal' && (
          <Select
            w={{ base: '100%', sm: 300 }}
            label={t('processes.fields.effect')}
            placeholder={t('processes.effect.none')}
            data={EFFECTS.map((v) => ({ value: v, label: t(`processes.effect.${v}`) }))}
            clearable
            value={tr.effect ?? null}
            onChange={(v) => form.setFieldValue(`${path}.effect`, (v ?? undefined) as never)}
            data-testid="transition-effect"
          />
        )}
        <Checkbox label={t('processes.fields.commentRequired')} {...form.getInputProps(`${path}.commentRequired`, { type: 'checkbox' })} data-testid="transition-comment" />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Section title={t('processes.fields.guards')}>
            <PathErrors form={form} paths={[`${path}.guards`]} />
            {tr.guards.map((g, gi) => (
              <Group key={gi} gap="xs" wrap="nowrap" align="flex-start" data-testid="transition-guard">
                <TextInput flex={1} aria-label={t('processes.fields.guardVar')} placeholder={t('processes.fields.guardVar')} {...form.getInputProps(`${path}.guards.${gi}.var`)} />
                <Select w={110} aria-label={t('processes.fields.guardOp')} data={GUARD_OPS.map((v) => ({ value: v, label: t(`processes.op.${v}`) }))} allowDeselect={false} {...form.getInputProps(`${path}.guards.${gi}.op`)} />
                {g.op !== 'present' && g.op !== 'absent' && (
                  <TextInput
                    w={100}
                    aria-label={t('processes.fields.guardValue')}
                    placeholder={t('processes.fields.guardValue')}
                    value={g.value === undefined ? '' : String(g.value)}
                    onChange={(e) => form.setFieldValue(`${path}.guards.${gi}.value`, guardValue(e.currentTarget.value) as never)}
                    error={form.errors[`${path}.guards.${gi}.value`]}
                  />
                )}
                <ActionIcon variant="subtle" color="red" mt={6} onClick={() => form.removeListItem(`${path}.guards`, gi)} aria-label={t('processes.editor.remove')}>
                  <IconTrash size={14} />
                </ActionIcon>
              </Group>
            ))}
            <Button size="xs" variant="subtle" w="fit-content" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem(`${path}.guards`, { var: '', op: 'eq', value: '' })}>
              {t('processes.editor.addGuard')}
            </Button>
          </Section>
          <Section title={t('processes.fields.form')}>
            {tr.form.map((_, fi) => (
              <Group key={fi} gap="xs" wrap="nowrap" align="flex-start" data-testid="transition-field">
                <TextInput flex={1} aria-label={t('processes.fields.fieldKey')} placeholder={t('processes.fields.fieldKey')} className="mono" {...form.getInputProps(`${path}.form.${fi}.key`)} />
                <Select w={110} aria-label={t('processes.fields.fieldType')} data={FIELD_TYPES.map((v) => ({ value: v, label: t(`processes.fieldType.${v}`) }))} allowDeselect={false} {...form.getInputProps(`${path}.form.${fi}.type`)} />
                <Checkbox mt={8} label={t('processes.fields.required')} {...form.getInputProps(`${path}.form.${fi}.required`, { type: 'checkbox' })} />
                <ActionIcon variant="subtle" color="red" mt={6} onClick={() => form.removeListItem(`${path}.form`, fi)} aria-label={t('processes.editor.remove')}>
                  <IconTrash size={14} />
                </ActionIcon>
              </Group>
            ))}
            <Button size="xs" variant="subtle" w="fit-content" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem(`${path}.form`, { key: '', type: 'text', required: false })}>
              {t('processes.editor.addField')}
            </Button>
          </Section>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
