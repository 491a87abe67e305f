import { lazy } from 'react';
import { IconTags } from '@tabler/icons-react';
import type { AppModule } from '../../app/modules.ts';
import { registerCustomerPanel } from '../customers/panels.ts';

// On the customer 360 page, beside the profile: the customer's tags and their history.
registerCustomerPanel({
  id: 'tags',
  title: 'tags.panel.title',
  area: 'side',
  order: 15,
  permission: 'customer:read',
  component: lazy(() => import('./CustomerTagsPanel.tsx').then((m) => ({ default: m.CustomerTagsPanel }))),
});

export const tagsModule: AppModule = {
  id: 'tags',
  nav: [{ path: '/tags', label: 'nav.tags', icon: IconTags, permission: 'customer:read', order: 40, group: 'nav.insight' }],
  routes: [
    { path: 'tags', component: lazy(() => import('./TagCatalogPage.tsx')), permission: 'customer:read' },
    { path: 'tags/new', component: lazy(() => import('./TagFormPage.tsx')), permission: 'tag:manage' },
    { path: 'tags/:id', component: lazy(() => import('./TagDetailPage.tsx')), permission: 'customer:read' },
    { path: 'tags/:id/edit', component: lazy(() => import('./TagFormPage.tsx')), permission: 'tag:manage' },
  ],
};
