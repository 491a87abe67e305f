import { keepPreviousData, useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, type Query } from '../../lib/api.ts';
import type {
  BoardColumn,
  Category,
  InboxItem,
  NewTicketBody,
  Priority,
  ProcessSummary,
  StepBody,
  Suggestion,
  Ticket,
  TicketDetail,
  TicketPage,
  VisitLink,
} from './types.ts';

export const serviceKeys = {
  all: ['tickets'] as const,
  list: (query: Query) => ['tickets', 'list', query] as const,
  one: (id: number) => ['tickets', 'one', id] as const,
  board: (processKey: string) => ['tickets', 'board', processKey] as const,
  categories: ['tickets', 'categories'] as const,
  processes: ['process', 'definitions'] as const,
  inbox: (box: string) => ['process', 'inbox', box] as const,
  suggest: (text: string) => ['kb', 'suggest', text] as const,
  /** Below the customer's own key, so whatever refreshes a customer refreshes his tickets too. */
  customer: (customerId: number) => ['customers', 'one', customerId, 'tickets'] as const,
};

export const TICKET_PAGE = 30;

export function useTicketList(query: Query) {
  return useInfiniteQuery({
    queryKey: serviceKeys.list(query),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => api.get<TicketPage>('/tickets', { ...query, cursor: pageParam, limit: TICKET_PAGE }, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useTicket(id: number) {
  return useQuery({ queryKey: serviceKeys.one(id), queryFn: ({ signal }) => api.get<TicketDetail>(`/tickets/${id}`, undefined, signal) });
}

export function useCustomerTickets(customerId: number) {
  return useQuery({ queryKey: serviceKeys.customer(customerId), queryFn: ({ signal }) => api.get<TicketPage>(`/customers/${customerId}/tickets`, undefined, signal) });
}

export function useBoard(processKey: string) {
  return useQuery({
    queryKey: serviceKeys.board(processKey),
    queryFn: ({ signal }) => api.get<{ columns: BoardColumn[] }>('/tickets/board', { processKey }, signal),
    refetchInterval: 60_000,
  });
}

export function useCategories() {
  return useQuery({ queryKey: serviceKeys.categories, queryFn: ({ signal }) => api.get<Category[]>('/tickets/categories', undefined, signal), staleTime: 10 * 60_000 });
}

export function useProcesses() {
  return useQuery({ queryKey: serviceKeys.processes, queryFn: ({ signal }) => api.get<ProcessSummary[]>('/process/definitions', undefined, signal), staleTime: 10 * 60_000 });
}

export const INBOX_PAGE = 30;

export function useInbox(box: 'mine' | 'department') {
  return useInfiniteQuery({
    queryKey: serviceKeys.inbox(box),
    initialPageParam: undefined as { afterDue: string | null; afterId: number } | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: InboxItem[] }>('/process/inbox', { box, limit: INBOX_PAGE, afterDue: pageParam?.afterDue ?? undefined, afterId: pageParam?.afterId }, signal),
    getNextPageParam: (last) => {
      const tail = last.items[last.items.length - 1];
      return last.items.length === INBOX_PAGE && tail ? { afterDue: tail.dueAt, afterId: tail.id } : undefined;
    },
    refetchInterval: 60_000,
  });
}

/** Published articles like a text (a ticket as it is typed); nothing for a text too short to compare. */
export function useSuggestions(text: string) {
  const trimmed = text.trim();
  return useQuery({
    queryKey: serviceKeys.suggest(trimmed),
    queryFn: ({ signal }) => api.get<Suggestion[]>('/kb/suggest', { text: trimmed.slice(0, 2000) }, signal),
    enabled: trimmed.length >= 2,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** The ticket everywhere it is shown: its page, the queue, the board, the inbox, its customer. */
function useRefresh() {
  const client = useQueryClient();
  return (ticket?: Pick<Ticket, 'id' | 'customerId'>) => {
    void client.invalidateQueries({ queryKey: serviceKeys.all });
    void client.invalidateQueries({ queryKey: ['process', 'inbox'] });
    void client.invalidateQueries({ queryKey: ['notifications'] });
    if (ticket) void client.invalidateQueries({ queryKey: serviceKeys.customer(ticket.customerId) });
  };
}

/** Someone acted on the case since it was loaded: the server says so with this code. */
export const isCaseMoved = (error: unknown) => isApiError(error) && error.status === 409;

export function useCreateTicket() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: NewTicketBody) => api.post<Ticket>('/tickets', body),
    onSuccess: (ticket) => refresh(ticket),
  });
}

/**
 * Every change to a ticket's case (a step, a decision, a claim, a return visit, an edit) answers
 * with the ticket as it now is; after a conflict the page reloads it, so either way it is current.
 */
function useTicketChange<B>(ticket: Pick<Ticket, 'id' | 'customerId'>, send: (body: B) => Promise<TicketDetail | Ticket>) {
  const client = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: send,
    onSuccess: (answer) => {
      if ('case' in answer) client.setQueryData(serviceKeys.one(ticket.id), answer);
      refresh(ticket);
    },
    onError: (error) => {
      if (isCaseMoved(error)) refresh(ticket);
    },
  });
}

export function useStep(ticket: Pick<Ticket, 'id' | 'customerId'>) {
  return useTicketChange(ticket, (body: StepBody) => api.post<TicketDetail>(`/tickets/${ticket.id}/steps`, body));
}

export function useDecision(ticket: Pick<Ticket, 'id' | 'customerId'>) {
  return useTicketChange(ticket, (body: { approve: boolean; comment: string | null; expectedSeq: number }) => api.post<TicketDetail>(`/tickets/${ticket.id}/decision`, body));
}

export function useClaim(ticket: Pick<Ticket, 'id' | 'customerId'>) {
  return useTicketChange(ticket, (body: { expectedSeq: number }) => api.post<TicketDetail>(`/tickets/${ticket.id}/claim`, body));
}

export function useReturnVisit(ticket: Pick<Ticket, 'id' | 'customerId'>) {
  return useTicketChange(ticket, (body: { score: number; comment: string | null; expectedSeq: number }) => api.post<TicketDetail>(`/tickets/${ticket.id}/return-visits`, body));
}

export function useEditTicket(ticket: Pick<Ticket, 'id' | 'customerId'>) {
  return useTicketChange(ticket, (body: { priority?: Priority; categoryId?: number | null; serviceContent?: string | null; serviceCharge?: string | null }) =>
    api.patch<Ticket>(`/tickets/${ticket.id}`, body),
  );
}

export function useVisitLink(ticketId: number) {
  return useMutation({ mutationFn: () => api.post<VisitLink>(`/tickets/${ticketId}/visit-link`) });
}

/** Claims a pool task from the inbox, where only the case's id, seq and subject are known. */
export function useClaimFromInbox() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (item: InboxItem) => api.post<TicketDetail>(`/tickets/${item.subjectId}/claim`, { expectedSeq: item.seq }),
    onSettled: () => refresh(),
  });
}

/** Every state of every process (the queue's state filter), named as the latest versions name them. */
export function useProcessStates() {
  const processes = useProcesses();
  const details = useQueries({
    queries: (processes.data ?? []).map((p) => ({
      queryKey: ['process', 'definition', p.key] as const,
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<{ definition: { states: { key: string; nameZh: string; nameEn: string; final: boolean }[] } }>(`/process/definitions/${p.key}`, undefined, signal),
      staleTime: 10 * 60_000,
    })),
  });
  const states = new Map<string, { key: string; nameZh: string; nameEn: string }>();
  for (const detail of details) for (const s of detail.data?.definition.states ?? []) if (!states.has(s.key)) states.set(s.key, s);
  return [...states.values()];
}
