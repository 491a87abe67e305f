import closeWithGrace from 'close-with-grace';
import { Cron } from 'croner';
import { loadConfig } from '#platform/config.ts';
import { openDb, tightenHeapBesideEmbeddedDb, type Db } from '#platform/db/db.ts';
import { buildApp } from './app.ts';
import { smtpMailer } from '#platform/mail.ts';
import { generateDemoTickets } from './demo/demo-tickets.ts';
import { adminLoginLines, bootstrap } from './bootstrap.ts';

/** Starts Guanxi: opens the database, prepares it, listens, and shuts down cleanly on a signal. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) tightenHeapBesideEmbeddedDb();
  const db: Db = await openDb({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? undefined : `${config.DATA_DIR}/pglite`,
    pgliteSharedBuffers: config.PGLITE_SHARED_BUFFERS,
    poolSize: config.DB_POOL_SIZE,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  });
  const ready = await bootstrap(db, { demoCustomers: config.DEMO_DATA ? config.DEMO_CUSTOMERS : 0 });
  const app = await buildApp({
    db,
    logLevel: config.LOG_LEVEL,
    sessionTtlHours: config.SESSION_TTL_HOURS,
    cookieSecure: config.COOKIE_SECURE,
    loginMaxFailures: config.LOGIN_MAX_FAILURES,
    loginLockMinutes: config.LOGIN_LOCK_MINUTES,
    bodyLimit: config.BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    importDir: `${config.DATA_DIR}/imports`,
    importMaxBytes: config.IMPORT_MAX_MB * 1024 ** 2,
    importInbox: config.IMPORT_INBOX ?? `${config.DATA_DIR}/inbox`,
    backupDir: config.BACKUP_DIR ?? `${config.DATA_DIR}/backups`,
    audienceIndex: config.AUDIENCE_INDEX === 'on',
    valueStorePath: `${config.DATA_DIR}/value/purchases.duckdb`,
    mailer: config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.MAIL_FROM, config.PUBLIC_URL ?? `http://localhost:${config.PORT}`) : undefined,
  });
  // Folder sources name a folder inside the inbox, so a fresh installation needs the inbox itself;
  // one that cannot be made (a mount not there yet) fails only the folder sources, not the start.
  await app.services.sources.ensureInbox().catch((err: unknown) => app.log.error({ err, inbox: app.services.sources.inboxRoot }, 'creating the import inbox failed'));
  await app.services.tickets.ensureDefaults();
  const demoTickets = ready.demo ? await generateDemoTickets(app.services) : 0;
  // The demo's holdings and transactions were written directly, without change events: value and
  // score them now, and bring tags and segments that read the value up to date (as the nightly
  // pass would), so the value page, credit panel and segments are not empty.
  if (ready.demo) {
    await app.services.value
      .recompute()
      .then(() => app.services.credit.recompute())
      .then(() => app.services.tags.recompute())
      .then(() => app.services.segments.recompute())
      .catch((err: unknown) => app.log.error({ err }, 'valuing the demo customers failed'));
  }
  // Process timers (reminders, escalations) fire from every server; each fires once, claimed in the database.
  if (config.SCHEDULER === 'on') app.services.process.startTimers(5_000, (err) => app.log.error({ err }, 'process timers failed'));
  app.services.notifications.startMailer(10_000, (err) => app.log.error({ err }, 'sending notification e-mail failed'));
  // Scheduled imports run in this process; with several servers, claiming keeps each run single.
  if (config.SCHEDULER === 'on') app.services.sources.start();
  // Customer value first (tags and segments may read it); rule tags and dynamic segments also follow
  // every change, and the nightly pass moves their time windows.
  const refresh =
    config.SCHEDULER === 'on' && config.TAG_REFRESH_CRON
      ? new Cron(config.TAG_REFRESH_CRON, { protect: true, timezone: config.SCHEDULE_TIME_ZONE, catch: (err: unknown) => app.log.error({ err }, 'recomputing rule tags and segments failed') }, async () => {
          await app.services.value.recompute();
          await app.services.credit.recompute();
          await app.services.tags.recompute();
          await app.services.segments.recompute();
        })
      : undefined;
  if (config.SCHEDULER === 'on' && config.BACKUP_CRON) {
    app.services.backups.start(config.BACKUP_CRON, config.BACKUP_KEEP, (err) => app.log.error({ err }, 'scheduled backup failed'), config.SCHEDULE_TIME_ZONE);
  }
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    await app.services.sources.stop();
    app.services.process.stopTimers();
    app.services.notifications.stopMailer();
    app.services.backups.stop();
    refresh?.stop();
    await app.close();
    await app.services.imports.settle();
    await app.services.events.settle();
    await db.close();
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  const url = `http://localhost:${config.PORT}`;
  const lines = [
    '',
    `Guanxi is running at ${url}  (database: ${db.kind === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL'})`,
    `API docs: ${url}/api/docs`,
  ];
  if (ready.admin) lines.push('', ...adminLoginLines(ready.admin));
  if (ready.demo) {
    lines.push(
      '',
      `Demo data: ${ready.demo.units} org units, ${ready.demo.users} users, ${ready.demo.customers} customers, ${ready.demo.holdings} holdings, ${ready.demo.transactions} transactions, ${ready.demo.tags} tags, ${ready.demo.segments} segments, ${ready.demo.receivables} receivables, ${demoTickets} service tickets.`,
      `Demo users (password for all: ${ready.demo.password}):`,
      ...ready.demo.logins.map((l) => `  ${l.username.padEnd(10)} ${l.role.padEnd(20)} ${l.orgUnit}`),
    );
  }
  if (db.kind === 'pglite') {
    lines.push('', 'Note: the embedded database survives a killed process but not a power cut; use PostgreSQL and backups in production.');
  }
  console.log(lines.join('\n'));
}
