import { lazy } from 'react';
import { IconChecklist, IconGauge } from '@tabler/icons-react';
import type { AppModule } from '../../app/modules.ts';
import { registerCustomerPanel } from '../customers/panels.ts';

// In the wide column of the customer 360 page, after the activities: the score, its reasons, limit and receivables.
registerCustomerPanel({
  id: 'credit',
  title: 'credit.panel.title',
  area: 'main',
  order: 13,
  permission: 'customer:read',
  component: lazy(() => import('./CreditPanel.tsx').then((m) => ({ default: m.CreditPanel }))),
});

const group = 'nav.creditGroup' as const;

export const creditModule: AppModule = {
  id: 'credit',
  nav: [
    { path: '/credit', label: 'nav.credit', icon: IconGauge, permission: 'customer:read', order: 60, group },
    { path: '/credit/approvals', label: 'nav.creditApprovals', icon: IconChecklist, permission: 'credit:approve', order: 61, group },
  ],
  routes: [
    { path: 'credit', component: lazy(() => import('./CreditPage.tsx')), permission: 'customer:read' },
    { path: 'credit/approvals', component: lazy(() => import('./ApprovalsPage.tsx')), permission: 'credit:approve' },
  ],
};
