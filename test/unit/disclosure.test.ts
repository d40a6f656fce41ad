/** Which groups a public build withholds (src/domain/disclosure.ts), on small hand-made cases. */
import { describe, expect, it } from 'vitest';
import { isWithheld, withheldGroups, withheldUnits } from '../../src/domain/disclosure.ts';
import { SmallCells } from '../../src/site/small-cells.ts';

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

describe('small cells (the public build’s cell rule)', () => {
  const state = { semester: 's1', department: null, role: null };
  const raw = [
    { department: '全院', fail: 6 },
    { department: '甲系', fail: 1 },
    { department: '乙系', fail: 5 },
    { department: '丙系', fail: 0 },
  ];

  it('shows a count of 1 or 2 people as 少于3人, and withholds the smallest other cell so that 全院 minus the cells shown gives it not back', () => {
    const cells = new SmallCells(3);
    cells.observe('q', raw, raw, state);
    cells.plan();
    const shown = cells.apply(raw, state);
    expect(shown).toEqual([
      { department: '全院', fail: 6 },
      { department: '甲系', fail: '少于3人' },
      { department: '乙系', fail: '不公布' },
      { department: '丙系', fail: 0 },
    ]);
  });

  it('withholds the same cells in another query counting the same (a department’s own page)', () => {
    const cells = new SmallCells(3);
    cells.observe('q', raw, raw, state);
    const own = [{ department: '乙系', fail: 5 }];
    cells.observe('page', own, own, { ...state, department: '乙系' });
    cells.plan();
    expect(cells.apply(own, { ...state, department: '乙系' })).toEqual([{ department: '乙系', fail: '不公布' }]);
  });

  it('withholds a cell of rows stored once for two views where either view withholds it (the 全院 view and 乙系’s)', () => {
    const cells = new SmallCells(3);
    cells.observe('q', raw, raw, state);
    // Rows naming no department: the institution's in the first view, 乙系's in the second.
    const unnamed = [{ fail: 5 }];
    const own = { ...state, department: '乙系' };
    cells.observe('unnamed', unnamed, unnamed, state, own);
    cells.plan();
    expect(cells.apply(unnamed, state)).toEqual([{ fail: 5 }]);
    expect(cells.apply(unnamed, own)).toEqual([{ fail: '不公布' }]);
    expect(cells.apply(unnamed, state, own)).toEqual([{ fail: '不公布' }]);
  });

  it('needs no complement when the withheld cells hold k or more together, or a group the group rule withholds already does', () => {
    const cells = new SmallCells(3);
    const rows = [
      { department: '全院', fail: 9 },
      { department: '甲系', fail: 2 },
      { department: '乙系', fail: 4 },
      { department: '丁系', fail: 3 },
    ];
    // 丁系 is withheld by the group rule (its row left out): 甲系's 2 and 丁系's 3 hold 5 together.
    cells.observe('q', rows, rows.filter((r) => r.department !== '丁系'), state);
    cells.plan();
    expect(cells.apply(rows.slice(0, 3), state)).toEqual([
      { department: '全院', fail: 9 },
      { department: '甲系', fail: '少于3人' },
      { department: '乙系', fail: 4 },
    ]);
  });

  it('withholds a department’s count that is its whole group (3 of 3 不合格), and with it a cell of people not all in that category', () => {
    const cells = new SmallCells(3);
    const rows = [
      { department: '全院', assessed: 15, fail: 4 },
      { department: '甲系', assessed: 3, fail: 3 },
      { department: '乙系', assessed: 5, fail: 0 },
      { department: '丙系', assessed: 7, fail: 1 },
    ];
    cells.observe('q', rows, rows, state);
    cells.plan();
    const shown = cells.apply(rows, state);
    expect(shown[1]).toEqual({ department: '甲系', assessed: 3, fail: '不公布' });
    expect(shown[3]).toEqual({ department: '丙系', assessed: 7, fail: '少于3人' });
    // 甲系 and 丙系 withheld: 4 of their 10 — and the 0 of 乙系 is shown, so 全院 minus it says not who.
    expect(shown[2]).toEqual({ department: '乙系', assessed: 5, fail: 0 });
  });

  it('withholds a further cell when the departments withheld are, together, all in the category (全院 minus the others = their people)', () => {
    const cells = new SmallCells(3);
    const rows = [
      { department: '全院', assessed: 15, fail: 6 },
      { department: '甲系', assessed: 6, fail: 0 },
      { department: '乙系', assessed: 6, fail: 3 },
      { department: '丁系', assessed: 2, fail: 2 },
      { department: '戊系', assessed: 1, fail: 1 },
    ];
    // 丁系 and 戊系 are withheld by the group rule: 全院 6 − 乙系 3 − 甲系 0 = 3 = their 3 people, unless another cell goes with them.
    const kept = rows.filter((r) => r.department !== '丁系' && r.department !== '戊系');
    cells.observe('q', rows, kept, state);
    cells.plan();
    const shown = cells.apply(kept, state);
    expect(shown.filter((r) => r.fail === '不公布').length).toBe(1);
    expect(shown[0]).toEqual({ department: '全院', assessed: 15, fail: 6 });
  });

  it('keeps the institution’s own figure for all roles even when everyone has the attribute', () => {
    const cells = new SmallCells(3);
    const rows = [{ department: '全院', political_known: 18, party: 18 }];
    cells.observe('q', rows, rows, state);
    cells.plan();
    expect(cells.apply(rows, state)).toEqual(rows);
  });

  it('refuses a view with a number column whose meaning is not declared, instead of publishing it unprotected', () => {
    const cells = new SmallCells(3);
    const rows = [{ department: '甲系', on_leave: 1 }];
    cells.observe('q', rows, rows, state);
    expect(() => cells.plan()).toThrow(/on_leave.*没有说明其计数的含义/);
  });

  it('for a requirement met (training hours), withholds a department where none meets it, not one where all do', () => {
    const cells = new SmallCells(3);
    const rows = [
      { department: '全院', counselors: 13, meets_hours: 9 },
      { department: '甲系', counselors: 4, meets_hours: 0 },
      { department: '乙系', counselors: 5, meets_hours: 5 },
      { department: '丙系', counselors: 4, meets_hours: 4 },
    ];
    cells.observe('q', rows, rows, state);
    cells.plan();
    const shown = cells.apply(rows, state);
    expect(shown[1]!.meets_hours).toBe('不公布');
    expect(shown[0]!.meets_hours).toBe(9);
    // 全院 9 − 乙系 5 − 丙系 4 would give 甲系's 0 back: one of them goes with it.
    expect(shown.slice(2).filter((r) => r.meets_hours === '不公布').length).toBe(1);
  });
});
