import { z } from 'zod';

/**
 * An id in a URL or query string: plain decimal digits only, so '0x10', '1e1' or '1.0' are
 * refused rather than read as some other customer's id.
 */
export const idParam = z
  .string()
  .regex(/^[1-9]\d{0,15}$/)
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n));

/** An id in a JSON body: a JSON number, never a string, boolean or list coerced into one. */
export const idBody = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A calendar date YYYY-MM-DD that PostgreSQL can store (year 0001 or later). */
export const isoDate = z.iso.date().refine((s) => !s.startsWith('0000'));
