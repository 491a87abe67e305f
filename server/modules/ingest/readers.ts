import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import chardet from 'chardet';
import ExcelJS from 'exceljs';
import { AppError } from '#platform/errors.ts';

export const FORMATS = ['csv', 'xlsx', 'jsonl'] as const;
export type FileFormat = (typeof FORMATS)[number];

/** What the first bytes of a file say about how to read it. */
export interface FileShape {
  format: FileFormat;
  /** For text files: 'UTF-8', 'GB18030' (which reads GBK and GB2312), 'UTF-16LE' … */
  encoding: string | null;
  delimiter: string | null;
}

export interface SourceRow {
  /** 1-based line of the data row as a person counts in the file (the header is row 1). */
  rowNo: number;
  /** Values by column name: text from CSV, text/number/date/boolean from Excel and JSON. */
  cells: Record<string, unknown>;
  /**
   * A CSV row with more non-empty cells than the header has columns: how many it has. Its values
   * have slipped (an unquoted 1,000.00), so it is refused rather than read column by column.
   */
  cellCount?: number;
}

/** A table read from a file: its columns and its rows, streamed. */
export interface SourceTable {
  shape: FileShape;
  headers: string[];
  rows: AsyncIterable<SourceRow>;
}

const SAMPLE_BYTES = 64 * 1024;
/** An .xlsx whose parts unpack to more than this, or 100× their packed size, is refused as a zip bomb. */
const MAX_XLSX_UNPACKED = 2 * 1024 ** 3;

export const badFile = (reason: string, params?: Record<string, unknown>) =>
  new AppError('VALIDATION', 'IMPORT_BAD_FILE', `import.file.${reason}` as never, { params, fields: [{ field: 'file', message: `import.file.${reason}` as never, params }] });

async function sample(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Whether the bytes are UTF-8, allowing a character cut off at the end of the sample. */
function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, bytes.length - cut));
        return true;
      } catch {
        // try a shorter prefix
      }
    }
    return false;
  }
}

/** The encoding of a text sample: a BOM decides; else UTF-8 if it is valid UTF-8; else what chardet says, Chinese first. */
export function detectEncoding(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'UTF-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  if (isUtf8(bytes)) return 'UTF-8';
  const guess = chardet.detect(bytes);
  // GB18030 is a superset of GBK and GB2312: it reads all three. Big5 and Shift_JIS stand.
  if (!guess || /^(GB|GBK|GB2312|GB18030|windows-1252|ISO-8859-1)/i.test(guess)) return 'GB18030';
  return iconv.encodingExists(guess) ? guess : 'GB18030';
}

/** The delimiter of a CSV sample: the candidate found the same number of times on most of the first lines. */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, 20);
  let best = ',';
  let bestScore = -1;
  for (const candidate of [',', '\t', ';', '|', '，']) {
    const counts = lines.map((line) => line.replace(/"[^"]*"/g, '').split(candidate).length - 1);
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length;
    const score = consistent * 100 + first;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Reads the first bytes and decides the format, encoding and delimiter; refuses binary files. */
export async function sniff(path: string, fileName?: string): Promise<FileShape> {
  const bytes = await sample(path);
  if (bytes.length === 0) throw badFile('empty');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return { format: 'xlsx', encoding: null, delimiter: null };
  const encoding = detectEncoding(bytes);
  const utf16 = encoding.startsWith('UTF-16');
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) throw badFile('binary');
  const text = iconv.decode(bytes, encoding).replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD\uFFFD\uFFFD')) throw badFile('binary');
  const start = text.trimStart();
  if (start.startsWith('{') || /\.jsonl?$/i.test(fileName ?? '')) return { format: 'jsonl', encoding, delimiter: null };
  if (/\.xlsx?$/i.test(fileName ?? '')) throw badFile('not_xlsx');
  return { format: 'csv', encoding, delimiter: detectDelimiter(text) };
}

/** Opens a file as a table of rows. `headers` are the names of the columns as the file has them. */
export async function readTable(path: string, fileName?: string, overrides: Partial<FileShape> = {}): Promise<SourceTable> {
  const shape = { ...(await sniff(path, fileName)), ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v)) } as FileShape;
  if (shape.format === 'xlsx') return readXlsx(path, shape);
  if (shape.format === 'jsonl') return readJsonLines(path, shape);
  return readCsv(path, shape);
}

function decoded(path: string, encoding: string): Readable {
  const raw = createReadStream(path);
  if (encoding === 'UTF-8') return raw;
  return raw.pipe(iconv.decodeStream(encoding)) as unknown as Readable;
}

/** A unique, non-empty name for every column: blanks become "Column 3", repeats get a suffix. */
function cleanHeaders(raw: unknown[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((value, i) => {
    let name = String(value ?? '').replace(/^\uFEFF/, '').trim().normalize('NFC') || `#${i + 1}`;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    if (n > 0) name = `${name} (${n + 1})`;
    return name;
  });
}

async function readCsv(path: string, shape: FileShape): Promise<SourceTable> {
  const parser = decoded(path, shape.encoding ?? 'UTF-8').pipe(
    // relax_quotes: a quote inside an unquoted value (某公司"旗舰店", ab"c) is a character, as Excel reads it.
    parse({ delimiter: shape.delimiter ?? ',', bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, max_record_size: 1_048_576 }),
  );
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await nextOrBadFile(iterator);
  if (first.done) throw badFile('no_header');
  const headers = cleanHeaders(first.value);
  async function* rows(): AsyncIterable<SourceRow> {
    let rowNo = 1;
    for (;;) {
      const next = await nextOrBadFile(iterator, rowNo + 1);
      if (next.done) return;
      rowNo++;
      const cells: Record<string, unknown> = {};
      let overflow = false;
      next.value.forEach((value, i) => {
        if (i < headers.length) cells[headers[i]!] = value;
        else if (value.trim() !== '') overflow = true;
      });
      yield overflow ? { rowNo, cells, cellCount: next.value.length } : { rowNo, cells };
    }
  }
  return { shape, headers, rows: rows() };
}

async function nextOrBadFile<T>(iterator: AsyncIterator<T>, rowNo?: number): Promise<IteratorResult<T>> {
  try {
    return await iterator.next();
  } catch (error) {
    // Any parser error is the file's fault: a 400 naming the line, never a 500.
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' && error.lines > 0 ? error.lines : (rowNo ?? 1);
      throw badFile(error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'unbalanced_quotes' : 'csv', { row: line, detail: error.code });
    }
    throw error;
  }
}

async function readJsonLines(path: string, shape: FileShape): Promise<SourceTable> {
  // Column names: the keys of the first 1,000 objects, in first-seen order.
  const headers: string[] = [];
  const lines = createInterface({ input: decoded(path, shape.encoding ?? 'UTF-8'), crlfDelay: Infinity });
  let counted = 0;
  for await (const line of lines) {
    const object = parseJsonLine(line, counted + 1);
    if (!object) continue;
    for (const key of Object.keys(object)) if (!headers.includes(key)) headers.push(key);
    if (++counted >= 1000) break;
  }
  lines.close();
  if (headers.length === 0) throw badFile('no_header');
  async function* rows(): AsyncIterable<SourceRow> {
    let rowNo = 0;
    for await (const line of createInterface({ input: decoded(path, shape.encoding ?? 'UTF-8'), crlfDelay: Infinity })) {
      rowNo++;
      const object = parseJsonLine(line, rowNo);
      if (object) yield { rowNo, cells: object };
    }
  }
  return { shape, headers, rows: rows() };
}

function parseJsonLine(line: string, rowNo: number): Record<string, unknown> | null {
  const text = line.replace(/^\uFEFF/, '').trim();
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw badFile('json_line', { row: rowNo });
}

/**
 * Checks an .xlsx (a zip) before unpacking it: the central directory lists every part's packed and
 * unpacked size, so a bomb is refused without inflating a byte of it.
 */
export async function checkZip(path: string): Promise<void> {
  const { size } = await stat(path);
  const handle = await open(path, 'r');
  try {
    const tailSize = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailSize);
    await handle.read(tail, 0, tailSize, size - tailSize);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw badFile('not_xlsx');
    const entries = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset === 0xffffffff || dirOffset + dirSize > size) throw badFile('not_xlsx');
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    let offset = 0;
    let unpacked = 0;
    let packed = 0;
    let workbook = false;
    for (let i = 0; i < entries; i++) {
      if (dir.readUInt32LE(offset) !== 0x02014b50) throw badFile('not_xlsx');
      packed += dir.readUInt32LE(offset + 20);
      unpacked += dir.readUInt32LE(offset + 24);
      const nameLength = dir.readUInt16LE(offset + 28);
      const name = dir.toString('utf8', offset + 46, offset + 46 + nameLength);
      if (name === 'xl/workbook.xml') workbook = true;
      offset += 46 + nameLength + dir.readUInt16LE(offset + 30) + dir.readUInt16LE(offset + 32);
    }
    if (!workbook) throw badFile('not_xlsx');
    if (unpacked > MAX_XLSX_UNPACKED || (unpacked > 64 * 1024 ** 2 && unpacked > 100 * Math.max(packed, 1))) throw badFile('zip_bomb');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw badFile('not_xlsx');
  } finally {
    await handle.close();
  }
}

/** An Excel cell as a plain value: formulas give their cached result and are never evaluated. */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return value;
  if ('result' in value) return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return (value as ExcelJS.CellHyperlinkValue).text;
  if ('error' in value) return null;
  return String(value);
}

async function readXlsx(path: string, shape: FileShape): Promise<SourceTable> {
  await checkZip(path);
  const open = () =>
    new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(path), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' });
  async function* sheetRows(): AsyncGenerator<{ rowNo: number; values: unknown[] }> {
    try {
      for await (const sheet of open()) {
        for await (const row of sheet) {
          const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
          yield { rowNo: row.number, values };
        }
        return; // the first sheet only
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw badFile('not_xlsx');
    }
  }
  const iterator = sheetRows();
  let first = await iterator.next();
  while (!first.done && first.value.values.every((v) => v === null || v === '')) first = await iterator.next();
  if (first.done) throw badFile('no_header');
  const headers = cleanHeaders(first.value.values);
  async function* rows(): AsyncIterable<SourceRow> {
    for await (const { rowNo, values } of { [Symbol.asyncIterator]: () => iterator }) {
      if (values.every((v) => v === null || v === '')) continue;
      const cells: Record<string, unknown> = {};
      values.forEach((value, i) => {
        if (i < headers.length) cells[headers[i]!] = value;
      });
      yield { rowNo, cells };
    }
  }
  return { shape, headers, rows: rows() };
}
