import { lazy } from 'react';
import { IconChartDots3 } from '@tabler/icons-react';
import type { AppModule } from '../../app/modules.ts';
import { registerCustomerPanel } from '../customers/panels.ts';

// Beside the profile on the customer 360 page: what a manager checks before calling a customer.
registerCustomerPanel({
  id: 'value',
  title: 'value.panel.title',
  area: 'side',
  order: 12,
  permission: 'customer:read',
  component: lazy(() => import('./ValuePanel.tsx').then((m) => ({ default: m.ValuePanel }))),
});

export const valueModule: AppModule = {
  id: 'value',
  nav: [{ path: '/value', label: 'nav.value', icon: IconChartDots3, permission: 'customer:read', order: 45, group: 'nav.insight' }],
  routes: [{ path: 'value', component: lazy(() => import('./ValuePage.tsx')), permission: 'customer:read' }],
};
