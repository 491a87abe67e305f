import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, isApiError, request, setCsrfToken } from '../lib/api.ts';
import type { LoginResult, Me, Locale } from '../lib/types.ts';
import { applyLocale, isLocale } from '../i18n/index.ts';

export const ME_KEY = ['auth', 'me'] as const;

/** A language picked on the login page; saved for the user once he has signed in. */
let localeChosenBeforeLogin: Locale | null = null;

/** The signed-in user, or null when there is no valid session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await request<Me>('GET', '/auth/me', { expectUnauthorized: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const meQuery = queryOptions({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });

export function useMe() {
  return useQuery(meQuery);
}

/** The signed-in user inside the app shell, where a session is guaranteed. */
export function useCurrentUser(): Me {
  const { data } = useQuery(meQuery);
  if (!data) throw new Error('useCurrentUser outside a signed-in page');
  return data;
}

export function usePermissions() {
  const { data } = useQuery(meQuery);
  return useCallback((permission: string | undefined) => !permission || (data?.permissions.includes(permission) ?? false), [data]);
}

/** After sign-in the user's own language applies, unless he just picked one on the login page. */
async function settleLocale(me: Me): Promise<Me> {
  const chosen = localeChosenBeforeLogin;
  localeChosenBeforeLogin = null;
  if (chosen && chosen !== me.user.locale) {
    await api.put('/auth/locale', { locale: chosen });
    return { ...me, user: { ...me.user, locale: chosen } };
  }
  if (isLocale(me.user.locale)) await applyLocale(me.user.locale);
  return me;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: { username: string; password: string }) => {
      const result = await request<LoginResult>('POST', '/auth/login', { body: credentials, expectUnauthorized: true });
      setCsrfToken(result.csrfToken);
      const me = await fetchMe();
      if (!me) throw new Error('session not established');
      return { result, me: await settleLocale(me) };
    },
    onSuccess: ({ me }) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
    },
  });
}

/** Switches the language now; remembers it for the user (or, before sign-in, for this browser). */
export function useSetLocale() {
  const queryClient = useQueryClient();
  return useCallback(
    async (locale: Locale) => {
      await applyLocale(locale);
      const me = queryClient.getQueryData<Me | null>(ME_KEY);
      if (!me) {
        localeChosenBeforeLogin = locale;
        return;
      }
      const updated: Me = { ...me, user: { ...me.user, locale } };
      queryClient.setQueryData(ME_KEY, updated);
      await api.put('/auth/locale', { locale });
      // Some answers carry server-side text in the old language (messages, labels).
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
    },
    [queryClient],
  );
}
