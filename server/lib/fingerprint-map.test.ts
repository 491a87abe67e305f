import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FingerprintMap } from './fingerprint-map.ts';

describe('FingerprintMap', () => {
  it('answers like a Map of strings (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 30, unit: 'grapheme' }), fc.nat(1_000_000))), fc.array(fc.string({ maxLength: 30 })), (entries, probes) => {
        const map = new FingerprintMap(16);
        const reference = new Map<string, number>();
        for (const [k, v] of entries) {
          map.set(k, v);
          reference.set(k, v);
        }
        expect(map.size).toBe(reference.size);
        for (const k of [...reference.keys(), ...probes]) expect(map.get(k)).toBe(reference.get(k));
      }),
    );
  });

  it('holds a million keys and finds no false match among 200,000 others', () => {
    const map = new FingerprintMap();
    for (let i = 0; i < 1_000_000; i++) map.set(`mobile:+86138${String(i).padStart(8, '0')}`, i + 2);
    expect(map.size).toBe(1_000_000);
    expect(map.get('mobile:+8613800000000')).toBe(2);
    expect(map.get('mobile:+8613800999999')).toBe(1_000_001);
    let falseMatches = 0;
    for (let i = 1_000_000; i < 1_200_000; i++) if (map.has(`mobile:+86138${String(i).padStart(8, '0')}`)) falseMatches++;
    expect(falseMatches).toBe(0);
  });
});
