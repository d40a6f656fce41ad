/**
 * Every person's name in the demo exports, read from the files themselves (test/support/oracle.ts's
 * readers, no ingest code): the cells under 姓名 (rosters, work logs, training, assessments,
 * assistant lists), under 辅导员 and 班主任 (class lists), and the 考核对象 of per-person forms.
 */
import { filesBelow, norm, readSheets } from './oracle.ts';

const NAME_COLUMNS = /^(姓名|辅导员|班主任)$/;
const FORM_PERSON = /考核对象[:：]\s*([\p{Script=Han}·]{2,6}?)\s*(?:考核部门|$)/u;

export async function demoNames(exportsDir = 'data/exports'): Promise<Set<string>> {
  const names = new Set<string>();
  const add = (cell: string) => {
    // A name is 2–6 Han characters (or with a middle dot); anything else in these columns is a total or a note.
    if (/^[\p{Script=Han}·]{2,6}$/u.test(cell) && !/^(合计|小计|总计|备注|签字|审核人|填表人|空缺|暂缺|无)$/.test(cell)) names.add(cell);
  };
  for (const path of filesBelow(exportsDir)) {
    for (const sheet of await readSheets(path)) {
      const rows = sheet.rows.map((r) => r.map(norm));
      for (const row of rows) for (const cell of row) cell.match(FORM_PERSON)?.[1] && add(cell.match(FORM_PERSON)![1]!);
      const h = rows.findIndex((r) => r.some((c) => NAME_COLUMNS.test(c)));
      if (h < 0) continue;
      const columns = rows[h]!.flatMap((c, i) => (NAME_COLUMNS.test(c) ? [i] : []));
      for (const row of rows.slice(h + 1)) for (const i of columns) add(row[i] ?? '');
    }
  }
  return names;
}
