/**
 * The rows of the demo exports that the ingest must reject, found by reading the input files
 * with this folder's own readers (oracle.ts) — no product code. Used by the 数据质量 tests: the
 * rejected rows themselves, and the 报送 checklist's rows accepted and rejected.
 */
import { relative } from 'node:path';
import { filesBelow, norm, readSheets } from './oracle.ts';

export interface Invalid {
  file: string;
  sheet: string;
  row: number;
  column: string;
  value: string;
}

/**
 * The rows the ingest must reject, found by reading the input files: a data row (with a name and a
 * department) holding a count that is not a whole number, hours that are not a number, a training
 * level or an employment type no rule knows, or a formula; or a counselor listed a second time in
 * one semester. Written from the README's rules, without the product's code.
 */
export async function findInvalidRows(exportsDir: string): Promise<Invalid[]> {
  const COUNT = /^(谈心谈话|查课|宿舍卫生检查|深入宿舍|听课|联系任课教师|主题班会|联系家长)(\(.*\))?$/;
  const DEPT = /^(系部|院系|学院|部门|所在单位|单位|系别|所在系部|所在院系|二级学院|所在系)$/;
  const LEVELS = new Set(['校级', '院级', '系级', '省级', '自治区级', '国家级']);
  const EMPLOYMENT = ['专兼职', '岗位类型', '类别', '类型'];
  const out: Invalid[] = [];
  const listed = new Set<string>();
  for (const path of filesBelow(exportsDir).sort()) {
    const file = relative(exportsDir, path).split(/[\\/]/).join('/');
    const semester = file.split('/')[0]!;
    for (const { sheet, rows: raw } of await readSheets(path)) {
      const rows = raw.map((r) => r.map(norm));
      const h = rows.findIndex((r) => r.includes('姓名'));
      if (h < 0) continue;
      const header = rows[h]!;
      const name = header.indexOf('姓名');
      const dept = header.findIndex((c) => DEPT.test(c));
      const id = header.findIndex((c) => c === '工号' || c === '职工号');
      // A 研究生德育助理名册 (README: told apart by its 上岗时间) heads its post types 岗位类型 too.
      const isGraduates = header.includes('上岗时间');
      const isRoster = !isGraduates && header.some((c) => EMPLOYMENT.includes(c));
      rows.forEach((r, i) => {
        if (i <= h || dept < 0 || !r[name] || !r[dept] || r[name] === '姓名' || r.includes('合计')) return;
        const bad = header.findIndex((col, c) => {
          const v = r[c] ?? '';
          if (v.startsWith('=')) return true;
          if (COUNT.test(col)) return v !== '' && !/^\d+$/.test(v);
          if (col === '工作时长' || col.startsWith('工作时长(') || col === '学时') return v !== '' && !/^\d+(\.\d+)?$/.test(v);
          if (col === '级别' || col === '培训级别') return !LEVELS.has(v);
          if (EMPLOYMENT.includes(col) && !isGraduates) return !/^(专职|兼职)/.test(v);
          return false;
        });
        if (bad >= 0) out.push({ file, sheet, row: i + 1, column: norm(raw[h]![bad]), value: raw[i]![bad] ?? '' });
        else if (isRoster && id >= 0) {
          const who = `${semester}|${r[id]}`;
          if (listed.has(who)) out.push({ file, sheet, row: i + 1, column: norm(raw[h]![id]), value: raw[i]![id] ?? '' });
          listed.add(who);
        }
      });
    }
  }
  return out;
}

