import { useState } from 'react';
import { Alert, Anchor, Badge, Button, EmptyState, Group, Modal, Paper, SegmentedControl, Skeleton, Stack, Table, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconChecklist, IconInfoCircle, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/auth.tsx';
import { ErrorAlert, usePageTitle } from '../../app/components.tsx';
import { isApiError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { AdjustmentStatusBadge, Points } from './labels.tsx';
import { useAdjustments, useDecide } from './queries.ts';
import type { AdjustmentStatus, CreditAdjustment } from './types.ts';

const SHOWN_STATUSES = ['pending', 'approved', 'rejected'] as const satisfies readonly AdjustmentStatus[];

interface Decision {
  adjustment: CreditAdjustment;
  approve: boolean;
}

/** Why a decision failed, in words the approver can act on: someone else was quicker, or it is his own request. */
function DecisionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error) && error.status === 409) {
    return (
      <Alert color="orange" variant="light" icon={<IconInfoCircle size={18} />} title={t('credit.approvals.conflict')} role="alert" data-testid="credit-decision-conflict">
        {t('credit.approvals.conflictHint')}
      </Alert>
    );
  }
  if (isApiError(error) && error.status === 403) {
    return (
      <Alert color="red" variant="light" icon={<IconInfoCircle size={18} />} title={t('credit.approvals.forbidden')} role="alert" data-testid="credit-decision-forbidden">
        {error.code === 'CREDIT_OWN_REQUEST' ? t('credit.approvals.forbiddenOwn') : error.title}
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}

function DecisionForm({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const decide = useDecide();
  const [comment, setComment] = useState('');
  const { adjustment, approve } = decision;
  // After a 409 or 403 there is nothing left to decide here: only closing.
  const final = isApiError(decide.error) && (decide.error.status === 409 || decide.error.status === 403);
  const submit = () =>
    decide.mutate(
      { adjustment, approve, comment: comment.trim() || null },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: approve ? t('credit.approvals.approved') : t('credit.approvals.rejected') });
          onClose();
        },
      },
    );
  return (
    <Stack gap="sm" data-testid="credit-decision-form">
      <Paper withBorder p="sm" radius="sm">
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{adjustment.customerName}</Text>
          <Text size="sm" c="dimmed" className="mono">
            {adjustment.customerCode}
          </Text>
        </Group>
        <Group gap="xs" mt={4}>
          <Points points={adjustment.points} />
          <Text size="sm" c="dimmed">
            {adjustment.currentScore === null ? t('credit.approvals.notScored') : t('credit.approvals.currentScoreIs', { score: adjustment.currentScore })}
          </Text>
        </Group>
        <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {adjustment.reason}
        </Text>
        <Text size="xs" c="dimmed" mt={4}>
          {t('credit.requestedBy', { name: adjustment.requestedByName, time: format.dateTime(adjustment.requestedAt) })}
        </Text>
      </Paper>
      {decide.error && <DecisionError error={decide.error} />}
      {!final && (
        <Textarea
          label={t('credit.approvals.comment')}
          description={approve ? t('credit.approvals.commentHint') : t('credit.approvals.commentRejectHint')}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={2000}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          data-autofocus
          data-testid="credit-decision-comment"
        />
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose} data-testid="credit-decision-close">
          {final ? t('credit.approvals.close') : t('common.cancel')}
        </Button>
        {!final && (
          <Button
            color={approve ? 'teal' : 'red'}
            loading={decide.isPending}
            leftSection={approve ? <IconCheck size={16} /> : <IconX size={16} />}
            onClick={submit}
            data-testid="credit-decision-submit"
          >
            {approve ? t('credit.approvals.approve') : t('credit.approvals.reject')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function Row({ adjustment, own, onDecide }: { adjustment: CreditAdjustment; own: boolean; onDecide: (decision: Decision) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const pending = adjustment.status === 'pending';
  return (
    <Table.Tr data-testid="credit-approval-row" data-id={adjustment.id} data-customer-id={adjustment.customerId} data-own={own || undefined}>
      <Table.Td miw={160}>
        <Anchor component={Link} to={`/customers/${adjustment.customerId}`} fw={600} size="sm" data-testid="credit-approval-customer">
          {adjustment.customerName}
        </Anchor>
        <Text size="xs" c="dimmed" className="mono">
          {adjustment.customerCode}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Points points={adjustment.points} testId="credit-approval-points" />
      </Table.Td>
      <Table.Td miw={220} maw={420}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} lineClamp={4} data-testid="credit-approval-reason">
          {adjustment.reason}
        </Text>
        {!pending && adjustment.decidedAt && (
          <Text size="xs" c="dimmed" mt={2}>
            {t('credit.decidedBy', { name: adjustment.decidedByName ?? '—', time: format.dateTime(adjustment.decidedAt) })}
            {adjustment.decisionComment ? ` · ${adjustment.decisionComment}` : ''}
          </Text>
        )}
      </Table.Td>
      <Table.Td miw={140}>
        <Text size="sm">{adjustment.requestedByName}</Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {format.dateTime(adjustment.requestedAt)}
        </Text>
      </Table.Td>
      <Table.Td ta="right" data-testid="credit-approval-score">
        {adjustment.currentScore ?? '—'}
      </Table.Td>
      <Table.Td>
        {!pending ? (
          <AdjustmentStatusBadge status={adjustment.status} />
        ) : own ? (
          // The server refuses it too (403); saying so up front spares the approver a failed click.
          <Tooltip label={t('credit.approvals.ownHint')} withArrow multiline maw={240}>
            <Badge variant="outline" color="gray" miw="max-content" data-testid="credit-approval-own">
              {t('credit.approvals.own')}
            </Badge>
          </Tooltip>
        ) : (
          <Group gap={6} wrap="nowrap">
            <Button size="xs" color="teal" leftSection={<IconCheck size={14} />} onClick={() => onDecide({ adjustment, approve: true })} data-testid="credit-approve">
              {t('credit.approvals.approve')}
            </Button>
            <Button size="xs" variant="light" color="red" leftSection={<IconX size={14} />} onClick={() => onDecide({ adjustment, approve: false })} data-testid="credit-reject">
              {t('credit.approvals.reject')}
            </Button>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Manual score adjustments waiting for a decision, in the approver's scope. */
export default function ApprovalsPage() {
  const { t } = useTranslation();
  usePageTitle(t('credit.approvals.title'));
  const me = useCurrentUser();
  const [status, setStatus] = useState<(typeof SHOWN_STATUSES)[number]>('pending');
  const adjustments = useAdjustments(status);
  const [decision, setDecision] = useState<Decision | null>(null);
  const close = () => setDecision(null);

  return (
    <Stack gap="md" data-testid="credit-approvals">
      <div>
        <Title order={1} fz="h2">
          {t('credit.approvals.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('credit.approvals.intro')}
        </Text>
      </div>
      <SegmentedControl
        w="fit-content"
        value={status}
        onChange={(value) => setStatus(value as typeof status)}
        data={SHOWN_STATUSES.map((value) => ({ value, label: t(`credit.status.${value}`) }))}
        data-testid="credit-approvals-status"
      />
      <Paper withBorder p={{ base: 'xs', sm: 'md' }}>
        {adjustments.isPending ? (
          <Stack gap="xs" aria-busy>
            <Skeleton height={24} />
            <Skeleton height={24} />
          </Stack>
        ) : adjustments.error ? (
          <ErrorAlert error={adjustments.error} />
        ) : adjustments.data.length === 0 ? (
          <EmptyState
            py="lg"
            icon={<IconChecklist size={24} />}
            title={status === 'pending' ? t('credit.approvals.empty') : t('credit.approvals.emptyOther')}
            description={status === 'pending' ? t('credit.approvals.emptyHint') : undefined}
            data-testid="credit-approvals-empty"
          />
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="sm" highlightOnHover data-testid="credit-approvals-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('credit.approvals.columns.customer')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('credit.approvals.columns.points')}
                  </Table.Th>
                  <Table.Th scope="col">{t('credit.approvals.columns.reason')}</Table.Th>
                  <Table.Th scope="col">{t('credit.approvals.columns.requestedBy')}</Table.Th>
                  <Table.Th scope="col" ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {t('credit.approvals.columns.currentScore')}
                  </Table.Th>
                  <Table.Th scope="col">{status === 'pending' ? t('credit.approvals.columns.decision') : t('credit.approvals.columns.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {adjustments.data.map((a) => (
                  <Row key={a.id} adjustment={a} own={a.requestedBy === me.user.id} onDecide={setDecision} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Modal
        opened={decision !== null}
        onClose={close}
        title={decision?.approve ? t('credit.approvals.approveTitle') : t('credit.approvals.rejectTitle')}
        size="lg"
      >
        {decision && <DecisionForm key={`${decision.adjustment.id}-${decision.approve}`} decision={decision} onClose={close} />}
      </Modal>
    </Stack>
  );
}
