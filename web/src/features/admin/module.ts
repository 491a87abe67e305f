import { lazy } from 'react';
import { IconBinaryTree2, IconCurrencyYuan, IconDatabaseExport, IconFileSearch, IconForms, IconKey, IconShieldLock, IconUserCog } from '@tabler/icons-react';
import type { AppModule } from '../../app/modules.ts';

const group = 'nav.administration' as const;

export const adminModule: AppModule = {
  id: 'admin',
  nav: [
    { path: '/admin/users', label: 'nav.users', icon: IconUserCog, permission: 'user:read', order: 900, group },
    { path: '/admin/roles', label: 'nav.roles', icon: IconShieldLock, permission: 'user:read', order: 910, group },
    { path: '/admin/org-units', label: 'nav.orgUnits', icon: IconBinaryTree2, permission: 'user:read', order: 920, group },
    { path: '/admin/custom-fields', label: 'nav.customFields', icon: IconForms, permission: 'custom_field:manage', order: 930, group },
    { path: '/admin/exchange-rates', label: 'nav.exchangeRates', icon: IconCurrencyYuan, permission: 'settings:manage', order: 935, group },
    { path: '/admin/api-tokens', label: 'nav.apiTokens', icon: IconKey, permission: 'token:manage', order: 940, group },
    { path: '/admin/audit', label: 'nav.audit', icon: IconFileSearch, permission: 'audit:read', order: 950, group },
    // With the data pages (imports, scheduled sources), not among the administration ones.
    { path: '/admin/backups', label: 'nav.backups', icon: IconDatabaseExport, permission: 'data:backup', order: 892, group: 'nav.data' },
  ],
  routes: [
    { path: 'admin/users', component: lazy(() => import('./UsersPage.tsx')), permission: 'user:read' },
    { path: 'admin/roles', component: lazy(() => import('./RolesPage.tsx')), permission: 'user:read' },
    { path: 'admin/org-units', component: lazy(() => import('./OrgUnitsPage.tsx')), permission: 'user:read' },
    { path: 'admin/custom-fields', component: lazy(() => import('./CustomFieldsPage.tsx')), permission: 'custom_field:manage' },
    { path: 'admin/exchange-rates', component: lazy(() => import('./ExchangeRatesPage.tsx')), permission: 'customer:read' },
    { path: 'admin/api-tokens', component: lazy(() => import('./ApiTokensPage.tsx')), permission: 'token:manage' },
    { path: 'admin/audit', component: lazy(() => import('./AuditLogPage.tsx')), permission: 'audit:read' },
    { path: 'admin/backups', component: lazy(() => import('./BackupsPage.tsx')), permission: 'data:backup' },
  ],
};
