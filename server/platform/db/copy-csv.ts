/** Rows as the CSV text `COPY … FROM STDIN WITH (FORMAT csv)` reads back exactly. */

const MUST_QUOTE = /[",\r\n\\]/;

/** A value as COPY's CSV format reads it back exactly: null as nothing, text quoted when it must be. */
export function csvValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  // An unquoted empty field is NULL, so the empty string is quoted; so is `\.`, COPY's end-of-data line.
  if (value === '' || MUST_QUOTE.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** Rows as COPY CSV text, in pieces of about 64 kB (PGlite gathers them into one blob; PostgreSQL streams them). */
export function* csvChunks<T>(rows: readonly T[], line: (row: T) => (string | number | boolean | null | undefined)[]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    // One string per row, built in place (a map and a join allocated two arrays a row).
    const values = line(row);
    let text = csvValue(values[0]);
    for (let i = 1; i < values.length; i++) text += `,${csvValue(values[i])}`;
    chunk += `${text}\n`;
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** A text array as PostgreSQL's array input reads it back exactly: every element quoted, `"` and `\` escaped. */
export function pgTextArray(values: readonly string[]): string {
  let text = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    text += `${i ? ',' : ''}"${/["\\]/.test(value) ? value.replace(/["\\]/g, '\\$&') : value}"`;
  }
  return `${text}}`;
}
