import { lazy } from 'react';
import { IconChartBar, IconRoute } from '@tabler/icons-react';
import type { AppModule } from '../../app/modules.ts';

// Listed with the tickets, board and inbox of the service desk.
const group = 'service.nav.group' as const;

export const serviceReportsModule: AppModule = {
  id: 'service-reports',
  nav: [
    { path: '/service/reports', label: 'nav.serviceReports', icon: IconChartBar, permission: 'customer:read', order: 24, group },
    { path: '/service/stages', label: 'nav.serviceStages', icon: IconRoute, permission: 'customer:read', order: 25, group },
  ],
  routes: [
    { path: 'service/reports', component: lazy(() => import('./ReportPage.tsx')), permission: 'customer:read' },
    { path: 'service/stages', component: lazy(() => import('./StagesPage.tsx')), permission: 'customer:read' },
  ],
};
