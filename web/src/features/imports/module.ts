import { lazy } from 'react';
import { IconFileImport } from '@tabler/icons-react';
import type { AppModule } from '../../app/modules.ts';
// The customer 360 page shows what the imports bring in: holdings and transactions.
import '../holdings/register.ts';

export const importsModule: AppModule = {
  id: 'imports',
  nav: [{ path: '/imports', label: 'nav.imports', icon: IconFileImport, permission: 'data:import', order: 890, group: 'nav.administration' }],
  routes: [
    { path: 'imports', component: lazy(() => import('./ImportHistoryPage.tsx')), permission: 'data:import' },
    { path: 'imports/new', component: lazy(() => import('./ImportWizardPage.tsx')), permission: 'data:import' },
  ],
};
