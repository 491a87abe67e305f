/**
 * A map from strings to row numbers that keeps only a 64-bit fingerprint of each key, in typed
 * arrays: 12 bytes a slot, about 16 a key, instead of a JavaScript string and map entry (~100
 * bytes). An import remembers every ID number, mobile and external id it has seen to report
 * duplicates within the file; for ten million rows a Map of strings alone would pass the memory
 * budget.
 *
 * Two different keys share a fingerprint with probability ~n²/2⁶⁵ (about 3 in a million for ten
 * million keys); such a pair would be reported as a duplicate.
 */
export class FingerprintMap {
  // Split in shards (by the top bits of one hash) that grow one at a time by half their size: the
  // table never doubles as a whole, so growing never holds the old and the new copy of all of it.
  private readonly shards: Shard[];
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    const each = Math.max(16, Math.ceil(initialCapacity / SHARDS));
    this.shards = Array.from({ length: SHARDS }, () => new Shard(each));
  }

  get size(): number {
    return this.count;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  get(key: string): number | undefined {
    const [a, b] = fingerprint(key);
    return this.shards[b >>> SHARD_SHIFT]!.get(a, b);
  }

  /** `value` must be below 2³² − 1 (row numbers are). */
  set(key: string, value: number): this {
    const [a, b] = fingerprint(key);
    if (this.shards[b >>> SHARD_SHIFT]!.set(a, b, value + 1)) this.count++;
    return this;
  }
}

const SHARD_SHIFT = 26;
const SHARDS = 2 ** (32 - SHARD_SHIFT);

/** Open addressing with linear probing; per slot: hash a, hash b, value + 1 (0 = empty). */
class Shard {
  private slots: Uint32Array;
  private capacity: number;
  private count = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.slots = new Uint32Array(capacity * 3);
  }

  get(a: number, b: number): number | undefined {
    for (let i = a % this.capacity; ; i = i + 1 === this.capacity ? 0 : i + 1) {
      const value = this.slots[i * 3 + 2]!;
      if (value === 0) return undefined;
      if (this.slots[i * 3] === a && this.slots[i * 3 + 1] === b) return value - 1;
    }
  }

  /** True when the key is new. */
  set(a: number, b: number, stored: number): boolean {
    // At most 7/8 full; growing by half keeps the average fill near three quarters.
    if ((this.count + 1) * 8 > this.capacity * 7) this.grow();
    return this.place(a, b, stored);
  }

  private place(a: number, b: number, stored: number): boolean {
    for (let i = a % this.capacity; ; i = i + 1 === this.capacity ? 0 : i + 1) {
      const at = i * 3;
      if (this.slots[at + 2] === 0) {
        this.slots[at] = a;
        this.slots[at + 1] = b;
        this.slots[at + 2] = stored;
        this.count++;
        return true;
      }
      if (this.slots[at] === a && this.slots[at + 1] === b) {
        this.slots[at + 2] = stored;
        return false;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.capacity = Math.ceil(this.capacity * 1.5);
    this.slots = new Uint32Array(this.capacity * 3);
    this.count = 0;
    for (let at = 0; at < old.length; at += 3) if (old[at + 2] !== 0) this.place(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}

/** Two independent 32-bit hashes of the UTF-16 code units (FNV-1a, and a multiplicative mix). */
export function fingerprint(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b ^= b >>> 16;
  return [a >>> 0, b >>> 0];
}
