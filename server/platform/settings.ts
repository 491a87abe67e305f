import type { Queryable } from '#platform/db/db.ts';

/** Installation-wide settings, kept as JSON values by key. */
export const settings = {
  async get<T>(q: Queryable, key: string, fallback: T): Promise<T> {
    const rows = await q.query<{ value: T }>(`select value from settings where key = $1`, [key]);
    return rows[0]?.value ?? fallback;
  },
  async set(q: Queryable, key: string, value: unknown): Promise<void> {
    await q.query(
      `insert into settings (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value, updated_at = now()`,
      [key, JSON.stringify(value)],
    );
  },
};
