/** Which groups a public build withholds (src/domain/disclosure.ts), on small hand-made cases. */
import { describe, expect, it } from 'vitest';
import { isWithheld, withheldGroups, withheldUnits } from '../../src/domain/disclosure.ts';

const sizes = (o: Record<string, number>) => new Map(Object.entries(o));

describe('withheld groups', () => {
  it('withholds nothing when every department has at least k people', () => {
    expect(withheldUnits(sizes({ 甲系: 3, 乙系: 4 }), 3)).toEqual([]);
  });

  it('withholds a department under k, and the next smallest with it, so that the total minus those shown gives no one away', () => {
    // 甲系 alone (2) would be 全院 − 乙系 − 丙系: 乙系 (the smallest of the rest) goes with it.
    expect(withheldUnits(sizes({ 甲系: 2, 乙系: 5, 丙系: 6 }), 3)).toEqual(['乙系', '甲系']);
    // Two small departments holding k together need no third.
    expect(withheldUnits(sizes({ 甲系: 1, 乙系: 2, 丙系: 6 }), 3)).toEqual(['乙系', '甲系']);
  });

  it('withholds the institution itself when it has fewer than k', () => {
    expect(withheldUnits(sizes({ 甲系: 1, 乙系: 1 }), 3)).toEqual(['乙系', '甲系', '全院']);
  });

  it('ignores departments with no one in the population', () => {
    expect(withheldUnits(sizes({ 甲系: 0, 乙系: 4 }), 3)).toEqual([]);
  });

  it('keeps each semester and population apart', () => {
    const w = withheldGroups(
      [
        { semester: 's1', population: 'roster:part_time', department: '甲系', people: 1 },
        { semester: 's1', population: 'roster:part_time', department: '乙系', people: 4 },
        { semester: 's1', population: 'roster:full_time', department: '甲系', people: 5 },
        { semester: 's2', population: 'roster:part_time', department: '甲系', people: 3 },
      ],
      3,
    );
    expect(w).toEqual({ s1: { 'roster:part_time': ['乙系', '甲系'] } });
    expect(isWithheld(w, 's1', ['roster:part_time'], '甲系')).toBe(true);
    expect(isWithheld(w, 's1', ['roster:full_time'], '甲系')).toBe(false);
    expect(isWithheld(w, 's2', ['roster:part_time'], '甲系')).toBe(false);
  });
});
