import { useState, type ReactNode } from 'react';
import { Alert, Button, CopyButton, Group, Modal, NumberInput, Paper, Rating, SegmentedControl, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconHandGrab, IconLink, IconMessageCircle, IconPencil, IconPhoneCall, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/components.tsx';
import { fieldErrors, isApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { OrgUnitSelect } from '../customers/OrgUnitSelect.tsx';
import { useOrgUnits } from '../customers/queries.ts';
import { UserSelect } from '../customers/UserSelect.tsx';
import { CategorySelect, useBilingual, useServiceLabels } from './labels.tsx';
import { isCaseMoved, useCategories, useClaim, useDecision, useEditTicket, useReturnVisit, useStep, useVisitLink } from './queries.ts';
import { PRIORITIES, type Priority, type TicketDetail, type TransitionAction } from './types.ts';

/**
 * After a conflict (someone acted since the page was loaded) the dialog closes, the page reloads
 * the ticket (the queries do), and the agent reads the server's own words about what happened.
 */
function useConflict(onClose: () => void) {
  const { t } = useTranslation();
  return (error: unknown) => {
    if (!isCaseMoved(error)) return false;
    notifications.show({ color: 'orange', title: t('service.actions.moved'), message: isApiError(error) ? error.title : '', autoClose: 10_000 });
    onClose();
    return true;
  };
}

const message = (errors: Record<string, string>, key: string) => errors[key];

function TransitionForm({ detail, transition, onClose }: { detail: TicketDetail; transition: TransitionAction; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const step = useStep(detail.ticket);
  const units = useOrgUnits();
  const conflict = useConflict(onClose);
  const [values, setValues] = useState<Record<string, string | number | null>>({});
  const [comment, setComment] = useState('');
  const [assigneeKind, setAssigneeKind] = useState<'unit' | 'user'>('unit');
  const [assignee, setAssignee] = useState<string | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(step.error), ...local };
  // A field's message goes once the field is changed.
  const changed = (key: string) => local[key] !== undefined && setLocal(({ [key]: _, ...rest }) => rest);
  const unplaced = step.error && !isCaseMoved(step.error) && !(isApiError(step.error) && step.error.errors.length > 0);

  const submit = () => {
    const problems: Record<string, string> = {};
    for (const field of transition.form) {
      const value = values[field.key];
      if (field.required && (value === undefined || value === null || value === '')) problems[`data.${field.key}`] = t('validation.required');
    }
    if (transition.commentRequired && !comment.trim()) problems.comment = t('validation.required');
    if (transition.chooseAssignee && !assignee) problems.assignee = t('validation.required');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const data = Object.fromEntries(transition.form.filter((f) => values[f.key] !== undefined && values[f.key] !== '').map((f) => [f.key, values[f.key] ?? null]));
    step.mutate(
      {
        transition: transition.key,
        expectedSeq: detail.case.seq,
        comment: comment.trim() || null,
        data: Object.keys(data).length ? data : undefined,
        assignee: transition.chooseAssignee && assignee ? (assigneeKind === 'unit' ? { unitId: Number(assignee) } : { userId: Number(assignee) }) : undefined,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('service.actions.done') });
          onClose();
        },
        onError: conflict,
      },
    );
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
      data-testid="transition-form"
      data-transition={transition.key}
    >
      <Stack gap="sm">
        {unplaced && <ErrorAlert error={step.error} />}
        {transition.form.map((field) => {
          const common = { key: field.key, label: labels.field(field.key), withAsterisk: field.required, error: message(errors, `data.${field.key}`), 'data-testid': `field-${field.key}` };
          if (field.type === 'score') {
            return (
              <Stack gap={4} key={field.key}>
                <Text size="sm" fw={500}>
                  {common.label}
                </Text>
                <Rating value={Number(values[field.key] ?? 0)} onChange={(v) => (changed(`data.${field.key}`), setValues({ ...values, [field.key]: v }))} size="lg" data-testid={common['data-testid']} />
                {common.error && (
                  <Text size="xs" c="red">
                    {common.error}
                  </Text>
                )}
              </Stack>
            );
          }
          if (field.type === 'number') return <NumberInput {...common} value={values[field.key] ?? ''} onChange={(v) => (changed(`data.${field.key}`), setValues({ ...values, [field.key]: typeof v === 'number' ? v : null }))} />;
          return <Textarea {...common} autosize minRows={2} maxRows={8} value={String(values[field.key] ?? '')} onChange={(e) => (changed(`data.${field.key}`), setValues({ ...values, [field.key]: e.currentTarget.value }))} />;
        })}
        {transition.chooseAssignee && (
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('service.actions.assignTo')}
              <Text span c="red">
                {' *'}
              </Text>
            </Text>
            <SegmentedControl
              value={assigneeKind}
              onChange={(v) => {
                setAssigneeKind(v as 'unit' | 'user');
                setAssignee(null);
              }}
              data={[
                { value: 'unit', label: t('service.actions.toUnit') },
                { value: 'user', label: t('service.actions.toUser') },
              ]}
              data-testid="assignee-kind"
            />
            {assigneeKind === 'unit' ? (
              <OrgUnitSelect units={units.data ?? []} value={assignee} onChange={(v) => (changed('assignee'), setAssignee(v))} aria-label={t('service.actions.toUnit')} error={message(errors, 'assignee') ?? message(errors, 'assignee.unitId')} comboboxProps={{ withinPortal: true }} data-testid="assignee-unit" />
            ) : (
              <UserSelect value={assignee} onChange={(v) => (changed('assignee'), setAssignee(v))} aria-label={t('service.actions.toUser')} error={message(errors, 'assignee') ?? message(errors, 'assignee.userId')} data-testid="assignee-user" />
            )}
          </Stack>
        )}
        <Textarea
          label={t('service.actions.comment')}
          withAsterisk={transition.commentRequired}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={5000}
          value={comment}
          onChange={(e) => (changed('comment'), setComment(e.currentTarget.value))}
          error={message(errors, 'comment')}
          data-testid="step-comment"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={step.isPending} data-testid="step-submit">
            {t('service.actions.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DecisionForm({ detail, approve, onClose }: { detail: TicketDetail; approve: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecision(detail.ticket);
  const conflict = useConflict(onClose);
  const [comment, setComment] = useState('');
  const submit = () =>
    decide.mutate(
      { approve, comment: comment.trim() || null, expectedSeq: detail.case.seq },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: approve ? t('service.actions.approved') : t('service.actions.rejected') });
          onClose();
        },
        onError: conflict,
      },
    );
  return (
    <Stack gap="sm" data-testid="decision-form">
      {decide.error && !isCaseMoved(decide.error) && <ErrorAlert error={decide.error} />}
      {detail.ticket.solution && (
        <Paper withBorder p="xs" bg="var(--mantine-color-default-hover)">
          <Text size="xs" c="dimmed">
            {t('service.field.solution')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {detail.ticket.solution}
          </Text>
        </Paper>
      )}
      <Textarea label={t('service.actions.comment')} autosize minRows={2} maxLength={5000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} data-testid="decision-comment" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button color={approve ? 'teal' : 'red'} onClick={submit} loading={decide.isPending} data-testid="decision-submit">
          {approve ? t('service.actions.approve') : t('service.actions.reject')}
        </Button>
      </Group>
    </Stack>
  );
}

function VisitForm({ detail, onClose }: { detail: TicketDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const visit = useReturnVisit(detail.ticket);
  const conflict = useConflict(onClose);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = () => {
    if (!score) return setMissing(true);
    visit.mutate(
      { score, comment: comment.trim() || null, expectedSeq: detail.case.seq },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('service.visit.recorded') });
          onClose();
        },
        onError: conflict,
      },
    );
  };
  return (
    <Stack gap="sm" data-testid="visit-form">
      {visit.error && !isCaseMoved(visit.error) && <ErrorAlert error={visit.error} />}
      <Text size="sm" c="dimmed">
        {t('service.visit.hint')}
      </Text>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('service.visit.score')}
        </Text>
        <Rating value={score} onChange={setScore} size="xl" data-testid="visit-score" />
        {missing && !score && (
          <Text size="xs" c="red">
            {t('service.visit.scoreRequired')}
          </Text>
        )}
      </Stack>
      <Textarea label={t('service.visit.comment')} autosize minRows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} data-testid="visit-comment" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={visit.isPending} data-testid="visit-submit">
          {t('service.visit.record')}
        </Button>
      </Group>
    </Stack>
  );
}

function VisitLinkBox({ detail }: { detail: TicketDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const link = useVisitLink(detail.ticket.id);
  const url = link.data ? `${window.location.origin}${link.data.path}` : '';
  return (
    <Stack gap={6}>
      <Button variant="light" leftSection={<IconLink size={16} />} onClick={() => link.mutate()} loading={link.isPending} data-testid="visit-link">
        {t('service.visit.link')}
      </Button>
      {link.error && <ErrorAlert error={link.error} />}
      {link.data && (
        <Stack gap={4} data-testid="visit-link-box">
          <Group gap={4} wrap="nowrap">
            <TextInput value={url} readOnly aria-label={t('service.visit.link')} style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} data-testid="visit-link-url" />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} px="xs">
                  {copied ? t('service.visit.copied') : t('service.visit.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="xs" c="dimmed">
            {t('service.visit.linkHint', { date: format.dateTime(link.data.expiresAt) })}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}

function EditForm({ detail, onClose }: { detail: TicketDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const categories = useCategories();
  const edit = useEditTicket(detail.ticket);
  const { ticket } = detail;
  const [priority, setPriority] = useState<Priority>(ticket.priority);
  const [categoryId, setCategoryId] = useState<string | null>(ticket.categoryId ? String(ticket.categoryId) : null);
  const [content, setContent] = useState(ticket.serviceContent ?? '');
  const [charge, setCharge] = useState(ticket.serviceCharge ?? '');
  const errors = fieldErrors(edit.error);
  const submit = () =>
    edit.mutate(
      { priority, categoryId: categoryId ? Number(categoryId) : null, serviceContent: content.trim() || null, serviceCharge: charge.trim() || null },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('service.edit.saved') });
          onClose();
        },
      },
    );
  return (
    <Stack gap="sm" data-testid="edit-form">
      {edit.error && Object.keys(errors).length === 0 && <ErrorAlert error={edit.error} />}
      <SegmentedControl value={priority} onChange={(value) => setPriority(value as Priority)} data={PRIORITIES.map((p) => ({ value: p, label: labels.priority(p) }))} aria-label={t('service.fields.priority')} />
      <CategorySelect label={t('service.fields.category')} categories={categories.data} value={categoryId} onChange={setCategoryId} error={errors.categoryId} comboboxProps={{ withinPortal: true }} />
      <Textarea label={t('service.fields.serviceContent')} autosize minRows={2} maxLength={5000} value={content} onChange={(e) => setContent(e.currentTarget.value)} error={errors.serviceContent} data-testid="edit-content" />
      <TextInput label={t('service.fields.serviceCharge')} description={t('service.edit.chargeHint')} value={charge} onChange={(e) => setCharge(e.currentTarget.value)} error={errors.serviceCharge} inputMode="decimal" data-testid="edit-charge" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={edit.isPending} data-testid="edit-submit">
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

type Dialog = { kind: 'transition'; transition: TransitionAction } | { kind: 'decide'; approve: boolean } | { kind: 'visit' } | { kind: 'edit' } | null;

/** What this user may do now, as the server lists it: one button per step, deciding, claiming, the return visit. */
export function TicketActions({ detail }: { detail: TicketDetail }) {
  const { t } = useTranslation();
  const bilingual = useBilingual();
  const [dialog, setDialog] = useState<Dialog>(null);
  const claim = useClaim(detail.ticket);
  const conflict = useConflict(() => undefined);
  const { actions } = detail;
  const close = () => setDialog(null);
  const any = actions.transitions.length > 0 || actions.decide || actions.claim || actions.returnVisit || actions.edit;
  const title: ReactNode =
    dialog?.kind === 'transition'
      ? bilingual(dialog.transition.nameZh, dialog.transition.nameEn)
      : dialog?.kind === 'decide'
        ? dialog.approve
          ? t('service.actions.approve')
          : t('service.actions.reject')
        : dialog?.kind === 'visit'
          ? t('service.visit.title')
          : dialog?.kind === 'edit'
            ? t('service.edit.title')
            : null;

  return (
    <Paper withBorder p="md" component="section" aria-label={t('service.actions.title')} data-testid="ticket-actions">
      <Title order={2} fz="md" mb="sm">
        {t('service.actions.title')}
      </Title>
      {!any && (
        <Text size="sm" c="dimmed" data-testid="no-actions">
          {detail.ticket.status === 'closed' ? t('service.actions.closed') : t('service.actions.none')}
        </Text>
      )}
      <Stack gap="xs">
        {actions.claim && (
          <Button
            variant="filled"
            color="grape"
            leftSection={<IconHandGrab size={16} />}
            loading={claim.isPending}
            onClick={() =>
              claim.mutate({ expectedSeq: detail.case.seq }, { onSuccess: () => notifications.show({ color: 'teal', message: t('service.actions.claimed') }), onError: (e) => conflict(e) })
            }
            data-testid="claim"
          >
            {t('service.actions.claim')}
          </Button>
        )}
        {claim.error && !isCaseMoved(claim.error) && <ErrorAlert error={claim.error} />}
        {actions.transitions.map((transition) => (
          <Button
            key={transition.key}
            variant={transition.commentRequired && !transition.form.length ? 'default' : 'light'}
            onClick={() => setDialog({ kind: 'transition', transition })}
            data-testid="transition"
            data-transition={transition.key}
          >
            {bilingual(transition.nameZh, transition.nameEn)}
          </Button>
        ))}
        {actions.decide && (
          <Group grow gap="xs">
            <Button color="teal" leftSection={<IconCheck size={16} />} onClick={() => setDialog({ kind: 'decide', approve: true })} data-testid="approve">
              {t('service.actions.approve')}
            </Button>
            <Button color="red" variant="light" leftSection={<IconX size={16} />} onClick={() => setDialog({ kind: 'decide', approve: false })} data-testid="reject">
              {t('service.actions.reject')}
            </Button>
          </Group>
        )}
        {actions.returnVisit && (
          <>
            <Button leftSection={<IconPhoneCall size={16} />} onClick={() => setDialog({ kind: 'visit' })} data-testid="return-visit">
              {t('service.visit.title')}
            </Button>
            <VisitLinkBox detail={detail} />
          </>
        )}
        {actions.edit && detail.ticket.status === 'open' && (
          <Button variant="subtle" leftSection={<IconPencil size={16} />} onClick={() => setDialog({ kind: 'edit' })} data-testid="edit-ticket">
            {t('service.edit.title')}
          </Button>
        )}
        {detail.case.approvals.length > 0 && (
          <Alert variant="light" color="yellow" icon={<IconMessageCircle size={16} />} p="xs" data-testid="approvals">
            <Text size="xs" fw={600}>
              {t('service.actions.awaitingApproval')}
            </Text>
            {detail.case.approvals.map((a) => (
              <Text size="xs" key={a.userId}>
                {a.userName}: {a.decision ? t(`service.decision.${a.decision}` as 'service.decision.approved') : t('service.decision.pending')}
              </Text>
            ))}
          </Alert>
        )}
      </Stack>
      <Modal opened={dialog !== null} onClose={close} title={title} size="lg">
        {dialog?.kind === 'transition' && <TransitionForm detail={detail} transition={dialog.transition} onClose={close} />}
        {dialog?.kind === 'decide' && <DecisionForm detail={detail} approve={dialog.approve} onClose={close} />}
        {dialog?.kind === 'visit' && <VisitForm detail={detail} onClose={close} />}
        {dialog?.kind === 'edit' && <EditForm detail={detail} onClose={close} />}
      </Modal>
    </Paper>
  );
}
