import type { Rule } from '#modules/tags/rules.ts';

/**
 * An in-memory audience index: every live customer has a dense position (in id order), every tag
 * and every value of a low-cardinality attribute is one bitset (a Uint32Array, one bit per
 * position), and the few continuous attributes are typed arrays. A rule becomes one generated
 * function that walks the bitsets 32 customers at a time, so AND / OR / NOT cost a few word
 * operations per 32 customers and no intermediate bitmap is ever allocated.
 *
 * The index answers only what it can answer exactly as the SQL of rules.ts would; anything else
 * (custom fields, holdings, transactions, text ranges) makes `plan` return null and the caller
 * falls back to SQL.
 */

/** Attributes kept as a dictionary of values: one bitset per value, or a code per customer once they are many. */
export const DICT_FIELDS = {
  kind: 'text', gender: 'text', status: 'text', idType: 'text', provinceCode: 'text', cityCode: 'text', districtCode: 'text',
  industry: 'text', size: 'text', sourceChannel: 'text', orgUnitId: 'number', ownerId: 'number',
  valueTier: 'text', rfmSegment: 'text', paretoCore: 'text', lifecycle: 'text', rfmR: 'number', rfmF: 'number', rfmM: 'number',
} as const;
export type DictFieldName = keyof typeof DICT_FIELDS;
const DICT_NAMES = Object.keys(DICT_FIELDS) as DictFieldName[];

/** One customer as the index holds him. Dates are yyyymmdd numbers (what a lexical date compare needs). */
export interface AudienceRow {
  id: number;
  attrs: Partial<Record<DictFieldName, string | number | null>>;
  birthDate: number | null;
  /** The day the customer record was created: what `createdAt` compares. */
  createdDate: number | null;
  /**
   * The day the relationship began: the record's creation or his oldest account's opening,
   * whichever is earlier (what `customerYears` counts from, as the credit scorecard does).
   */
  sinceDate: number | null;
  contribution: number | null;
  tagIds: number[];
}

export interface Breakdown {
  orgUnits: { id: number; count: number }[];
  ageBands: { band: string; count: number }[];
  gender: { gender: string | null; count: number }[];
  tiers: { tier: string | null; count: number }[];
}

/** Past this many values an attribute keeps a code per customer instead of a bitset per value. */
const MAX_BITSET_VALUES = 64;
const NO_DATE = -2147483648;
type DateColumn = 'birthDate' | 'createdDate' | 'sinceDate';
/**
 * Whole years since a date column's dates, as of one day: steps[k] holds the positions whose key
 * is at most today − (first + k) years, i.e. at least first + k whole years ago (as
 * extract(year from age(…)) counts them), for every count of years the column's dates reach. A
 * years condition is then one or two of these bitsets, read word by word.
 */
interface YearSteps {
  today: number;
  first: number;
  steps: Uint32Array[];
  /** Positions with a date. */
  dated: Uint32Array;
}
const AGE_BANDS = ['<25', '25-34', '35-44', '45-54', '55-64', '65+', 'unknown'] as const;

/** An attribute with a dictionary of values. Values are kept as text; numbers compare as numbers. */
class DictField {
  readonly values: string[] = [];
  readonly byValue = new Map<string, number>();
  /** 'bits': bits[e] has the customers with value e. 'codes': codes[pos] = e + 1, 0 for none. */
  mode: 'bits' | 'codes' = 'bits';
  bits: Uint32Array[] = [];
  /** Customers with any value (bits mode): what "not null" reads. */
  present: Uint32Array;
  codes: Uint16Array | Uint32Array | null = null;

  constructor(
    readonly numeric: boolean,
    words: number,
  ) {
    this.present = new Uint32Array(words);
  }

  entry(value: string, words: number): number {
    let e = this.byValue.get(value);
    if (e !== undefined) return e;
    e = this.values.length;
    this.values.push(value);
    this.byValue.set(value, e);
    if (this.mode === 'bits') {
      if (this.values.length > MAX_BITSET_VALUES) this.toCodes(words);
      else this.bits.push(new Uint32Array(words));
    } else if (this.codes instanceof Uint16Array && this.values.length >= 0xffff) {
      this.codes = Uint32Array.from(this.codes);
    }
    return e;
  }

  private toCodes(words: number) {
    const codes: Uint16Array | Uint32Array = new Uint16Array(words * 32);
    this.bits.forEach((b, e) => forEachBit(b, b.length, (pos) => (codes[pos] = e + 1)));
    this.codes = codes;
    this.bits = [];
    this.present = new Uint32Array(0);
    this.mode = 'codes';
  }

  /** The entry at a position, or -1. */
  at(pos: number): number {
    if (this.mode === 'codes') return this.codes![pos]! - 1;
    const w = pos >>> 5;
    const bit = 1 << (pos & 31);
    for (let e = 0; e < this.bits.length; e++) if (this.bits[e]![w]! & bit) return e;
    return -1;
  }

  /** `fresh`: the position was never written, so there is no old value to clear. */
  set(pos: number, value: string | null, words: number, fresh = false) {
    const e = value === null ? -1 : this.entry(value, words);
    if (this.mode === 'codes') {
      this.codes![pos] = e + 1;
      return;
    }
    const old = fresh ? -1 : this.at(pos);
    if (old === e) return;
    const w = pos >>> 5;
    const bit = 1 << (pos & 31);
    if (old >= 0) this.bits[old]![w]! &= ~bit;
    if (e >= 0) {
      this.bits[e]![w]! |= bit;
      this.present[w]! |= bit;
    } else this.present[w]! &= ~bit;
  }

  grow(words: number) {
    if (this.mode === 'codes') {
      const codes = this.codes instanceof Uint16Array ? new Uint16Array(words * 32) : new Uint32Array(words * 32);
      codes.set(this.codes!);
      this.codes = codes;
      return;
    }
    this.bits = this.bits.map((b) => resized(b, words));
    this.present = resized(this.present, words);
  }

  bytes(): number {
    return this.mode === 'codes' ? this.codes!.byteLength : this.bits.reduce((n, b) => n + b.byteLength, this.present.byteLength);
  }
}

/** A compiled rule: counts and fills a result bitset over a range of words. */
type Runner = (from: number, to: number, scope: Uint32Array | null, out: Uint32Array | null) => number;
/** Age and customer years are computed against this day (yyyymmdd), as PostgreSQL's current_date. */
export type Today = number;

export class AudienceIndex {
  /** Positions in use; position p holds customer ids[p]. */
  size = 0;
  private words: number;
  ids: Float64Array;
  /** Up to this position ids ascend, so a lookup is a binary search; later ones came out of order. */
  private ordered = 0;
  private readonly late = new Map<number, number>();
  /** Positions of customers that exist and are not deleted. */
  live: Uint32Array;
  private readonly tags = new Map<number, Uint32Array>();
  private readonly dict = new Map<DictFieldName, DictField>();
  birthDate: Int32Array;
  createdDate: Int32Array;
  sinceDate: Int32Array;
  contribution: Float64Array;
  private zero: Uint32Array;
  /** Bumped whenever an array a compiled rule holds is replaced or added, so cached plans recompile. */
  private epoch = 0;
  private readonly plans = new Map<string, Runner>();
  /** Bitsets of recently used access scopes, kept current by put(). */
  private readonly scopes = new Map<string, { field: 'orgUnitId' | 'ownerId'; ids: Set<string>; bits: Uint32Array }>();
  /** Whole-year steps of each date column for the day they were made, kept current by put(). */
  private readonly years = new Map<DateColumn, YearSteps>();

  constructor(capacity = 1024) {
    this.words = Math.max(1, Math.ceil(capacity / 32));
    this.ids = new Float64Array(this.words * 32);
    this.live = new Uint32Array(this.words);
    this.zero = new Uint32Array(this.words);
    this.birthDate = new Int32Array(this.words * 32).fill(NO_DATE);
    this.createdDate = new Int32Array(this.words * 32).fill(NO_DATE);
    this.sinceDate = new Int32Array(this.words * 32).fill(NO_DATE);
    this.contribution = new Float64Array(this.words * 32).fill(NaN);
    for (const name of DICT_NAMES) this.dict.set(name, new DictField(DICT_FIELDS[name] === 'number', this.words));
  }

  // ---- positions and updates

  /** The position of a customer, or -1. */
  positionOf(id: number): number {
    let lo = 0;
    let hi = this.ordered - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return this.late.get(id) ?? -1;
  }

  /** A new position for a customer (ids normally arrive in ascending order). */
  private append(id: number): number {
    if (this.size === this.words * 32) this.grow(Math.ceil(this.words * 1.25) + 1);
    const pos = this.size++;
    this.ids[pos] = id;
    if (this.ordered === pos && (pos === 0 || this.ids[pos - 1]! < id)) this.ordered++;
    else this.late.set(id, pos);
    return pos;
  }

  private grow(words: number) {
    this.words = words;
    const n = words * 32;
    this.ids = resizedF(this.ids, n, 0);
    this.live = resized(this.live, words);
    this.zero = new Uint32Array(words);
    for (const [id, b] of this.tags) this.tags.set(id, resized(b, words));
    for (const f of this.dict.values()) f.grow(words);
    const dates = (a: Int32Array) => {
      const out = new Int32Array(n).fill(NO_DATE);
      out.set(a);
      return out;
    };
    this.birthDate = dates(this.birthDate);
    this.createdDate = dates(this.createdDate);
    this.sinceDate = dates(this.sinceDate);
    this.contribution = resizedF(this.contribution, n, NaN);
    this.scopes.clear();
    this.years.clear();
    this.epoch++;
  }

  /** The tag's bitset, created empty on first use (bulk loaders fill it directly). */
  tagBits(tagId: number): Uint32Array {
    let b = this.tags.get(tagId);
    if (!b) {
      b = new Uint32Array(this.words);
      this.tags.set(tagId, b);
      this.epoch++;
    }
    return b;
  }

  /** Writes one customer: his attributes and exactly these tags. */
  put(row: AudienceRow): number {
    let pos = this.positionOf(row.id);
    const fresh = pos < 0;
    if (fresh) pos = this.append(row.id);
    const w = pos >>> 5;
    const bit = 1 << (pos & 31);
    this.live[w]! |= bit;
    for (const name of DICT_NAMES) {
      const f = this.dict.get(name)!;
      const v = row.attrs[name];
      if (fresh && (v === null || v === undefined)) continue;
      const before = f.values.length;
      const mode = f.mode;
      f.set(pos, v === null || v === undefined ? null : String(v), this.words, fresh);
      if (f.values.length !== before || f.mode !== mode) this.epoch++;
    }
    this.setDate('birthDate', pos, row.birthDate ?? NO_DATE);
    this.setDate('createdDate', pos, row.createdDate ?? NO_DATE);
    this.setDate('sinceDate', pos, row.sinceDate ?? NO_DATE);
    this.contribution[pos] = row.contribution ?? NaN;
    for (const s of this.scopes.values()) {
      if (s.ids.has(String(row.attrs[s.field]))) s.bits[w]! |= bit;
      else s.bits[w]! &= ~bit;
    }
    if (fresh) for (const id of row.tagIds) this.tagBits(id)[w]! |= bit;
    else this.setTags(pos, row.tagIds);
    return pos;
  }

  private setDate(column: DateColumn, pos: number, key: number) {
    const values = this[column];
    if (values[pos] === key) return;
    values[pos] = key;
    const steps = this.years.get(column);
    if (!steps) return;
    const n = key === NO_DATE ? null : wholeYears(steps.today, key);
    if (n !== null && (n < steps.first || n >= steps.first + steps.steps.length)) {
      // Beyond the steps made: made again when next asked; compiled rules holding them recompile.
      this.years.delete(column);
      this.epoch++;
      return;
    }
    const w = pos >>> 5;
    const bit = 1 << (pos & 31);
    // steps[0] is also `dated`: every date reaches the first step.
    steps.steps.forEach((b, k) => {
      if (n !== null && n >= steps.first + k) b[w]! |= bit;
      else b[w]! &= ~bit;
    });
  }

  /** The column's whole-year steps as of today, made (one pass, then running ORs) when missing or of another day. */
  yearSteps(column: DateColumn, today: Today): YearSteps {
    const made = this.years.get(column);
    if (made && made.today === today) return made;
    const values = this[column];
    let lo = Infinity;
    let hi = -Infinity;
    for (let pos = 0; pos < this.size; pos++) {
      const v = values[pos]!;
      if (v === NO_DATE) continue;
      const n = wholeYears(today, v);
      if (n < lo) lo = n;
      if (n > hi) hi = n;
    }
    const first = lo === Infinity ? 0 : lo;
    const steps = Array.from({ length: lo === Infinity ? 0 : hi - lo + 1 }, () => new Uint32Array(this.words));
    // Each position into the step of exactly its years, then each step takes in the older ones.
    for (let pos = 0; pos < this.size; pos++) {
      const v = values[pos]!;
      if (v !== NO_DATE) steps[wholeYears(today, v) - first]![pos >>> 5]! |= 1 << (pos & 31);
    }
    for (let k = steps.length - 2; k >= 0; k--) {
      const b = steps[k]!;
      const older = steps[k + 1]!;
      for (let w = 0; w < this.words; w++) b[w]! |= older[w]!;
    }
    const result = { today, first, steps, dated: steps[0] ?? new Uint32Array(this.words) };
    this.years.set(column, result);
    // Rules compiled against steps of another day read arrays no longer kept current.
    if (made) this.epoch++;
    return result;
  }

  /** Positions at least n whole years since their date, as of the steps' day: a bitset, or null for none. */
  atLeastYears(steps: YearSteps, n: number): Uint32Array | null {
    if (n <= steps.first) return steps.dated;
    return steps.steps[n - steps.first] ?? null;
  }

  /** The customer is gone (deleted or merged): his position stays, out of every count. */
  remove(id: number) {
    const pos = this.positionOf(id);
    if (pos >= 0) this.live[pos >>> 5]! &= ~(1 << (pos & 31));
  }

  /** Sets exactly these tags at a position. */
  setTags(pos: number, tagIds: number[]) {
    const w = pos >>> 5;
    const bit = 1 << (pos & 31);
    for (const b of this.tags.values()) b[w]! &= ~bit;
    for (const id of tagIds) this.tagBits(id)[w]! |= bit;
  }

  setTag(pos: number, tagId: number, has: boolean) {
    const b = this.tagBits(tagId);
    if (has) b[pos >>> 5]! |= 1 << (pos & 31);
    else b[pos >>> 5]! &= ~(1 << (pos & 31));
  }

  hasTag(pos: number, tagId: number): boolean {
    const b = this.tags.get(tagId);
    return b !== undefined && (b[pos >>> 5]! & (1 << (pos & 31))) !== 0;
  }

  /** Drops a tag's members (before its bitset is loaded anew). */
  clearTag(tagId: number) {
    this.tagBits(tagId).fill(0);
  }

  /** Bytes held in typed arrays (the index's memory, give or take the small maps). */
  bytes(): number {
    let n = this.ids.byteLength + this.live.byteLength + this.zero.byteLength + this.birthDate.byteLength + this.createdDate.byteLength + this.sinceDate.byteLength + this.contribution.byteLength;
    for (const b of this.tags.values()) n += b.byteLength;
    for (const f of this.dict.values()) n += f.bytes();
    for (const y of this.years.values()) for (const b of y.steps) n += b.byteLength;
    return n;
  }

  memory() {
    let tags = 0;
    for (const b of this.tags.values()) tags += b.byteLength;
    let attributes = this.birthDate.byteLength + this.createdDate.byteLength + this.sinceDate.byteLength + this.contribution.byteLength;
    for (const f of this.dict.values()) attributes += f.bytes();
    for (const y of this.years.values()) for (const b of y.steps) attributes += b.byteLength;
    return { customers: this.size, tags: this.tags.size, tagBytes: tags, attributeBytes: attributes, totalBytes: this.bytes() };
  }

  // ---- rules

  /** A runnable form of the rule, or null when a condition is one the index does not hold. */
  plan(rule: Rule, tagIds: Map<string, number>, today: Today): Runner | null {
    const key = `${this.epoch}|${today}|${JSON.stringify(rule)}`;
    const cached = this.plans.get(key);
    if (cached) return cached;
    const gen = new Generator(this, tagIds, today);
    const node = gen.node(rule);
    if (!node) return null;
    const runner = gen.build(node);
    if (this.plans.size >= 500) this.plans.clear();
    this.plans.set(key, runner);
    return runner;
  }

  private get wordsInUse() {
    return Math.ceil(this.size / 32);
  }

  /** How many live customers in the scope match. */
  count(runner: Runner, scope: Uint32Array | null = null): number {
    return runner(0, this.wordsInUse, scope, null);
  }

  /** The matches as a bitset, with their number. */
  match(runner: Runner, scope: Uint32Array | null = null): { bits: Uint32Array; count: number } {
    const bits = new Uint32Array(this.words);
    return { bits, count: runner(0, this.wordsInUse, scope, bits) };
  }

  /** Whether the customer at a position matches (the single-customer update path). */
  matchesAt(runner: Runner, pos: number): boolean {
    const w = pos >>> 5;
    const out = new Uint32Array(w + 1);
    runner(w, w + 1, null, out);
    return (out[w]! & (1 << (pos & 31))) !== 0;
  }

  /** The customers of some org units (or owners): an access scope as a bitset, cached. */
  scope(field: 'orgUnitId' | 'ownerId', ids: number[]): Uint32Array {
    const key = `${field}:${[...ids].sort((a, b) => a - b).join(',')}`;
    const cached = this.scopes.get(key);
    if (cached) return cached.bits;
    const gen = new Generator(this, new Map(), 0);
    const runner = gen.build(gen.buildFor({ field, values: ids.map(String) }));
    const bits = this.match(runner).bits;
    if (this.scopes.size >= 32) this.scopes.clear();
    this.scopes.set(key, { field, ids: new Set(ids.map(String)), bits });
    return bits;
  }

  /** The lowest customer ids among the matches. */
  sample(bits: Uint32Array, n = 10): number[] {
    const out: number[] = [];
    const words = this.wordsInUse;
    if (this.late.size === 0) {
      for (let w = 0; w < words && out.length < n; w++) {
        let x = bits[w]!;
        while (x !== 0 && out.length < n) {
          const low = x & -x;
          out.push(this.ids[(w << 5) + 31 - Math.clz32(low)]!);
          x ^= low;
        }
      }
      return out;
    }
    forEachBit(bits, words, (pos) => {
      const id = this.ids[pos]!;
      if (out.length < n || id < out[out.length - 1]!) {
        out.push(id);
        out.sort((a, b) => a - b);
        if (out.length > n) out.pop();
      }
    });
    return out;
  }

  /** Counts of the matches by org unit, age band, gender and value tier (what the segment builder shows). */
  breakdown(bits: Uint32Array, today: Today): Breakdown {
    const words = this.wordsInUse;
    const byDict = (name: DictFieldName) => {
      const f = this.dict.get(name)!;
      const counts = new Map<string | null, number>();
      let total = 0;
      if (f.mode === 'bits') {
        f.bits.forEach((b, e) => {
          const n = popcountAnd(bits, b, words);
          if (n > 0) counts.set(f.values[e]!, n);
          total += n;
        });
        const none = popcountAnd(bits, null, words) - total;
        if (none > 0) counts.set(null, none);
      } else {
        const byCode = new Float64Array(f.values.length + 1);
        const codes = f.codes!;
        for (let w = 0; w < words; w++) {
          let x = bits[w]!;
          while (x !== 0) {
            const low = x & -x;
            byCode[codes[(w << 5) + 31 - Math.clz32(low)]!]!++;
            x ^= low;
          }
        }
        byCode.forEach((n, c) => n > 0 && counts.set(c === 0 ? null : f.values[c - 1]!, n));
      }
      return counts;
    };
    const bands = new Float64Array(AGE_BANDS.length);
    // Each band is whole years between two steps (the youngest from any date): counted against them, word by word.
    const steps = this.yearSteps('birthDate', today);
    const edges = [steps.dated, ...[25, 35, 45, 55, 65].map((n) => this.atLeastYears(steps, n))];
    for (let band = 0; band < 6; band++) {
      const from = edges[band];
      const to = band < 5 ? edges[band + 1] : null;
      let count = 0;
      if (from) {
        for (let w = 0; w < words; w++) {
          let x = bits[w]! & from[w]! & (to ? ~to[w]! : -1);
          x = x - ((x >>> 1) & 0x55555555);
          x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
          count += Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
        }
      }
      bands[band] = count;
    }
    bands[6] = popcountAnd(bits, null, words) - bands.reduce((sum, n) => sum + n, 0);
    const units = [...byDict('orgUnitId')].filter(([v]) => v !== null).map(([v, count]) => ({ id: Number(v), count }));
    units.sort((a, b) => b.count - a.count || a.id - b.id);
    return {
      orgUnits: units.slice(0, 20),
      ageBands: AGE_BANDS.map((band, i) => ({ band, count: bands[i]! })),
      gender: [...byDict('gender')].map(([gender, count]) => ({ gender, count })),
      tiers: [...byDict('valueTier')].map(([tier, count]) => ({ tier, count })).sort((a, b) => b.count - a.count),
    };
  }

  // ---- for the generator

  /** @internal */
  field(name: DictFieldName): DictField {
    return this.dict.get(name)!;
  }
  /** @internal */
  tagOrZero(tagId: number | undefined): Uint32Array {
    return (tagId !== undefined && this.tags.get(tagId)) || this.zero;
  }
}

// ---- rule → generated code

interface Node {
  /**
   * A word expression (bitsets only), or statements that leave the word in `out`, correct on the
   * bits of `care` (the customers still undecided); the other bits may be anything.
   */
  expr?: string;
  stmts?: (out: string, care: string) => string;
}

const INT_OPS = { eq: '===', ne: '!==', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

class Generator {
  readonly args: unknown[] = [];
  private vars = 0;

  constructor(
    private readonly index: AudienceIndex,
    private readonly tagIds: Map<string, number>,
    private readonly today: Today,
  ) {}

  private arg(value: unknown): string {
    this.args.push(value);
    return `a${this.args.length - 1}`;
  }

  private v(): string {
    return `v${this.vars++}`;
  }

  node(rule: Rule): Node | null {
    if ('all' in rule || 'any' in rule) {
      const and = 'all' in rule;
      const parts = (and ? (rule as { all: Rule[] }).all : (rule as { any: Rule[] }).any).map((r) => this.node(r));
      if (parts.some((p) => p === null)) return null;
      return this.combine(parts as Node[], and);
    }
    if ('not' in rule) {
      const inner = this.node(rule.not);
      if (!inner) return null;
      if (inner.expr) return { expr: `~${inner.expr}` };
      return { stmts: (out, care) => `${inner.stmts!(out, care)}\n${out} = ~${out};` };
    }
    if ('tag' in rule) {
      const bits = this.arg(this.index.tagOrZero(this.tagIds.get(rule.tag)));
      return { expr: rule.has === false ? `~${bits}[w]` : `${bits}[w]` };
    }
    if ('holdings' in rule || 'transactions' in rule) return null;
    return this.attribute(rule.field, rule.op, rule.value);
  }

  /** AND / OR: bitset terms first in one expression; per-customer terms only for the customers still undecided. */
  private combine(parts: Node[], and: boolean): Node {
    const cheap = parts.filter((p) => p.expr).map((p) => p.expr!);
    const costly = parts.filter((p) => !p.expr);
    const op = and ? '&' : '|';
    const joined = cheap.length ? `(${cheap.join(` ${op} `)})` : and ? '-1' : '0';
    if (costly.length === 0) return { expr: joined };
    return {
      stmts: (out, care) => {
        let s = `${out} = ${joined};`;
        for (const c of costly) {
          const t = this.v();
          const open = this.v();
          s += `\n{ const ${open} = ${and ? out : `~${out}`} & ${care};\nif (${open} !== 0) { let ${t} = 0;\n${c.stmts!(t, open)}\n${out} ${op}= ${t}; } }`;
        }
        return s;
      },
    };
  }

  /** A per-customer test `test(v)` over a column, as a word: only for the customers in `care`. */
  private perCustomer(column: unknown, test: string): Node {
    const col = this.arg(column);
    return {
      stmts: (out, care) => {
        const [base, left, low] = [this.v(), this.v(), this.v()];
        return `const ${base} = w << 5;\nlet ${low} = 0;\nfor (let ${left} = ${care}; ${left} !== 0; ${left} ^= ${low}) {
  ${low} = ${left} & -${left}; const v = ${col}[${base} + 31 - Math.clz32(${low})]; if (${test}) ${out} |= ${low}; }`;
      },
    };
  }

  private attribute(field: string, op: string, value: unknown): Node | null {
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    if (field in DICT_FIELDS) return this.dictCondition(field as DictFieldName, op, values.map(String));
    if (field === 'contribution') return this.numberCondition(op, values);
    if (field === 'birthDate' || field === 'createdAt') return this.dateCondition(field === 'birthDate' ? 'birthDate' : 'createdDate', op, values);
    if (field === 'age' || field === 'customerYears') return this.yearsCondition(field === 'age' ? 'birthDate' : 'sinceDate', op, values);
    return null;
  }

  private dictCondition(name: DictFieldName, op: string, values: string[]): Node | null {
    const f = this.index.field(name);
    let test: (v: string) => boolean;
    let nulls = false;
    const nums = values.map(Number);
    if (op === 'is_null' || op === 'not_null') {
      test = () => op === 'not_null';
      nulls = op === 'is_null';
    } else if (f.numeric) {
      if (!nums.every((n) => Number.isFinite(n))) return null;
      const cmp = numericTest(op, nums);
      if (!cmp) return null;
      test = (v) => cmp(Number(v));
      nulls = op === 'not_in';
    } else if (op === 'eq' || op === 'in') test = (v) => values.includes(v);
    else if (op === 'ne') test = (v) => v !== values[0];
    else if (op === 'not_in') {
      test = (v) => !values.includes(v);
      nulls = true;
    } else return null; // text ranges follow the database's collation
    if (op !== 'in' && op !== 'not_in' && op !== 'between' && op !== 'is_null' && op !== 'not_null' && values.length !== 1) return null;
    return this.buildFor({ field: name, test, nulls });
  }

  /** "The customer's value passes test" on a dictionary field. */
  buildFor(spec: { field: DictFieldName; values?: string[]; test?: (v: string) => boolean; nulls?: boolean }): Node {
    const f = this.index.field(spec.field);
    const test = spec.test ?? ((v: string) => (f.numeric ? spec.values!.some((x) => Number(x) === Number(v)) : spec.values!.includes(v)));
    const matched = f.values.map((v) => test(v));
    let node: Node;
    if (f.mode === 'bits') {
      const yes = f.bits.filter((_, e) => matched[e]);
      const no = f.bits.filter((_, e) => !matched[e]);
      // Whichever list is shorter: "these values", or "any value but those".
      let expr = yes.length <= no.length ? (yes.length ? `(${yes.map((b) => `${this.arg(b)}[w]`).join(' | ')})` : '0') : `(${this.arg(f.present)}[w]${no.map((b) => ` & ~${this.arg(b)}[w]`).join('')})`;
      if (spec.nulls) expr = `(${expr} | ~${this.arg(f.present)}[w])`;
      node = { expr };
    } else {
      const lut = new Uint8Array(f.values.length + 1);
      lut[0] = spec.nulls ? 1 : 0;
      matched.forEach((m, e) => (lut[e + 1] = m ? 1 : 0));
      node = this.perCustomer(f.codes, `${this.arg(lut)}[v] === 1`);
    }
    return node;
  }

  private numberCondition(op: string, values: unknown[]): Node | null {
    const nums = values.map(Number);
    if (op === 'is_null') return this.perCustomer(this.index.contribution, 'v !== v');
    if (op === 'not_null') return this.perCustomer(this.index.contribution, 'v === v');
    if (!nums.every((n) => Number.isFinite(n))) return null;
    const src = numericSource(op, nums);
    if (!src) return null;
    // NaN (no value) fails every comparison, as NULL does; NOT IN lets it through, as SQL's coalesce does.
    return this.perCustomer(this.index.contribution, op === 'not_in' ? `(v !== v || ${src})` : `(v === v && ${src})`);
  }

  private dateCondition(column: DateColumn, op: string, values: unknown[]): Node | null {
    const dates = this.index[column];
    if (op === 'is_null') return this.perCustomer(dates, `v === ${NO_DATE}`);
    if (op === 'not_null') return this.perCustomer(dates, `v !== ${NO_DATE}`);
    const keys = values.map((v) => dateKey(String(v)));
    if (keys.some((k) => k === null)) return null;
    const src = numericSource(op, keys as number[]);
    if (!src) return null;
    return this.perCustomer(dates, op === 'not_in' ? `(v === ${NO_DATE} || ${src})` : `(v !== ${NO_DATE} && ${src})`);
  }

  /**
   * Whole years since a date, as extract(year from age(current_date, d)): from the column's
   * whole-year steps, "at least n years" is one bitset and a band is one without another.
   */
  private yearsCondition(column: DateColumn, op: string, values: unknown[]): Node | null {
    const dates = this.index[column];
    if (op === 'is_null') return this.perCustomer(dates, `v === ${NO_DATE}`);
    if (op === 'not_null') return this.perCustomer(dates, `v !== ${NO_DATE}`);
    const nums = values.map(Number);
    if (!nums.every((n) => Number.isFinite(n))) return null;
    if ((op === 'between') !== (nums.length === 2) && op !== 'in' && op !== 'not_in') return null;
    const steps = this.index.yearSteps(column, this.today);
    const word = (bits: Uint32Array | null) => (bits ? `${this.arg(bits)}[w]` : '0');
    const atLeast = (n: number) => word(this.index.atLeastYears(steps, n));
    const dated = word(steps.dated);
    // years in [a, b] (whole numbers; b = Infinity for no upper end)
    const band = (a: number, b: number) => (a > b ? '0' : b === Infinity ? atLeast(a) : `(${atLeast(a)} & ~${atLeast(b + 1)})`);
    const exactly = (x: number) => (Number.isInteger(x) ? band(x, x) : '0');
    const [a, b] = nums as [number, number];
    let expr: string;
    switch (op) {
      case 'eq': expr = exactly(a); break;
      case 'ne': expr = `(${dated} & ~${exactly(a)})`; break;
      case 'gt': expr = band(Math.floor(a) + 1, Infinity); break;
      case 'gte': expr = band(Math.ceil(a), Infinity); break;
      // Below the first step: every date, future ones too (a negative age is less than any n).
      case 'lt': expr = `(${dated} & ~${atLeast(Math.ceil(a))})`; break;
      case 'lte': expr = `(${dated} & ~${atLeast(Math.floor(a) + 1)})`; break;
      case 'between': expr = band(Math.ceil(a), Math.floor(b)); break;
      case 'in': expr = `(${nums.map(exactly).join(' | ')})`; break;
      // NOT IN lets the customers without a date through, as SQL's coalesce does.
      case 'not_in': expr = `~(${nums.map(exactly).join(' | ')})`; break;
      default: return null;
    }
    return { expr };
  }

  build(node: Node): Runner {
    const body = node.expr ? `r = ${node.expr};` : node.stmts!('r', 'x');
    const locals = this.args.map((_, i) => `const a${i} = A[${i}];`).join('\n');
    const source = `${locals}
return function run(from, to, scope, out) {
  let count = 0;
  for (let w = from; w < to; w++) {
    let x = live[w];
    if (scope !== null) x &= scope[w];
    if (x === 0) { if (out !== null) out[w] = 0; continue; }
    let r = 0;
    ${body}
    x &= r;
    if (out !== null) out[w] = x;
    x = x - ((x >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    count += Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return count;
};`;
    return new Function('A', 'live', source)(this.args, this.index.live) as Runner;
  }
}

/** A JS test of `v` for a numeric comparison; NOT IN is the negated IN (nulls are added by the caller). */
function numericSource(op: string, nums: number[]): string | null {
  const [a, b] = nums as [number, number];
  if (op === 'in' || op === 'not_in') {
    const any = `(${nums.map((n) => `v === ${n}`).join(' || ')})`;
    return op === 'in' ? any : `!${any}`;
  }
  if (op === 'between') return nums.length === 2 ? `(v >= ${a} && v <= ${b})` : null;
  if (nums.length !== 1) return null;
  const js = INT_OPS[op as keyof typeof INT_OPS];
  return js ? `v ${js} ${a}` : null;
}

/** The same comparison on a number (dictionary values); null when the op is not a comparison. */
function numericTest(op: string, nums: number[]): ((v: number) => boolean) | null {
  const src = numericSource(op, nums);
  return src ? (new Function('v', `return ${src};`) as (v: number) => boolean) : null;
}

/** 'YYYY-MM-DD' → yyyymmdd, or null for a date PostgreSQL would not accept. */
export function dateKey(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return y * 10000 + mo * 100 + d;
}

/** Whole years from a yyyymmdd key to today's (as age() counts them: none until the anniversary). */
function wholeYears(today: Today, key: number): number {
  return Math.floor((today - key) / 10000);
}

function resized(a: Uint32Array, words: number): Uint32Array {
  const out = new Uint32Array(words);
  out.set(a.length > words ? a.subarray(0, words) : a);
  return out;
}

function resizedF(a: Float64Array, n: number, fill: number): Float64Array {
  const out = new Float64Array(n).fill(fill);
  out.set(a);
  return out;
}

export function forEachBit(bits: Uint32Array, words: number, fn: (pos: number) => void) {
  for (let w = 0; w < words; w++) {
    let x = bits[w]!;
    while (x !== 0) {
      const low = x & -x;
      fn((w << 5) + 31 - Math.clz32(low));
      x ^= low;
    }
  }
}

/** Set bits of a & b (or of a alone). */
function popcountAnd(a: Uint32Array, b: Uint32Array | null, words: number): number {
  let count = 0;
  for (let w = 0; w < words; w++) {
    let x = b ? a[w]! & b[w]! : a[w]!;
    x = x - ((x >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    count += Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return count;
}
