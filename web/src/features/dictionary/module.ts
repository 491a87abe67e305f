import { lazy } from 'react';
import { IconBook2 } from '@tabler/icons-react';
import type { AppModule } from '../../app/modules.ts';

export const dictionaryModule: AppModule = {
  id: 'dictionary',
  // With the other pages that explain the customer base, so everyone who reads customers finds it.
  nav: [{ path: '/data-dictionary', label: 'nav.dictionary', icon: IconBook2, permission: 'customer:read', order: 49, group: 'nav.insight' }],
  // The API serves the dictionary to all staff, so the page asks for no permission of its own.
  routes: [{ path: 'data-dictionary', component: lazy(() => import('./DictionaryPage.tsx')) }],
};
