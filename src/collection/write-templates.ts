/**
 * `npm run templates`: one .xlsx per kind of export into `<out>/<semester>/`, and with
 * `perDepartment` a folder per department with its own copies — the department in the title, its
 * last class list pre-filled and offered in the assistants' 班级 dropdown. Departments and class
 * lists come from the rules and from the last ingest's output, when there is one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActiveRules } from '../domain/rules.ts';
import { TABLE_KINDS, type TableKind } from '../domain/tables/index.ts';
import { NodeRunner } from '../io/duckdb-node.ts';
import { workbookBytes } from '../io/xlsx-workbook.ts';
import { departmentFileNames } from '../site/department-files.ts';
import { sqlString } from '../metrics/sql.ts';
import type { TemplateContext } from './template-columns.ts';
import { templateFileName, templateWorkbook } from './template.ts';

export interface TemplateOptions {
  rules: ActiveRules;
  semester: string;
  /** The folder the semester's folder is written into. */
  out: string;
  /** The last ingest's output (manifest.json, classes.parquet), for departments and class lists; optional. */
  data?: string;
  perDepartment?: boolean;
}

type ClassRow = TemplateContext['classes'][number] & { department: string };

/** Departments the rules list, else those of the last ingest, in Chinese order. */
function knownDepartments(rules: ActiveRules, data: string | undefined): string[] {
  const manifest = data ? join(data, 'manifest.json') : null;
  const fromData: string[] = manifest && existsSync(manifest) ? ((JSON.parse(readFileSync(manifest, 'utf8')) as { departments?: string[] }).departments ?? []) : [];
  const names = rules.departments.length > 0 ? rules.departments : fromData;
  return [...new Set(names)].sort(new Intl.Collator('zh-CN').compare);
}

/** Each department's last class list up to the semester (else its latest), in the order it was written. */
async function lastClassLists(data: string | undefined, semester: string): Promise<ClassRow[]> {
  if (!data || !existsSync(join(data, 'classes.parquet'))) return [];
  const db = await NodeRunner.overParquet(data, ['classes']);
  try {
    return await db.query<ClassRow>(`
      WITH chosen AS (
        SELECT department, COALESCE(MAX(semester) FILTER (WHERE semester <= ${sqlString(semester)}), MAX(semester)) AS semester
        FROM classes GROUP BY department)
      SELECT c.department, c.class_name, c.students, c.counselor, c.class_teacher
      FROM classes c JOIN chosen USING (department, semester)
      ORDER BY c.department, c.source_file, c.source_sheet NULLS FIRST, c.source_row`);
  } finally {
    db.close();
  }
}

export interface WrittenTemplate {
  path: string;
  kind: TableKind;
  department: string | null;
}

export async function writeTemplates(options: TemplateOptions): Promise<WrittenTemplate[]> {
  const { rules, semester } = options;
  const departments = knownDepartments(rules, options.data);
  const classes = options.perDepartment ? await lastClassLists(options.data, semester) : [];
  // Names published masked or as pseudonyms are not the names a department writes: not pre-filled.
  const names = rules.publish.names === 'full';
  const folders: Array<[string, TemplateContext]> = [[join(options.out, semester), { rules, semester, department: null, departments, classes: [] }]];
  // Each department's folder under its name, made safe and distinct as for its page.
  const folderNames = departmentFileNames(departments);
  if (options.perDepartment)
    for (const department of departments)
      folders.push([
        join(options.out, semester, folderNames.get(department)!),
        {
          rules,
          semester,
          department,
          departments,
          classes: classes
            .filter((c) => c.department === department)
            .map((c) => ({ class_name: c.class_name, students: c.students, counselor: names ? c.counselor : null, class_teacher: names ? c.class_teacher : null })),
        },
      ]);
  const written: WrittenTemplate[] = [];
  for (const [folder, ctx] of folders) {
    await mkdir(folder, { recursive: true });
    for (const kind of TABLE_KINDS) {
      const path = join(folder, templateFileName(kind));
      await writeFile(path, await workbookBytes(templateWorkbook(kind, ctx)));
      written.push({ path, kind, department: ctx.department });
    }
  }
  return written;
}
