import { lazy } from 'react';
import { IconUsers } from '@tabler/icons-react';
import type { AppModule } from '../../app/modules.ts';
import { registerCustomerPanel } from './panels.ts';

const panel = (name: 'ProfilePanel' | 'ContactsPanel' | 'ActivitiesPanel' | 'TimelinePanel') =>
  lazy(() => import('./CustomerPanels.tsx').then((m) => ({ default: m[name] })));

registerCustomerPanel({ id: 'profile', title: 'customer.panels.profile', area: 'side', order: 10, component: panel('ProfilePanel') });
registerCustomerPanel({ id: 'contacts', title: 'customer.panels.contacts', area: 'side', order: 20, component: panel('ContactsPanel') });
registerCustomerPanel({ id: 'activities', title: 'customer.panels.activities', area: 'main', order: 10, component: panel('ActivitiesPanel') });
registerCustomerPanel({ id: 'timeline', title: 'customer.panels.timeline', area: 'main', order: 20, component: panel('TimelinePanel') });

export const customersModule: AppModule = {
  id: 'customers',
  nav: [{ path: '/customers', label: 'nav.customers', icon: IconUsers, permission: 'customer:read', order: 10 }],
  routes: [
    { path: 'customers', component: lazy(() => import('./CustomerListPage.tsx')), permission: 'customer:read' },
    { path: 'customers/new', component: lazy(() => import('./CustomerFormPage.tsx')), permission: 'customer:create' },
    { path: 'customers/:id', component: lazy(() => import('./CustomerPage.tsx')), permission: 'customer:read' },
    { path: 'customers/:id/edit', component: lazy(() => import('./CustomerFormPage.tsx')), permission: 'customer:update' },
    { path: 'customers/:id/merge', component: lazy(() => import('./CustomerMergePage.tsx')), permission: 'customer:merge' },
  ],
};
