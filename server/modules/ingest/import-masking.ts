import type { Actor } from '#platform/auth/actor.ts';
import { fieldForReader } from '#modules/customers/customer.presenter.ts';
import { accountNumbersMasked, maskAccountNumber } from './holdings.service.ts';
import type { RowError } from './cells.ts';

/** The field of each target that holds an account or card number. */
const ACCOUNT_FIELD: Partial<Record<string, string>> = { holdings: 'externalId', transactions: 'holdingExternalId' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What the import pages (the preview, the quarantine list, a run's errors and error report) show a
 * reader of the values the customer 360 restricts for him, by the same rules: account and card
 * numbers as the holdings panel masks them (accountNumbersMasked), a customer's ID number, mobile,
 * contacts and custom fields as his record shows them. Holding `data:import` does not lift a
 * role's masking. Readers without such rules (admins, the system) see every value whole.
 */
export function importMasking(actor: Pick<Actor, 'fieldRules'>, target: string, mapping: Record<string, string> = {}) {
  const accountField = ACCOUNT_FIELD[target];
  const maskAccounts = accountField !== undefined && accountNumbersMasked(actor);
  /** One value of a field as the reader sees it; null when his roles hide it. */
  const shown = (field: string, value: unknown, idType?: string | null): { value: unknown; masked: boolean } | null => {
    if (field === accountField) return maskAccounts && typeof value === 'string' && value ? { value: maskAccountNumber(value), masked: true } : { value, masked: false };
    if (target === 'customers') return fieldForReader(actor, field, value, 'detail', idType);
    return { value, masked: false };
  };

  return {
    /** Whether the reader's roles mask or hide any field the mapping fills. */
    hidesAny(): boolean {
      return Object.values(mapping).some((field) => {
        const s = shown(field, '0000000000');
        return s === null || s.masked;
      });
    },

    /** A row's values (as the preview or the quarantine list gives them): hidden keys left out, masked ones listed in `masked`. */
    row(values: Record<string, unknown>): { values: Record<string, unknown>; masked: string[] } {
      const out: Record<string, unknown> = {};
      const masked: string[] = [];
      const idType = typeof values.idType === 'string' ? values.idType : null;
      for (const [key, value] of Object.entries(values)) {
        if ((key === 'custom' || key === 'contact') && isRecord(value) && target === 'customers') {
          const inner: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(value)) {
            const s = shown(`${key}.${k}`, v);
            // A contact keeps his keys (null when hidden), as his customer's record shows him.
            if (!s) {
              if (key === 'contact') inner[k] = null;
              continue;
            }
            inner[k] = s.value;
            if (s.masked) masked.push(`${key}.${k}`);
          }
          out[key] = inner;
          continue;
        }
        const s = shown(key, value, idType);
        if (!s) continue;
        out[key] = s.value;
        if (s.masked) masked.push(key);
      }
      return { values: out, masked };
    },

    /**
     * A row error with its value masked (null when hidden) when the column holds a restricted field;
     * values its message quotes (the impossible date of a birth date) are masked alike.
     */
    error<E extends RowError>(e: E): E {
      if (e.column === null) return e;
      // Errors name the file's column; runs of quarantined rows name the field itself.
      const field = mapping[e.column] ?? e.column;
      const s = shown(field, e.value);
      if (s && !s.masked) return e;
      const params = e.params
        ? Object.fromEntries(Object.entries(e.params).map(([k, v]) => [k, typeof v === 'string' && !v.startsWith('import.field.') ? (shown(field, v)?.value ?? '****') : v]))
        : e.params;
      return { ...e, value: s ? (s.value as string | null) : null, params };
    },
  };
}

/**
 * Whether the reader may download a run's rows with errors. They are given whole (a masked value
 * could not be imported again), so only to the person who started the run (he had the file) or to
 * a reader whose roles see every field the file fills.
 */
export function mayTakeRejectedRows(actor: Pick<Actor, 'fieldRules' | 'userId'>, run: { startedBy: number | null; target: string; mapping: Record<string, string> }): boolean {
  return run.startedBy === actor.userId || !importMasking(actor, run.target, run.mapping).hidesAny();
}
