import type { Queryable } from '#platform/db/db.ts';

export const FIELD_TYPES = ['text', 'number', 'date', 'boolean', 'select', 'multiselect'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface CustomFieldRow {
  id: number;
  entity: string;
  key: string;
  type: FieldType;
  labelZh: string;
  labelEn: string;
  descriptionZh: string | null;
  descriptionEn: string | null;
  required: boolean;
  options: { value: string; labelZh: string; labelEn: string }[];
  position: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}
export type CustomFieldValues = Omit<CustomFieldRow, 'id' | 'createdAt' | 'updatedAt'>;

const COLUMNS = `id, entity, key, type, label_zh as "labelZh", label_en as "labelEn", description_zh as "descriptionZh",
  description_en as "descriptionEn", required, options, position, active, created_at as "createdAt", updated_at as "updatedAt"`;

export const customFieldsRepository = {
  list: (q: Queryable, entity: string) =>
    q.query<CustomFieldRow>(`select ${COLUMNS} from custom_fields where entity = $1 order by position, id`, [entity]),
  byId: async (q: Queryable, id: number) => (await q.query<CustomFieldRow>(`select ${COLUMNS} from custom_fields where id = $1`, [id]))[0],
  byKey: async (q: Queryable, entity: string, key: string) =>
    (await q.query<CustomFieldRow>(`select ${COLUMNS} from custom_fields where entity = $1 and key = $2`, [entity, key]))[0],
  async insert(q: Queryable, v: CustomFieldValues): Promise<CustomFieldRow> {
    const [row] = await q.query<CustomFieldRow>(
      `insert into custom_fields (entity, key, type, label_zh, label_en, description_zh, description_en, required, options, position, active)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning ${COLUMNS}`,
      [v.entity, v.key, v.type, v.labelZh, v.labelEn, v.descriptionZh, v.descriptionEn, v.required, JSON.stringify(v.options), v.position, v.active],
    );
    return row!;
  },
  async update(q: Queryable, id: number, v: Omit<CustomFieldValues, 'entity' | 'key' | 'type'>): Promise<CustomFieldRow> {
    const [row] = await q.query<CustomFieldRow>(
      `update custom_fields set label_zh = $2, label_en = $3, description_zh = $4, description_en = $5, required = $6,
         options = $7, position = $8, active = $9, updated_at = now() where id = $1 returning ${COLUMNS}`,
      [id, v.labelZh, v.labelEn, v.descriptionZh, v.descriptionEn, v.required, JSON.stringify(v.options), v.position, v.active],
    );
    return row!;
  },
};
