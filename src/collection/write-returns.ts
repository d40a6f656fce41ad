/**
 * Writes a run's return lists as `returns/<department>.xlsx` into the ingest's output folder
 * (published with the data, linked from 数据质量), and says which were written for the manifest.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { workbookBytes } from '../io/xlsx-workbook.ts';
import { departmentFileNames } from '../site/department-files.ts';
import { returnListWorkbook, type ReturnList } from './return-list.ts';

export const RETURNS_FOLDER = 'returns';

/** A return list as the manifest lists it: where it is and what it holds. */
export interface ReturnListEntry {
  department: string;
  /** Path from the output folder, e.g. returns/机电工程系.xlsx. */
  file: string;
  items: number;
  summary: string;
}

export async function writeReturnLists(out: string, lists: readonly ReturnList[], institution: string): Promise<ReturnListEntry[]> {
  if (lists.length === 0) return [];
  await mkdir(join(out, RETURNS_FOLDER), { recursive: true });
  const entries: ReturnListEntry[] = [];
  // The department's name, made safe and distinct as for its page.
  const names = departmentFileNames(lists.map((l) => l.department));
  for (const list of lists) {
    const file = `${RETURNS_FOLDER}/${names.get(list.department)!}.xlsx`;
    await writeFile(join(out, file), await workbookBytes(returnListWorkbook(list, institution)));
    entries.push({ department: list.department, file, items: list.items.length, summary: list.summary });
  }
  return entries;
}
