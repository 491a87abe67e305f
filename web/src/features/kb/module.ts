import { lazy } from 'react';
import { IconBook2 } from '@tabler/icons-react';
import type { AppModule } from '../../app/modules.ts';

export const kbModule: AppModule = {
  id: 'kb',
  nav: [{ path: '/kb', label: 'nav.kb', icon: IconBook2, permission: 'customer:read', order: 23, group: 'service.nav.group' }],
  routes: [
    { path: 'kb', component: lazy(() => import('./KbListPage.tsx')), permission: 'customer:read' },
    // The ticket page links here as /kb/new?ticketId=… to share a resolved case.
    { path: 'kb/new', component: lazy(() => import('./KbFormPage.tsx')), permission: 'ticket:manage' },
    { path: 'kb/:id', component: lazy(() => import('./KbArticlePage.tsx')), permission: 'customer:read' },
    { path: 'kb/:id/edit', component: lazy(() => import('./KbFormPage.tsx')), permission: 'ticket:manage' },
  ],
};
