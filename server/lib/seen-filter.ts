import { fingerprint } from './fingerprint-map.ts';

/**
 * Which strings may have been seen: a Bloom filter of fixed size. `mightHave` is never false for a
 * string that was added, and true for one that was not with a small probability (about 0.3% after
 * 10,000,000 strings in the default 16 MB, rising as it fills). An import of transactions keeps the
 * ids it wrote in one, so that only the few "maybe" ids of a batch are looked up as repeats of an
 * earlier batch, instead of every id.
 */
export class SeenFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /** bitsLog2: the filter holds 2^bitsLog2 bits (27: 16 MB). */
  constructor(
    bitsLog2 = 27,
    private readonly probes = 7,
  ) {
    this.bits = new Uint32Array(2 ** (bitsLog2 - 5));
    this.mask = 2 ** bitsLog2 - 1;
  }

  add(key: string): void {
    const [a, b] = fingerprint(key);
    // Double hashing: probe i is at a + i·b (b made odd, so the probes differ).
    for (let i = 0, h = a, step = b | 1; i < this.probes; i++, h = (h + step) >>> 0) {
      const bit = h & this.mask;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  mightHave(key: string): boolean {
    const [a, b] = fingerprint(key);
    for (let i = 0, h = a, step = b | 1; i < this.probes; i++, h = (h + step) >>> 0) {
      const bit = h & this.mask;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}
