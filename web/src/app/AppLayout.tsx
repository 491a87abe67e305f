import { Fragment, Suspense, useEffect, useState } from 'react';
import { AppShell, Avatar, Box, Burger, Group, Menu, NavLink, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useFormat } from '../lib/format.ts';
import type { Me } from '../lib/types.ts';
import { applyLocale, isLocale } from '../i18n/index.ts';
import { useCurrentUser, useLogout, useMe, usePermissions } from './auth.tsx';
import { navEntries } from './modules.ts';
import { ErrorAlert, ErrorBoundary, PageLoader, orgUnitLabel } from './components.tsx';
import { GlobalSearch } from './GlobalSearch.tsx';
import { LanguageMenu } from './LanguageMenu.tsx';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';
import { Brand } from './Brand.tsx';
import { NotificationBell } from '../features/service/NotificationBell.tsx';

/** Pages behind sign-in: without a session the user goes to the login page and comes back after. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  useEffect(() => {
    const locale = me.data?.user.locale;
    if (isLocale(locale)) void applyLocale(locale);
  }, [me.data?.user.locale]);
  if (me.isPending) return <PageLoader />;
  if (me.isError) return <ErrorAlert error={me.error} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?${new URLSearchParams({ next })}`} replace />;
  }
  return <AppLayout />;
}

/** The signed-in user's role names in the current language, as /auth/me gives them. */
function useRoleNames(roles: Me['roles']) {
  const { i18n } = useTranslation();
  return roles.map((role) => (i18n.language === 'en' ? role.nameEn : role.nameZh));
}

function UserMenu({ onChangePassword }: { onChangePassword: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const format = useFormat();
  const roles = format.list(useRoleNames(me.roles));
  const unit = me.orgUnit ? orgUnitLabel(me.orgUnit) : '';
  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.userMenu')} data-testid="user-menu" style={{ borderRadius: 8 }} p={4}>
          <Group gap={8} wrap="nowrap">
            <Avatar color="blue" radius="xl" size={32}>
              {me.user.displayName.slice(0, 1).toUpperCase()}
            </Avatar>
            <Box visibleFrom="md" maw={180}>
              <Text size="sm" fw={600} truncate>
                {me.user.displayName}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {unit}
              </Text>
            </Box>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Box px="sm" py={6}>
          <Text size="sm" fw={600}>
            {me.user.displayName} <Text span size="xs" c="dimmed">({me.user.username})</Text>
          </Text>
          <Text size="xs" c="dimmed" data-testid="user-org-unit">
            {t('common.labelled', { label: t('shell.orgUnit') })}{unit || '—'}
          </Text>
          <Text size="xs" c="dimmed" data-testid="user-roles">
            {t('common.labelled', { label: t('shell.roles') })}{roles || '—'}
          </Text>
        </Box>
        <Menu.Divider />
        <Menu.Item leftSection={<IconKey size={16} />} onClick={onChangePassword}>
          {t('password.title')}
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          data-testid="logout"
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
        >
          {t('shell.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = usePermissions();
  const location = useLocation();
  const [navOpened, nav] = useDisclosure(false);
  const [passwordOpened, setPasswordOpened] = useState(false);
  const entries = navEntries(can);

  const closeNav = nav.close;
  useEffect(() => closeNav(), [location.pathname, closeNav]);
  const matches = (path: string) => location.pathname === path || location.pathname.startsWith(`${path}/`);
  const activePath = entries.filter((e) => matches(e.path)).sort((a, b) => b.path.length - a.path.length)[0]?.path;

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding={{ base: 'sm', sm: 'md' }}>
      <a href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} gap="sm" wrap="nowrap">
          <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNavigation')} />
          <Brand />
          <Box visibleFrom="sm" style={{ flex: 1, maxWidth: 420 }} ml="lg">
            <GlobalSearch />
          </Box>
          <Group gap={4} ml="auto" wrap="nowrap">
            <NotificationBell />
            <LanguageMenu />
            <UserMenu onChangePassword={() => setPasswordOpened(true)} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('shell.navigation')}>
        <Box hiddenFrom="sm" mb="sm">
          <GlobalSearch onDone={nav.close} />
        </Box>
        <ScrollArea style={{ flex: 1 }}>
          <Stack gap={2} component="nav">
            {entries.map((entry, index) => {
              // Only the most specific entry is lit: /credit/approvals is not also /credit.
              const active = entry.path === activePath;
              const startsGroup = entry.group !== undefined && entry.group !== entries[index - 1]?.group;
              return (
                <Fragment key={entry.path}>
                  {startsGroup && entry.group && (
                    <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt={{ base: 'md', sm: 8 }} mb={{ base: 4, sm: 2 }} px="sm">
                      {t(entry.group)}
                    </Text>
                  )}
                  <NavLink
                    component={Link}
                    to={entry.path}
                    label={t(entry.label)}
                    leftSection={<entry.icon size={18} stroke={1.7} />}
                    // Beside the page, rows a little tighter than on a phone's finger-sized menu: on a laptop
                    // (1440×900) every entry down to the data pages shows without scrolling the navigation.
                    py={{ base: 9, sm: 5 }}
                    styles={{ body: { lineHeight: 1.25 } }}
                    active={active}
                    aria-current={active ? 'page' : undefined}
                  />
                </Fragment>
              );
            })}
          </Stack>
        </ScrollArea>
        <Box pt="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Text size="xs" c="dimmed" truncate>
            {me.orgUnit ? orgUnitLabel(me.orgUnit) : ''}
          </Text>
        </Box>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <ErrorBoundary key={location.pathname}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </AppShell.Main>
      <ChangePasswordModal
        opened={passwordOpened || me.user.mustChangePassword}
        required={me.user.mustChangePassword}
        onClose={() => setPasswordOpened(false)}
      />
    </AppShell>
  );
}
