import { parseArgs } from 'node:util';
import { loadConfig } from '#platform/config.ts';
import { openDb, tightenHeapBesideEmbeddedDb, type Db } from '#platform/db/db.ts';
import { migrate } from '#platform/db/migrate.ts';
import { backupDatabase, restoreDatabase } from '#platform/db/backup.ts';
import { RolesService, UsersService } from '#modules/identity/identity.service.ts';
import { orgUnitsRepository, rolesRepository, usersRepository } from '#modules/identity/identity.repository.ts';
import { hashPassword, isStrongPassword } from '#modules/identity/passwords.ts';
import { systemActor } from '#platform/auth/actor.ts';
import { PERMISSIONS } from '#modules/identity/permissions.ts';
import { ready } from './ready.ts';
import { generateDemo } from '../server/demo/demo-data.ts';

const HELP = `guanxi — customer relationship management

usage: guanxi <command> [options]

  serve                         start the server (same as npm start)
  migrate                       apply database migrations
  demo --customers N [--business]
                                add deterministic demo data (org tree, users, N customers); --business
                                also gives them accounts and products and 18 months of transactions
  user create <username> --org <org-unit-code> --role <role-key> [--name <display name>] [--password <pw>]
  user reset-password <username> [--password <pw>]
  import <file> --target customers|holdings|transactions|customer_tags
         [--map 列名=field ...] [--policy reject_file|load_valid] [--source-system core]
         [--org <org-unit-code>] [--expect-rows N] [--expect-amount=SUM] [--debt-sign positive|negative]
         [--force] [--dry-run] [--locale zh-CN|en]
                                load a CSV (UTF-8 or GBK), Excel or JSON Lines file; columns are mapped
                                by their names unless --map says otherwise; errors go to <file>.errors.csv
                                (in --locale's language); --expect-* are the sender's control totals: a
                                mismatch loads nothing (a negative sum as --expect-amount=-12.5);
                                --debt-sign negative: the file writes loan, mortgage and card debts
                                negative (stored positive, as owed);
                                --dry-run shows and checks the first 20 rows and writes nothing
  backup <file.gz>              a consistent snapshot of the whole database (on PostgreSQL the server may
                                keep running; the embedded database is open in one process at a time,
                                so while the server runs, back it up from the Backups page or the API)
  restore <file.gz> [--replace] load a backup into an empty database (PGlite or PostgreSQL, either way);
                                --replace empties a database that holds data first
  help                          this text

The database is the embedded PGlite in ./data unless DATABASE_URL is set (see .env.example).`;

async function open(): Promise<Db> {
  const config = loadConfig();
  if (!config.DATABASE_URL) tightenHeapBesideEmbeddedDb();
  return openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATABASE_URL ? undefined : `${config.DATA_DIR}/pglite`, pgliteSharedBuffers: config.PGLITE_SHARED_BUFFERS });
}

function password(given: string | undefined): string {
  if (given) {
    if (!isStrongPassword(given)) throw new Error('The password must have at least 10 characters, with letters and digits.');
    return given;
  }
  return `Gx-${Math.random().toString(36).slice(2, 10)}-${Date.now() % 1000}`;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  // `guanxi import --help`, `guanxi help import`: the help, whatever else the line holds.
  if (command === '-h' || rest.includes('--help') || rest.includes('-h')) {
    console.log(HELP);
    return;
  }
  switch (command) {
    case 'serve': {
      const { serve } = await import('../server/server.ts');
      return serve();
    }
    case 'migrate': {
      const db = await open();
      const applied = await migrate(db);
      await new RolesService(db).ensureBuiltins();
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
      return db.close();
    }
    case 'demo': {
      const { values } = parseArgs({ args: rest, options: { customers: { type: 'string', default: '1000' }, seed: { type: 'string' }, business: { type: 'boolean' } } });
      const customers = Number(values.customers);
      if (!Number.isInteger(customers) || customers < 0) throw new Error('--customers must be a whole number');
      const db = await open();
      await ready(db);
      const started = Date.now();
      const result = await generateDemo(db, { customers, seed: values.seed ? Number(values.seed) : undefined, business: values.business ?? false, log: (l) => console.log(l) });
      console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; demo password: ${result.password}`);
      for (const l of result.logins) console.log(`  ${l.username.padEnd(10)} ${l.role.padEnd(20)} ${l.orgUnit}`);
      return db.close();
    }
    case 'user': {
      const [sub, username, ...opts] = rest;
      if (!username) throw new Error('a user name is required');
      const { values } = parseArgs({
        args: opts,
        options: { org: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
      });
      const db = await open();
      await ready(db);
      const actor = systemActor(new Set(PERMISSIONS));
      if (sub === 'create') {
        const unit = values.org ? await orgUnitsRepository.byCode(db, values.org) : undefined;
        if (!unit) throw new Error(`unknown org unit code: ${values.org ?? '(missing --org)'}`);
        const role = (await rolesRepository.byKeys(db, [values.role ?? '']))[0];
        if (!role) throw new Error(`unknown role: ${values.role ?? '(missing --role)'}`);
        const pw = password(values.password);
        await new UsersService(db).create(actor, {
          username,
          displayName: values.name ?? username,
          email: null,
          orgUnitId: unit.id,
          managerId: null,
          locale: 'zh-CN',
          roleIds: [role.id],
          password: pw,
        });
        console.log(`created ${username}; temporary password: ${pw} (to be changed at first sign-in)`);
      } else if (sub === 'reset-password') {
        const user = await usersRepository.byUsername(db, username);
        if (!user) throw new Error(`unknown user: ${username}`);
        const pw = password(values.password);
        await usersRepository.setPassword(db, user.id, await hashPassword(pw), true);
        console.log(`new temporary password for ${username}: ${pw}`);
      } else {
        throw new Error(`unknown user command: ${sub ?? ''}`);
      }
      return db.close();
    }
    case 'import': {
      const { importFile } = await import('./import.ts');
      process.exitCode = await importFile(await open(), rest);
      return;
    }
    case 'backup': {
      const [file] = rest;
      if (!file) throw new Error('usage: guanxi backup <file.gz>');
      const db = await open();
      try {
        const started = Date.now();
        const manifest = await backupDatabase(db, file);
        const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
        console.log(`backup written to ${file}: ${rows} rows in ${manifest.tables.length} tables, ${(manifest.bytes / 1e6).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s`);
        console.log(`sha256 ${manifest.fileSha256}`);
      } finally {
        await db.close();
      }
      return;
    }
    case 'restore': {
      const { values, positionals } = parseArgs({ args: rest, options: { replace: { type: 'boolean' } }, allowPositionals: true });
      const [file] = positionals;
      if (!file) throw new Error('usage: guanxi restore <file.gz> [--replace]');
      const db = await open();
      try {
        const started = Date.now();
        const result = await restoreDatabase(db, file, { replace: values.replace });
        console.log(`restored ${result.rows} rows in ${result.tables.length} tables from ${file}, every table's checksum verified (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } finally {
        await db.close();
      }
      return;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(HELP);
      return;
    default:
      throw new Error(`unknown command: ${command}\n\n${HELP}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  // An option the command does not know: say where the options are listed.
  if ((error as { code?: string } | null)?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') console.error('guanxi help: the commands and their options');
  process.exit(1);
});
