import type { ReactNode } from 'react';
import { Anchor, Badge, Grid, Group, Paper, Rating, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconArrowBackUp, IconBulb, IconCircleCheck, IconClock, IconHandGrab, IconPlayerPlay, IconUrgent } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert, PageLoader, usePageTitle } from '../../app/components.tsx';
import { formatMoney } from '../holdings/money.ts';
import { useFormat } from '../../lib/format.ts';
import { TicketAttachments } from './TicketAttachments.tsx';
import { NotFoundPage } from '../../app/ErrorPage.tsx';
import { isApiError } from '../../lib/api.ts';
import { PriorityBadge, SlaBadge, StateBadge, TypeBadge, useBilingual, useServiceLabels } from './labels.tsx';
import { useTicket } from './queries.ts';
import { TicketActions } from './TicketActions.tsx';
import { useAssigneeText } from './TicketListPage.tsx';
import type { CaseStep, TicketDetail } from './types.ts';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children || '—'}
      </Text>
    </div>
  );
}

/** The case's steps, oldest first: who did what, when, with what comment and form values. */
function CaseTimeline({ detail }: { detail: TicketDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const bilingual = useBilingual();
  const labels = useServiceLabels();
  const stateName = (key: string | null) => {
    const s = detail.case.states.find((x) => x.key === key);
    return s ? bilingual(s.nameZh, s.nameEn) : (key ?? '');
  };
  const stepName = (step: CaseStep) =>
    bilingual(step.transitionNameZh, step.transitionNameEn) || t(`service.step.${step.transition}` as 'service.step.start', { defaultValue: step.transition });
  const icon = (step: CaseStep) => {
    if (step.transition === 'start') return <IconPlayerPlay size={12} />;
    if (step.transition === 'claim') return <IconHandGrab size={12} />;
    if (step.actorKind === 'system') return <IconUrgent size={12} />;
    if (detail.case.states.find((s) => s.key === step.toState)?.final) return <IconCircleCheck size={12} />;
    if (step.toState && step.fromState && detail.case.states.findIndex((s) => s.key === step.toState) < detail.case.states.findIndex((s) => s.key === step.fromState)) return <IconArrowBackUp size={12} />;
    return <IconClock size={12} />;
  };
  const actor = (step: CaseStep) => step.actorName ?? (step.actorKind === 'customer' ? t('service.timeline.customer') : step.actorKind === 'system' ? t('service.timeline.system') : '—');
  return (
    <Paper withBorder p="md" component="section" aria-label={t('service.timeline.title')}>
      <Title order={2} fz="md" mb="sm">
        {t('service.timeline.title')}
      </Title>
      <Timeline active={detail.case.steps.length - 1} bulletSize={22} lineWidth={2} data-testid="case-timeline">
        {detail.case.steps.map((step) => {
          const data = Object.entries(step.data ?? {}).filter(([key]) => key !== 'from' && key !== 'to');
          return (
            <Timeline.Item key={step.seq} bullet={icon(step)} title={stepName(step)} data-testid="case-step" data-transition={step.transition}>
              <Text size="xs" c="dimmed">
                {actor(step)} · {format.dateTime(step.at)}
                {step.fromState !== step.toState && step.fromState !== null ? ` · ${stateName(step.fromState)} → ${stateName(step.toState)}` : step.fromState === null ? ` · ${stateName(step.toState)}` : ''}
              </Text>
              {data.map(([key, value]) => (
                <Text size="sm" key={key} style={{ whiteSpace: 'pre-wrap' }} data-testid="step-data">
                  <Text span c="dimmed" inherit>
                    {t('common.labelled', { label: labels.field(key) })}
                  </Text>
                  {String(value)}
                </Text>
              ))}
              {step.comment && (
                <Text size="sm" fs="italic" style={{ whiteSpace: 'pre-wrap' }} data-testid="step-comment-text">
                  “{step.comment}”
                </Text>
              )}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Paper>
  );
}

/** One ticket: what it is about, where its case stands, its history, and what this user may do now. */
export default function TicketPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useTicket(id);
  usePageTitle(query.data ? `${query.data.ticket.number} ${query.data.ticket.subject}` : t('service.ticket'));
  if (query.isPending) return <PageLoader />;
  if (query.error) return isApiError(query.error) && query.error.status === 404 ? <NotFoundPage /> : <ErrorAlert error={query.error} />;
  return <TicketView detail={query.data} />;
}

function TicketView({ detail }: { detail: TicketDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const bilingual = useBilingual();
  const labels = useServiceLabels();
  const assignee = useAssigneeText();
  const { ticket } = detail;
  const unit = bilingual(detail.case.assignee.unitName, detail.case.assignee.unitNameEn);
  const who = ticket.status === 'closed' ? '—' : ticket.assigneeName ?? (unit ? `${unit}${ticket.assigneeRole ? ` · ${assignee({ ...ticket, assigneeUnitId: null })}` : ''}` : assignee(ticket));

  return (
    <Stack gap="md" data-testid="ticket-page" data-state={ticket.state} data-seq={detail.case.seq}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Text ff="monospace" c="dimmed" data-testid="ticket-number">
            {ticket.number}
          </Text>
          <TypeBadge type={ticket.type} />
          <PriorityBadge priority={ticket.priority} />
          <StateBadge ticket={ticket} />
          <SlaBadge ticket={ticket} size="md" />
          {ticket.escalated && (
            <Badge color="red" variant="outline">
              {t('service.escalated')}
            </Badge>
          )}
        </Group>
        <Title order={1} fz="h2" data-testid="ticket-subject">
          {ticket.subject}
        </Title>
      </Stack>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md" component="section" aria-label={t('service.details')}>
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" mb="md">
                <Fact label={t('service.fields.customer')}>
                  <Anchor component={Link} to={`/customers/${ticket.customerId}`} data-testid="ticket-customer-link">
                    {ticket.customerName}
                  </Anchor>
                </Fact>
                <Fact label={t('service.fields.assignee')} testId="ticket-assignee">
                  {who}
                </Fact>
                <Fact label={t('service.fields.stateDue')}>{ticket.stateDueAt ? format.dateTime(ticket.stateDueAt) : null}</Fact>
                <Fact label={t('service.fields.channel')}>{labels.channel(ticket.channel)}</Fact>
                <Fact label={t('service.fields.category')}>{bilingual(ticket.categoryNameZh, ticket.categoryNameEn)}</Fact>
                <Fact label={t('service.fields.process')}>{bilingual(detail.case.process.nameZh, detail.case.process.nameEn)}</Fact>
                <Fact label={t('service.fields.department')}>{bilingual(ticket.departmentNameZh, ticket.departmentNameEn)}</Fact>
                <Fact label={t('service.fields.createdAt')}>
                  {format.dateTime(ticket.createdAt)}
                  {ticket.createdByName ? ` · ${ticket.createdByName}` : ''}
                </Fact>
                <Fact label={t('service.fields.sla')}>{ticket.slaDueAt ? format.dateTime(ticket.slaDueAt) : null}</Fact>
                {ticket.reopenCount > 0 && <Fact label={t('service.fields.reopened')}>{ticket.reopenCount}</Fact>}
                {ticket.satisfaction !== null && (
                  <Fact label={t('service.fields.satisfaction')} testId="ticket-satisfaction">
                    <Rating value={ticket.satisfaction} readOnly size="sm" aria-label={`${ticket.satisfaction}/5`} />
                  </Fact>
                )}
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {t('service.fields.description')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="ticket-description">
                {ticket.description || '—'}
              </Text>
              {(ticket.solution || ticket.resolution || ticket.serviceContent || ticket.serviceCharge) && (
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="md">
                  {ticket.solution && <Fact label={t('service.field.solution')}>{ticket.solution}</Fact>}
                  {ticket.resolution && <Fact label={t('service.field.resolution')}>{ticket.resolution}</Fact>}
                  {ticket.serviceContent && (
                    <Fact label={t('service.fields.serviceContent')} testId="ticket-service-content">
                      {ticket.serviceContent}
                    </Fact>
                  )}
                  {ticket.serviceCharge && (
                    <Fact label={t('service.fields.serviceCharge')} testId="ticket-service-charge">
                      {formatMoney(ticket.serviceCharge, ticket.chargeCurrency ?? 'CNY', format.locale)}
                    </Fact>
                  )}
                </SimpleGrid>
              )}
            </Paper>
            <CaseTimeline detail={detail} />
            {detail.returnVisits.length > 0 && (
              <Paper withBorder p="md" component="section" aria-label={t('service.visit.list')}>
                <Title order={2} fz="md" mb="sm">
                  {t('service.visit.list')}
                </Title>
                <Stack gap="xs">
                  {detail.returnVisits.map((v) => (
                    <Group key={v.id} gap="sm" wrap="nowrap" align="flex-start" data-testid="return-visit-row" data-score={v.score}>
                      <Rating value={v.score} readOnly size="sm" aria-label={`${v.score}/5`} />
                      <div>
                        <Text size="sm">{v.comment || '—'}</Text>
                        <Text size="xs" c="dimmed">
                          {v.via === 'link' ? t('service.visit.viaLink') : v.recordedByName} · {format.dateTime(v.at)}
                        </Text>
                      </div>
                    </Group>
                  ))}
                </Stack>
              </Paper>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <TicketActions detail={detail} />
            <TicketAttachments ticketId={detail.ticket.id} attachments={detail.attachments} />
            <Paper withBorder p="md" component="section" aria-label={t('service.kb.similar')} data-testid="ticket-suggestions">
              <Group gap={6} mb="xs">
                <IconBulb size={16} color="var(--mantine-color-yellow-7)" aria-hidden />
                <Title order={2} fz="md">
                  {t('service.kb.similar')}
                </Title>
              </Group>
              {detail.suggestions.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('service.kb.none')}
                </Text>
              ) : (
                <Stack gap={4}>
                  {detail.suggestions.map((a) => (
                    <Anchor key={a.id} component={Link} to={`/kb/${a.id}`} size="sm" data-testid="kb-suggestion">
                      {bilingual(a.titleZh, a.titleEn)}
                    </Anchor>
                  ))}
                </Stack>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
