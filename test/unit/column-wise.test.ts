/**
 * Rows stored column by column (src/metrics/column-wise.ts), as a page embeds its first view's rows
 * (packRows) and as the public build stores its views (packViews): each gives back the very rows.
 */
import { describe, expect, it } from 'vitest';
import { packRows, unpackRows } from '../../src/dashboard/page-config.ts';
import { packViews, unpackView } from '../../src/metrics/precomputed.ts';

const ROWS = [
  { semester: '2025-2026-1', department: '甲系', n: 3, share: 0.25, note: null, flags: ['a'] },
  { semester: '2025-2026-1', department: '乙系', n: 0, share: null, note: '未报送', flags: ['a'] },
  { semester: '2025-2026-1', department: '丙系', n: 12, share: 1, note: null, flags: ['a'] },
];

describe('rows column by column', () => {
  it('a page’s rows: keys once, a value in every row once, and back as the rows JSON would give', () => {
    const packed = packRows(ROWS);
    expect(packed).toMatchObject({ n: 3, columns: { semester: { same: '2025-2026-1' }, n: [3, 0, 12] } });
    expect(JSON.stringify(packed).split('department').length - 1).toBe(1);
    const back = unpackRows(JSON.parse(JSON.stringify(packed)));
    expect(back).toEqual(ROWS);
    // No two rows share the value stored once.
    (back[0]!.flags as string[]).push('b');
    expect(back[1]!.flags).toEqual(['a']);
    // Rows whose keys differ, a single row, and a key without a value stay as JSON writes them.
    const ragged = [{ a: 1 }, { b: 2 }];
    expect(unpackRows(packRows(ragged))).toEqual(ragged);
    expect(unpackRows(packRows([{ a: 1, b: undefined }]))).toEqual([{ a: 1 }]);
  });

  it('the public build’s views: each distinct set of rows once, and back exactly, in column order', () => {
    const packed = packViews({ x: ROWS.map(({ flags: _f, ...row }) => row), y: ROWS.map(({ flags: _f, ...row }) => row), empty: [] });
    expect(packed.tables).toHaveLength(2);
    const back = unpackView(JSON.parse(JSON.stringify(packed)), packed.views.x!);
    expect(back).toEqual(ROWS.map(({ flags: _f, ...row }) => row));
    expect(Object.keys(back[0]!)).toEqual(['semester', 'department', 'n', 'share', 'note']);
    expect(unpackView(packed, packed.views.empty!)).toEqual([]);
    expect(() => packViews({ x: [{ a: 1 }, { b: 2 }] })).toThrow('各行列不一致');
  });
});
