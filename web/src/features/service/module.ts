import { lazy } from 'react';
import { IconInbox, IconLayoutKanban, IconTicket } from '@tabler/icons-react';
import type { AppModule } from '../../app/modules.ts';
import { registerCustomerPanel } from '../customers/panels.ts';

// In the wide column of the customer 360 page, after the notes: his complaints and requests.
registerCustomerPanel({
  id: 'tickets',
  title: 'service.panel.title',
  area: 'main',
  order: 12,
  permission: 'customer:read',
  component: lazy(() => import('./TicketsPanel.tsx').then((m) => ({ default: m.TicketsPanel }))),
});

const group = 'service.nav.group' as const;

export const serviceModule: AppModule = {
  id: 'service',
  nav: [
    { path: '/inbox', label: 'service.nav.inbox', icon: IconInbox, order: 20, group },
    { path: '/tickets', label: 'service.nav.tickets', icon: IconTicket, permission: 'customer:read', order: 21, group },
    { path: '/tickets/board', label: 'service.nav.board', icon: IconLayoutKanban, permission: 'customer:read', order: 22, group },
  ],
  routes: [
    { path: 'inbox', component: lazy(() => import('./InboxPage.tsx')) },
    { path: 'tickets', component: lazy(() => import('./TicketListPage.tsx')), permission: 'customer:read' },
    { path: 'tickets/board', component: lazy(() => import('./TicketBoardPage.tsx')), permission: 'customer:read' },
    { path: 'tickets/new', component: lazy(() => import('./TicketFormPage.tsx')), permission: 'ticket:create' },
    { path: 'tickets/:id', component: lazy(() => import('./TicketPage.tsx')), permission: 'customer:read' },
  ],
};
