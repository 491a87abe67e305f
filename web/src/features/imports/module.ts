import { lazy } from 'react';
import { IconCalendarTime, IconFileImport } from '@tabler/icons-react';
import type { AppModule } from '../../app/modules.ts';
// The customer 360 page shows what the imports bring in: holdings and transactions.
import '../holdings/register.ts';

// Data in and its safety (imports, scheduled sources, backups) under one heading, above the administration
// pages, so a data clerk finds them on a laptop without scrolling the navigation.
const group = 'nav.data' as const;

export const importsModule: AppModule = {
  id: 'imports',
  nav: [
    { path: '/imports', label: 'nav.imports', icon: IconFileImport, permission: 'data:import', order: 890, group },
    // Not below /imports: the shell marks an entry active for every path under it.
    { path: '/import-sources', label: 'nav.importSources', icon: IconCalendarTime, permission: 'data:import', order: 891, group },
  ],
  routes: [
    { path: 'imports', component: lazy(() => import('./ImportHistoryPage.tsx')), permission: 'data:import' },
    { path: 'imports/new', component: lazy(() => import('./ImportWizardPage.tsx')), permission: 'data:import' },
    { path: 'import-sources', component: lazy(() => import('./SourcesPage.tsx')), permission: 'data:import' },
  ],
};
