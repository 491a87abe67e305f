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
import { ExchangeRatesService } from '#modules/currencies/exchange-rates.ts';
import { CreditService } from '#modules/credit/credit.service.ts';
import { EventBus } from '#platform/events.ts';
import { NotificationsService, type Mailer } from '#modules/notifications/notifications.service.ts';
import { ProcessService } from '#modules/process/process.service.ts';
import { TicketsService } from '#modules/tickets/tickets.service.ts';
import { AudienceService } from '#modules/audience/audience.service.ts';

/** Every service of the application, wired once; routes, the CLI and tests use the same ones. */
export function createServices(
  db: Db,
  auth: AuthSettings,
  files: { importDir: string; importMaxBytes: number; importInbox: string; backupDir: string },
  options: { audienceIndex?: boolean; mailer?: Mailer; valueStorePath?: string } = {},
) {
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
  // Live audience counts from memory (off unless asked for: AUDIENCE_INDEX).
  const audience = new AudienceService(db, options.audienceIndex ?? false);
  tags.onRecomputed = (tagIds) => audience.tagsRecomputed(tagIds);
  const segments = new SegmentsService(db, tags, audience);
  const credit = new CreditService(db);
  // Tags first: segments may read them. A few customers are recomputed on the audience index
  // when it can; otherwise by SQL, and the index then reads them anew.
  const follow = async ({ customerIds }: { customerIds: number[] | 'all' }) => {
    await credit.onCustomersChanged(customerIds);
    if (await audience.recomputeCustomers(customerIds)) return;
    await tags.onCustomersChanged(customerIds);
    await segments.onCustomersChanged(customerIds);
    await audience.refresh(customerIds);
  };
  events.on('customers.changed', follow);
  events.on('customers.changed', ({ customerIds }) => tickets.onCustomersChanged(customerIds));
  events.on('business.changed', follow);
  const imports = new ImportsService(db, new ImportFiles(files.importDir, files.importMaxBytes), { customFields, orgUnits, events });
  const dashboard = new DashboardService(db, orgUnits);
  const value = new ValueService(db, options.valueStorePath);
  // The index holds value tiers and RFM: a whole value recompute rebuilds it.
  const recomputeValues = value.recompute.bind(value);
  value.recompute = async (...args: Parameters<typeof recomputeValues>) => {
    const result = await recomputeValues(...args);
    audience.stale();
    return result;
  };
  const notifications = new NotificationsService(db, options.mailer);
  const process = new ProcessService(db, notifications);
  const tickets = new TicketsService(db, { process, customers, notifications });
  tickets.registerTimeline(timeline);
  registerCustomerTimeline(timeline);
  registerHoldingsTimeline(timeline);
  const forgetEverything = () => {
    forgetActors();
    value.store.reset();
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
    sources: new SourcesService(db, imports, files.importInbox, join(files.importDir, 'work'), notifications),
    holdings: new HoldingsService(db, customers),
    importProfiles: new ImportProfilesService(db),
    backups: new BackupsService(db, files.backupDir, forgetEverything),
    events,
    exchangeRates: new ExchangeRatesService(db, events),
    tags,
    segments,
    value,
    audience,
    credit,
    notifications,
    process,
    tickets,
  };
}

export type Services = ReturnType<typeof createServices>;
