import { lazy } from 'react';
import { IconUsersGroup } from '@tabler/icons-react';
import type { AppModule } from '../../app/modules.ts';

export const segmentsModule: AppModule = {
  id: 'segments',
  nav: [{ path: '/segments', label: 'nav.segments', icon: IconUsersGroup, permission: 'customer:read', order: 42, group: 'nav.insight' }],
  routes: [
    { path: 'segments', component: lazy(() => import('./SegmentListPage.tsx')), permission: 'customer:read' },
    // Anyone who reads customers may count an audience; saving it is segment:manage (the page hides the button).
    { path: 'segments/new', component: lazy(() => import('./SegmentFormPage.tsx')), permission: 'customer:read' },
    { path: 'segments/:id', component: lazy(() => import('./SegmentDetailPage.tsx')), permission: 'customer:read' },
    { path: 'segments/:id/edit', component: lazy(() => import('./SegmentFormPage.tsx')), permission: 'segment:manage' },
  ],
};
