import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, useRouteError } from 'react-router';
import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from './AppLayout.tsx';
import { ForbiddenPage, NotFoundPage } from './ErrorPage.tsx';
import { moduleRoutes, navEntries, type ModuleRoute } from './modules.ts';
import { usePermissions } from './auth.tsx';
import { PageLoader } from './components.tsx';

const LoginPage = lazy(() => import('../features/auth/LoginPage.tsx'));
/** The customer's rating of a handled ticket, opened from a link without signing in. */
const VisitPage = lazy(() => import('../features/service/VisitPage.tsx'));

/** A module page, or the 403 page for users without the permission it needs. */
function Guarded({ route }: { route: ModuleRoute }) {
  const can = usePermissions();
  if (!can(route.permission)) return <ForbiddenPage />;
  return <route.component />;
}

function Home() {
  const can = usePermissions();
  const first = navEntries(can)[0];
  return first ? <Navigate to={first.path} replace /> : <ForbiddenPage />;
}

/** Last resort for errors outside any page, e.g. a page's code that failed to load after an update. */
function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <Center mih="60vh">
      <Stack align="center">
        <Title order={1} fz="h3">
          {t('errors.unexpected')}
        </Title>
        <Text c="dimmed">{t('errors.reloadHint')}</Text>
        <Button onClick={() => window.location.reload()}>{t('errors.reload')}</Button>
      </Stack>
    </Center>
  );
}

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      {
        path: '/login',
        element: (
          <Suspense fallback={<PageLoader />}>
            <LoginPage />
          </Suspense>
        ),
      },
      {
        path: '/visit/:token',
        element: (
          <Suspense fallback={<PageLoader />}>
            <VisitPage />
          </Suspense>
        ),
      },
      {
        path: '/',
        element: <RequireAuth />,
        children: [
          { index: true, element: <Home /> },
          ...moduleRoutes().map((route) => ({ path: route.path, element: <Guarded route={route} /> })),
          { path: 'forbidden', element: <ForbiddenPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
