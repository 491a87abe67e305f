/** Rows as the CSV text `COPY … FROM STDIN WITH (FORMAT csv)` reads back exactly. */

/** A value as COPY's CSV format reads it back exactly: null as nothing, text quoted when it must be. */
export function csvValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  // An unquoted empty field is NULL, so the empty string is quoted; so is `\.`, COPY's end-of-data line.
  if (value === '' || /[",\r\n\\]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** Rows as COPY CSV text, in pieces of about 64 kB (PGlite gathers them into one blob; PostgreSQL streams them). */
export function* csvChunks<T>(rows: readonly T[], line: (row: T) => (string | number | boolean | null | undefined)[]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += `${line(row).map(csvValue).join(',')}\n`;
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
