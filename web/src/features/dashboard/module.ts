import { lazy } from 'react';
import { IconLayoutDashboard } from '@tabler/icons-react';
import type { AppModule } from '../../app/modules.ts';

export const dashboardModule: AppModule = {
  id: 'dashboard',
  nav: [{ path: '/dashboard', label: 'nav.dashboard', icon: IconLayoutDashboard, permission: 'customer:read', order: 0 }],
  routes: [{ path: 'dashboard', component: lazy(() => import('./DashboardPage.tsx')), permission: 'customer:read' }],
};
