import { existsSync } from 'node:fs';
import { z } from 'zod';

const Config = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** postgres://… to use a PostgreSQL server; empty for the embedded PGlite database. */
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  /** Where the embedded database keeps its files. */
  DATA_DIR: z.string().default('./data'),
  /** The embedded database's buffer cache (resident from the start); more can speed up very large imports. */
  PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^\d+(kB|MB|GB)$/, 'a size such as 32MB')
    .optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Longest a single SQL statement may run on PostgreSQL before it is cancelled. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Session lifetime in hours. */
  SESSION_TTL_HOURS: z.coerce.number().min(1).max(24 * 90).default(12),
  /** Send cookies with the Secure flag (set to true behind HTTPS). */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Failed logins before a temporary lockout, and its length in minutes. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Create demo data on the first start of an empty database. */
  DEMO_DATA: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  DEMO_CUSTOMERS: z.coerce.number().int().min(0).default(500),
  /**
   * Proxies whose X-Forwarded-For is believed: empty (default) believes none, so a client cannot
   * pick the address used for rate limits and the audit log. Give the proxy's addresses
   * ('127.0.0.1,10.0.0.0/8') or a hop count ('1') when Guanxi runs behind one.
   */
  TRUST_PROXY: z.string().default(''),
  /** Largest request body in bytes. */
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  IMPORT_MAX_MB: z.coerce.number().int().min(1).max(100_000).default(2048),
  IMPORT_INBOX: z.string().optional(),
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  /** Live audience counts from an in-memory index of tags and attributes (off: always by SQL). */
  AUDIENCE_INDEX: z.enum(['on', 'off']).default('on'),
  /** When rule tags and dynamic segments are recomputed whole (their time windows move daily); they also follow each change. */
  TAG_REFRESH_CRON: z.string().default('15 2 * * *'),
  /** Backups made from the administration page or on schedule go here (default DATA_DIR/backups). */
  BACKUP_DIR: z.string().optional(),
  /** When to back up on schedule, e.g. '0 3 * * *'; empty for never. Set it on one server only. */
  BACKUP_CRON: z.string().default(''),
  /** The clock TAG_REFRESH_CRON and BACKUP_CRON are read on (an IANA zone), whatever the server's own zone. */
  SCHEDULE_TIME_ZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Asia/Shanghai'),
  /** Scheduled backups to keep; older ones are deleted (backups made by hand are kept). */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  /** Where notifications are also sent by e-mail, e.g. smtp://relay.internal:25; empty: in the app only. */
  SMTP_URL: z.string().default(''),
  MAIL_FROM: z.string().default('Guanxi CRM <noreply@localhost>'),
  /** The address users open Guanxi at, for links in e-mails (default http://localhost:PORT). */
  PUBLIC_URL: z.string().url().optional(),
});

export type Config = z.infer<typeof Config>;

/** Reads the configuration from the environment (and ./.env when present); exits on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env && existsSync('.env')) process.loadEnvFile('.env');
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
