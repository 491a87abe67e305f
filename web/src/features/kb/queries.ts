import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { Article, ArticleBody, ArticleHit, ArticleStatus, TicketCategory, TicketForArticle } from './types.ts';

export const kbKeys = {
  all: ['kb'] as const,
  search: (q: string, categoryId: number | null, drafts: boolean) => ['kb', 'search', { q, categoryId, drafts }] as const,
  one: (id: number) => ['kb', 'one', id] as const,
  /** The category tree is shared with the service desk pages. */
  categories: ['tickets', 'categories'] as const,
};

export function useArticleSearch(q: string, categoryId: number | null, drafts: boolean) {
  return useQuery({
    queryKey: kbKeys.search(q, categoryId, drafts),
    queryFn: ({ signal }) => api.get<ArticleHit[]>('/kb', { q: q.trim() || undefined, categoryId, drafts: drafts ? 'true' : undefined, limit: 100 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useArticle(id: number) {
  return useQuery({
    queryKey: kbKeys.one(id),
    queryFn: ({ signal }) => api.get<Article>(`/kb/${id}`, undefined, signal),
    enabled: Number.isSafeInteger(id) && id > 0,
    retry: false,
  });
}

export function useTicketCategories() {
  return useQuery({ queryKey: kbKeys.categories, queryFn: ({ signal }) => api.get<TicketCategory[]>('/tickets/categories', undefined, signal), staleTime: 5 * 60_000 });
}

/** The ticket an article is made from (its subject, solution and resolution). */
export function useTicketForArticle(id: number | null) {
  return useQuery({
    queryKey: ['tickets', 'one', id],
    queryFn: ({ signal }) => api.get<TicketForArticle>(`/tickets/${id}`, undefined, signal),
    enabled: id !== null && Number.isSafeInteger(id) && id > 0,
    retry: false,
  });
}

export function useSaveArticle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: ArticleBody & { status?: ArticleStatus } }) =>
      id ? api.put<Article>(`/kb/${id}`, { ...body, ticketId: undefined }) : api.post<Article>('/kb', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: kbKeys.all }),
  });
}
