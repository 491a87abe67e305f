import { join } from 'node:path';
import type { Db } from '#platform/db/db.ts';
import { AuthService, type AuthSettings } from '#modules/identity/auth.service.ts';
import { OrgUnitsService, RolesService, TokensService, UsersService } from '#modules/identity/identity.service.ts';
import { CustomFieldsService } from '#modules/custom-fields/custom-fields.service.ts';
import { CustomersService } from '#modules/customers/customers.service.ts';
import { Timeline } from '#modules/customers/timeline.ts';
import { registerCustomerTimeline } from '#modules/customers/timeline.providers.ts';
import { SavedViewsService } from '#modules/saved-views/saved-views.service.ts';
import { DashboardService } from '#modules/dashboard/dashboard.service.ts';
import { ImportsService } from '#modules/ingest/imports.service.ts';
import { ImportFiles } from '#modules/ingest/import-files.ts';
import { ImportProfilesService } from '#modules/ingest/import-profiles.ts';
import { SourcesService } from '#modules/ingest/sources.ts';
import { HoldingsService, registerHoldingsTimeline } from '#modules/ingest/holdings.service.ts';
import { BackupsService } from '#modules/backups/backups.service.ts';
import { TagsService } from '#modules/tags/tags.service.ts';
import { SegmentsService } from '#modules/segments/segments.service.ts';
import { ValueService } from '#modules/value/value.service.ts';
import { CreditService } from '#modules/credit/credit.service.ts';
import { EventBus } from '#platform/events.ts';

/** Every service of the application, wired once; routes, the CLI and tests use the same ones. */
export function createServices(db: Db, auth: AuthSettings, files: { importDir: string; importMaxBytes: number; importInbox: string; backupDir: string }) {
  const authService = new AuthService(db, auth);
  const forgetActors = () => authService.forgetActors();
  const orgUnits = new OrgUnitsService(db, forgetActors);
  const users = new UsersService(db);
  const customFields = new CustomFieldsService(db);
  const timeline = new Timeline();
  // Handlers' failures are logged by the app (buildApp replaces this with its logger).
  const events = new EventBus((error, event) => console.error(`event ${event} failed`, error));
  const customers = new CustomersService(db, { customFields, orgUnits, users, events });
  const tags = new TagsService(db, customFields);
  tags.registerTimeline(timeline);
  const segments = new SegmentsService(db, tags);
  const credit = new CreditService(db);
  // Tags first: segments may read them.
  const follow = async ({ customerIds }: { customerIds: number[] | 'all' }) => {
    await credit.onCustomersChanged(customerIds);
    await tags.onCustomersChanged(customerIds);
    await segments.onCustomersChanged(customerIds);
  };
  events.on('customers.changed', follow);
  events.on('business.changed', follow);
  const imports = new ImportsService(db, new ImportFiles(files.importDir, files.importMaxBytes), { customFields, orgUnits, events });
  const dashboard = new DashboardService(db, orgUnits);
  registerCustomerTimeline(timeline);
  registerHoldingsTimeline(timeline);
  const forgetEverything = () => {
    forgetActors();
    customFields.forget();
    dashboard.forget();
  };
  return {
    db,
    auth: authService,
    orgUnits,
    roles: new RolesService(db, forgetActors),
    users,
    tokens: new TokensService(db),
    customFields,
    customers,
    timeline,
    savedViews: new SavedViewsService(db),
    dashboard,
    imports,
    sources: new SourcesService(db, imports, files.importInbox, join(files.importDir, 'work')),
    holdings: new HoldingsService(db, customers),
    importProfiles: new ImportProfilesService(db),
    backups: new BackupsService(db, files.backupDir, forgetEverything),
    events,
    tags,
    segments,
    value: new ValueService(db),
    credit,
  };
}

export type Services = ReturnType<typeof createServices>;
