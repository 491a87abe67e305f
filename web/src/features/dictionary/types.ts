/** One field of the data dictionary (GET /data-dictionary), in both languages. */
export interface DictionaryEntry {
  entity: string;
  /** The field's key; custom fields are `custom.<key>`. */
  field: string;
  labelZh: string;
  labelEn: string;
  meaningZh: string | null;
  meaningEn: string | null;
  sourceZh: string;
  sourceEn: string;
  custom: boolean;
}
