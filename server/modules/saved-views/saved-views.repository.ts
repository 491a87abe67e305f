import type { Queryable } from '#platform/db/db.ts';

export interface SavedViewRow {
  id: number;
  userId: number;
  page: string;
  name: string;
  state: Record<string, unknown>;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, user_id as "userId", page, name, state, is_default as "isDefault", created_at as "createdAt", updated_at as "updatedAt"`;

export const savedViewsRepository = {
  list: (q: Queryable, userId: number, page: string) =>
    q.query<SavedViewRow>(`select ${COLUMNS} from saved_views where user_id = $1 and page = $2 order by name, id`, [userId, page]),
  count: async (q: Queryable, userId: number, page: string) =>
    (await q.query<{ n: number }>(`select count(*)::int as n from saved_views where user_id = $1 and page = $2`, [userId, page]))[0]!.n,
  /** A view of this user; another user's view is as good as missing. */
  byId: async (q: Queryable, userId: number, id: number) =>
    (await q.query<SavedViewRow>(`select ${COLUMNS} from saved_views where id = $1 and user_id = $2`, [id, userId]))[0],
  byName: async (q: Queryable, userId: number, page: string, name: string) =>
    (await q.query<SavedViewRow>(`select ${COLUMNS} from saved_views where user_id = $1 and page = $2 and name = $3`, [userId, page, name]))[0],
  clearDefault: (q: Queryable, userId: number, page: string) =>
    q.query(`update saved_views set is_default = false where user_id = $1 and page = $2 and is_default`, [userId, page]),
  async insert(q: Queryable, v: { userId: number; page: string; name: string; state: unknown; isDefault: boolean }): Promise<SavedViewRow> {
    const [row] = await q.query<SavedViewRow>(
      `insert into saved_views (user_id, page, name, state, is_default) values ($1, $2, $3, $4, $5) returning ${COLUMNS}`,
      [v.userId, v.page, v.name, JSON.stringify(v.state), v.isDefault],
    );
    return row!;
  },
  async update(q: Queryable, id: number, v: { name: string; state: unknown; isDefault: boolean }): Promise<SavedViewRow> {
    const [row] = await q.query<SavedViewRow>(
      `update saved_views set name = $2, state = $3, is_default = $4, updated_at = now() where id = $1 returning ${COLUMNS}`,
      [id, v.name, JSON.stringify(v.state), v.isDefault],
    );
    return row!;
  },
  remove: (q: Queryable, id: number) => q.query(`delete from saved_views where id = $1`, [id]),
};
