import type { Db } from '#platform/db/db.ts';
import { adminLoginLines, bootstrap } from '../server/bootstrap.ts';

/**
 * Migrations, built-in roles, and on an empty database the head office and the administrator,
 * whose login is printed here when this command created him (the server will not print it again).
 */
export async function ready(db: Db): Promise<void> {
  const result = await bootstrap(db, { demoCustomers: 0 });
  if (result.admin) console.log([...adminLoginLines(result.admin), ''].join('\n'));
}
