import type { Db, Queryable } from '#platform/db/db.ts';

/**
 * A Db whose every statement runs in one open transaction, so services given it write into that
 * transaction: what they would run as a transaction of their own becomes a savepoint in it, and
 * all of their work commits, or rolls back, with the rest.
 */
export function withinTransaction(db: Db, tx: Queryable): Db {
  return {
    kind: db.kind,
    query: (sql, params, options) => tx.query(sql, params, options),
    exec: (sql) => tx.exec(sql),
    copyFrom: (sql, chunks) => tx.copyFrom(sql, chunks),
    copyTo: (sql) => tx.copyTo(sql),
    transaction: async (fn) => {
      await tx.exec('savepoint nested');
      try {
        const result = await fn(tx);
        await tx.exec('release savepoint nested');
        return result;
      } catch (error) {
        await tx.exec('rollback to savepoint nested');
        throw error;
      }
    },
    close: () => Promise.reject(new Error('a transaction is closed by the one who opened it')),
  };
}
