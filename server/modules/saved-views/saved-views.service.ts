import type { Db } from '#platform/db/db.ts';
import type { Actor } from '#platform/auth/actor.ts';
import { AppError, forbidden, invalidField, notFound } from '#platform/errors.ts';
import { savedViewsRepository, type SavedViewRow } from './saved-views.repository.ts';

/** Enough for any real list page; a cap keeps a runaway script from filling the table. */
export const MAX_VIEWS_PER_PAGE = 50;
const MAX_STATE_BYTES = 16_384;

export interface SavedViewInput {
  page: string;
  name: string;
  state: Record<string, unknown>;
  isDefault?: boolean;
}

/**
 * A user's own saved views. They hold only what the list page asks the API for, so a view
 * never widens what its user may see: the list applies his scope whatever the filters say.
 */
export class SavedViewsService {
  constructor(private readonly db: Db) {}

  list(actor: Actor, page: string): Promise<SavedViewRow[]> {
    return savedViewsRepository.list(this.db, userOf(actor), page);
  }

  create(actor: Actor, v: SavedViewInput): Promise<SavedViewRow> {
    const userId = userOf(actor);
    checkState(v.state);
    return this.db.transaction(async (tx) => {
      if ((await savedViewsRepository.count(tx, userId, v.page)) >= MAX_VIEWS_PER_PAGE) {
        throw new AppError('CONFLICT', 'SAVED_VIEW_LIMIT', 'saved_view.too_many', { params: { max: MAX_VIEWS_PER_PAGE } });
      }
      if (await savedViewsRepository.byName(tx, userId, v.page, v.name)) throw nameTaken();
      if (v.isDefault) await savedViewsRepository.clearDefault(tx, userId, v.page);
      return savedViewsRepository.insert(tx, { userId, page: v.page, name: v.name, state: v.state, isDefault: v.isDefault ?? false });
    });
  }

  update(actor: Actor, id: number, v: Partial<Omit<SavedViewInput, 'page'>>): Promise<SavedViewRow> {
    const userId = userOf(actor);
    if (v.state) checkState(v.state);
    return this.db.transaction(async (tx) => {
      const before = await savedViewsRepository.byId(tx, userId, id);
      if (!before) throw notFound('SAVED_VIEW_NOT_FOUND', 'saved_view.not_found');
      const name = v.name ?? before.name;
      if (name !== before.name) {
        const other = await savedViewsRepository.byName(tx, userId, before.page, name);
        if (other && other.id !== id) throw nameTaken();
      }
      const isDefault = v.isDefault ?? before.isDefault;
      if (isDefault && !before.isDefault) await savedViewsRepository.clearDefault(tx, userId, before.page);
      return savedViewsRepository.update(tx, id, { name, state: v.state ?? before.state, isDefault });
    });
  }

  async remove(actor: Actor, id: number): Promise<void> {
    const userId = userOf(actor);
    if (!(await savedViewsRepository.byId(this.db, userId, id))) throw notFound('SAVED_VIEW_NOT_FOUND', 'saved_view.not_found');
    await savedViewsRepository.remove(this.db, id);
  }
}

/** Views belong to people; an API token acts as its user, the system actor has none. */
function userOf(actor: Actor): number {
  if (actor.userId === null) throw forbidden();
  return actor.userId;
}

function checkState(state: Record<string, unknown>) {
  if (Buffer.byteLength(JSON.stringify(state)) > MAX_STATE_BYTES) throw invalidField('body.state', 'saved_view.state_too_large');
}

const nameTaken = () =>
  new AppError('CONFLICT', 'SAVED_VIEW_NAME_TAKEN', 'saved_view.name_taken', { fields: [{ field: 'body.name', message: 'field.taken' }] });
