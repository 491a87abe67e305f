import type { Db } from '#platform/db/db.ts';
import type { Actor } from '#platform/auth/actor.ts';
import { invalid, invalidField, notFound, type FieldError } from '#platform/errors.ts';
import { isIsoDate, normalizeText, toHalfWidth } from '#lib/cn/index.ts';
import { recordAudit } from '#modules/audit/audit.service.ts';
import { customFieldsRepository, type CustomFieldRow, type CustomFieldValues } from './custom-fields.repository.ts';

/**
 * The data dictionary of custom fields: admins define them, every write is checked against them.
 * Definitions are few and read on every write, so they are cached briefly per process.
 */
export class CustomFieldsService {
  private cache = new Map<string, { at: number; rows: CustomFieldRow[] }>();

  constructor(private readonly db: Db) {}

  async list(entity = 'customer'): Promise<CustomFieldRow[]> {
    const hit = this.cache.get(entity);
    if (hit && Date.now() - hit.at < 5_000) return hit.rows;
    const rows = await customFieldsRepository.list(this.db, entity);
    this.cache.set(entity, { at: Date.now(), rows });
    return rows;
  }

  /** After the data was replaced wholesale (a restore). */
  forget(): void {
    this.cache.clear();
  }

  async create(actor: Actor, v: CustomFieldValues): Promise<CustomFieldRow> {
    if (await customFieldsRepository.byKey(this.db, v.entity, v.key)) throw invalidField('body.key', 'field.taken');
    checkOptions(v.type, v.options);
    const row = await this.db.transaction(async (tx) => {
      const created = await customFieldsRepository.insert(tx, v);
      await recordAudit(tx, actor, { action: 'create', entity: 'custom_field', entityId: created.id, after: created });
      return created;
    });
    this.cache.clear();
    return row;
  }

  async update(actor: Actor, id: number, v: Omit<CustomFieldValues, 'entity' | 'key' | 'type'>): Promise<CustomFieldRow> {
    const before = await customFieldsRepository.byId(this.db, id);
    if (!before) throw notFound('CUSTOM_FIELD_NOT_FOUND', 'custom_field.not_found');
    checkOptions(before.type, v.options);
    // Stored values keep their meaning: an option's value may be relabelled, not taken away.
    const kept = new Set(v.options.map((o) => o.value));
    for (const removed of before.options.filter((o) => !kept.has(o.value))) {
      const used = await this.db.query(`select 1 from customers where custom @> $1::jsonb or custom @> $2::jsonb limit 1`, [
        JSON.stringify({ [before.key]: removed.value }),
        JSON.stringify({ [before.key]: [removed.value] }),
      ]);
      if (used.length) throw invalidField('body.options', 'custom_field.option_removed', { value: removed.value });
    }
    const row = await this.db.transaction(async (tx) => {
      const after = await customFieldsRepository.update(tx, id, v);
      await recordAudit(tx, actor, { action: 'update', entity: 'custom_field', entityId: id, before, after });
      return after;
    });
    this.cache.clear();
    return row;
  }

  /**
   * Checks and normalises custom values for a write. Unknown keys are refused; required fields
   * must be present when `requireAll` (a create) or when the write names them.
   */
  async validate(values: Record<string, unknown>, requireAll: boolean, path = 'body.custom', entity = 'customer') {
    const defs = (await this.list(entity)).filter((d) => d.active);
    const byKey = new Map(defs.map((d) => [d.key, d]));
    const errors: FieldError[] = [];
    const out: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(values)) {
      const def = byKey.get(key);
      if (!def) {
        errors.push({ field: `${path}.${key}`, message: 'field.unknown' });
        continue;
      }
      const empty = raw === null || raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0);
      if (empty) {
        if (def.required) errors.push({ field: `${path}.${key}`, message: 'field.required' });
        continue;
      }
      const result = coerce(def, raw);
      if (result.ok) out[key] = result.value;
      else errors.push({ field: `${path}.${key}`, message: result.message });
    }
    if (requireAll) {
      for (const def of defs) {
        if (def.required && !(def.key in values)) errors.push({ field: `${path}.${def.key}`, message: 'field.required' });
      }
    }
    if (errors.length) throw invalid(errors);
    return out;
  }

  /** Keys that may be used in list filters (custom.<key>=value). */
  async filterable(entity = 'customer'): Promise<Map<string, CustomFieldRow>> {
    return new Map((await this.list(entity)).filter((d) => d.active).map((d) => [d.key, d]));
  }
}

function checkOptions(type: CustomFieldRow['type'], options: CustomFieldRow['options']) {
  if ((type === 'select' || type === 'multiselect') && options.length === 0) throw invalidField('body.options', 'custom_field.options_required');
  const values = options.map((o) => o.value);
  if (new Set(values).size !== values.length) throw invalidField('body.options', 'custom_field.option_duplicate');
}

type Coerced = { ok: true; value: unknown } | { ok: false; message: FieldError['message'] };

/** One custom value to its stored form: numbers accept full-width digits and thousands separators. */
export function coerce(def: Pick<CustomFieldRow, 'type' | 'options'>, raw: unknown): Coerced {
  switch (def.type) {
    case 'text':
      return typeof raw === 'string' && raw.length <= 2000 ? { ok: true, value: normalizeText(raw) } : { ok: false, message: 'field.invalid' };
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(toHalfWidth(raw).replace(/,/g, '').trim()) : NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: 'field.number' };
    }
    case 'date':
      return typeof raw === 'string' && isIsoDate(raw.trim()) ? { ok: true, value: raw.trim() } : { ok: false, message: 'field.date' };
    case 'boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
      return { ok: false, message: 'field.invalid' };
    case 'select':
      return typeof raw === 'string' && def.options.some((o) => o.value === raw) ? { ok: true, value: raw } : { ok: false, message: 'field.option' };
    case 'multiselect':
      return Array.isArray(raw) && raw.every((v) => typeof v === 'string' && def.options.some((o) => o.value === v))
        ? { ok: true, value: [...new Set(raw as string[])] }
        : { ok: false, message: 'field.option' };
  }
}
