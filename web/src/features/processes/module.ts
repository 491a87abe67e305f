import { lazy } from 'react';
import { IconAdjustmentsHorizontal, IconRoute2 } from '@tabler/icons-react';
import type { AppModule } from '../../app/modules.ts';

const group = 'nav.administration' as const;

export const processesModule: AppModule = {
  id: 'processes',
  nav: [
    { path: '/admin/processes', label: 'nav.processes', icon: IconRoute2, permission: 'process:manage', order: 965, group },
    { path: '/admin/service', label: 'nav.serviceAdmin', icon: IconAdjustmentsHorizontal, permission: 'ticket:manage', order: 966, group },
  ],
  routes: [
    { path: 'admin/processes', component: lazy(() => import('./ProcessListPage.tsx')), permission: 'process:manage' },
    { path: 'admin/processes/:key', component: lazy(() => import('./ProcessEditorPage.tsx')), permission: 'process:manage' },
    // Categories are ticket:manage, the SLA settings:manage: the page shows what the user may change.
    { path: 'admin/service', component: lazy(() => import('./ServiceAdminPage.tsx')), permission: 'customer:read' },
  ],
};
