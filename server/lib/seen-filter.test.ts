import { describe, it, expect } from 'vitest';
import { SeenFilter } from './seen-filter.ts';

describe('SeenFilter', () => {
  it('always knows what was added, and rarely claims what was not', () => {
    const filter = new SeenFilter(20); // 1,048,576 bits
    for (let i = 0; i < 50_000; i++) filter.add(`T${i}`);
    for (let i = 0; i < 50_000; i++) expect(filter.mightHave(`T${i}`)).toBe(true);
    let wrong = 0;
    for (let i = 50_000; i < 150_000; i++) if (filter.mightHave(`T${i}`)) wrong++;
    // Expected about 0.015% (15 of 100,000) at this load with 7 probes.
    expect(wrong).toBeLessThan(100);
    expect(new SeenFilter(10).mightHave('nothing added')).toBe(false);
  });
});
