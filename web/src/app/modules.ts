import type { ComponentType, LazyExoticComponent } from 'react';
import type { ParseKeys } from 'i18next';
import { customersModule } from '../features/customers/module.ts';
import { dashboardModule } from '../features/dashboard/module.ts';
import { adminModule } from '../features/admin/module.ts';
import { importsModule } from '../features/imports/module.ts';
import { tagsModule } from '../features/tags/module.ts';
import { valueModule } from '../features/value/module.ts';
import { creditModule } from '../features/credit/module.ts';
import { dictionaryModule } from '../features/dictionary/module.ts';
import { segmentsModule } from '../features/segments/module.ts';
import { serviceModule } from '../features/service/module.ts';
import { kbModule } from '../features/kb/module.ts';
import { serviceReportsModule } from '../features/service-reports/module.ts';
import { processesModule } from '../features/processes/module.ts';

export type TranslationKey = ParseKeys<'translation'>;

export interface NavEntry {
  /** Where the entry leads; it is shown as active for every path below it. */
  path: string;
  label: TranslationKey;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** Hidden from users without this permission. */
  permission?: string;
  order?: number;
  /** Entries with the same group are listed together under its heading (e.g. administration). */
  group?: TranslationKey;
}

export interface ModuleRoute {
  /** Path below the app root, without a leading slash: 'customers/:id'. */
  path: string;
  /** Pages are loaded on demand, so the first page stays small. */
  component: LazyExoticComponent<ComponentType>;
  /** Users without it see the 403 page. */
  permission?: string;
}

/** What a module contributes to the app shell. */
export interface AppModule {
  id: string;
  nav: NavEntry[];
  routes: ModuleRoute[];
}

/** The one registry of modules: each later module adds its line here and nothing else in the shell. */
export const MODULES: readonly AppModule[] = [dashboardModule, customersModule, adminModule, importsModule, tagsModule, valueModule, creditModule, dictionaryModule, segmentsModule, serviceModule, kbModule, serviceReportsModule, processesModule];

export function navEntries(can: (permission?: string) => boolean): NavEntry[] {
  return MODULES.flatMap((module) => module.nav)
    .filter((entry) => can(entry.permission))
    .sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
}

export function moduleRoutes(): ModuleRoute[] {
  return MODULES.flatMap((module) => module.routes);
}
