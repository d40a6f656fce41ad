/**
 * Where a sheet's semester, department and role come from when a table has no column for them:
 * the title lines, the file name, the folders it sits in — one module, one order of places for
 * all three. Departments export their own files, so a table of one department often names it
 * only in its title ("机电工程系辅导员（班主任）助理工作考核情况汇总表") or in the folder it is
 * filed in; seed 000's 考核情况汇总表 has no 系部 column at all.
 *
 * Departments are matched against the names already known (the rules' departments list and
 * aliases, and every department named in a 系部 column of the files read before), longest
 * first; failing that, a name at the start of the text that ends the way department names do
 * (…系, …学院, …系部, …分院, …部) and is not the institution's own name.
 */
import { ROLE_SPELLINGS, type Role } from './cells.ts';
import { findSemester, type SemesterId } from './semester.ts';
import { compactCell, toHalfWidth } from './text.ts';

/** Where a value came from, in the order tried (a column of the table, or a field of a form, comes first). */
export type ContextSource = 'column' | 'form' | 'title' | 'file' | 'folder' | 'table';

/** A file's place: its folders (outermost first) and its name without the extension. */
export interface FilePlace {
  folders: string[];
  stem: string;
}

export function placeOf(relativePath: string): FilePlace {
  const parts = relativePath.split(/[\\/]/);
  const name = parts.pop() ?? '';
  return { folders: parts, stem: name.replace(/\.[^.]*$/, '') };
}

export interface Found<T> {
  value: T;
  source: ContextSource;
}

/** The texts around a table, nearest first: its title lines, then its file name, then its folders from the nearest out. */
function places(title: string, place: FilePlace): Array<[string, ContextSource]> {
  return [[title, 'title'], [place.stem, 'file'], ...[...place.folders].reverse().map((f): [string, ContextSource] => [f, 'folder'])];
}

// ───────────────────────────── semester ─────────────────────────────

export interface SemesterContext {
  semester: Found<SemesterId> | null;
  /** A title naming another semester than the folder: the title wins, the clerk is told. */
  conflict: { title: SemesterId; folder: SemesterId } | null;
}

/** The semester of a table without a 学期 column: its title lines, else its folders (a file name is not trusted for it). */
export function semesterContext(title: string, place: FilePlace): SemesterContext {
  const fromTitle = findSemester(title);
  let fromFolder: SemesterId | null = null;
  for (const folder of [...place.folders].reverse()) if ((fromFolder = findSemester(folder))) break;
  return {
    semester: fromTitle ? { value: fromTitle, source: 'title' } : fromFolder ? { value: fromFolder, source: 'folder' } : null,
    conflict: fromTitle && fromFolder && fromTitle !== fromFolder ? { title: fromTitle, folder: fromFolder } : null,
  };
}

// ───────────────────────────── role ─────────────────────────────

/** The role a text names ("XX系辅导员工作记录表"), most specific spelling first. */
export function roleIn(text: string): Role | null {
  const value = compactCell(text);
  return ROLE_SPELLINGS.find(([pattern]) => pattern.test(value))?.[1] ?? null;
}

/** The role of a table without a 角色 column: title, file name, folders; else the one the table implies. */
export function roleContext(title: string, place: FilePlace, implied: Role | null = null): Found<Role> | null {
  for (const [text, source] of places(title, place)) {
    const role = roleIn(text);
    if (role) return { value: role, source };
  }
  return implied ? { value: implied, source: 'table' } : null;
}

// ───────────────────────────── department ─────────────────────────────

/** The endings of department names (系部 before 系 so that the longer one is taken). */
const DEPARTMENT_NAME = /^[\u4e00-\u9fff]{2,15}?(?:系部|学院|分院|系|部)/u;
/** Words naming the whole institution, or all departments, never one department. */
const NOT_A_DEPARTMENT = /大学|职业技术学院|职业学院|高等专科学校|专科学校|学校|^(各|全|本|该|我|贵)/u;
/** Semester spellings and bracketed asides inside titles ("(2025-2026学年第二学期)"). */
const NOISE = [/\(.*?\)|（.*?）|【.*?】|\[.*?\]/gu, /\d{4}\s*[-—–－~至到]?\s*\d{0,4}\s*学?年度?\s*(第\s*[一二12]\s*|[上下春秋])?\s*(学期|季)?/gu, /[\d\s_\-—–.·:：,，、]+/gu];

/**
 * The department names a run knows: from the rules (departments, aliases both ways) and from
 * the 系部 columns of the files read so far. `find` looks for one of them in a text.
 */
export class DepartmentNames {
  private readonly institution: string;
  private readonly known = new Set<string>();
  private sorted: string[] | null = null;

  constructor(rules: { departments: readonly string[]; department_aliases: Readonly<Record<string, string>>; institution: string }) {
    this.institution = compactCell(rules.institution);
    for (const name of [...rules.departments, ...Object.keys(rules.department_aliases), ...Object.values(rules.department_aliases)]) this.add(name);
  }

  add(name: string): void {
    const value = compactCell(name);
    if (value && !this.known.has(value)) {
      this.known.add(value);
      this.sorted = null;
    }
  }

  /**
   * The department a text names (aliases not applied: the row's department goes through them like
   * a column's). A known name found inside a longer department-shaped one at the start of the text
   * (信息工程系 inside 电子信息工程系) gives way to it.
   */
  find(text: string): string | null {
    const value = compactCell(toHalfWidth(text));
    if (!value) return null;
    this.sorted ??= [...this.known].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    const known = this.sorted.find((name) => value.includes(name)) ?? null;
    const shaped = this.shaped(value);
    return known && !(shaped && shaped.length > known.length && shaped.includes(known)) ? known : shaped;
  }

  /** A department-shaped name at the start of the text, once semesters, brackets and the institution's name are taken out. */
  private shaped(text: string): string | null {
    let rest = this.institution ? text.split(this.institution).join('') : text;
    for (const noise of NOISE) rest = rest.replace(noise, '');
    // An institution-like name at the start ("郴州职业技术学院机电工程系…") is passed over, once.
    for (let tries = 0; tries < 2; tries++) {
      const m = DEPARTMENT_NAME.exec(rest);
      if (!m) return null;
      if (!NOT_A_DEPARTMENT.test(m[0])) return m[0];
      const institutionLike = /^[\u4e00-\u9fff]*?(大学|职业技术学院|职业学院|高等专科学校|专科学校|学校)/u.exec(rest);
      if (!institutionLike) return null;
      rest = rest.slice(institutionLike[0].length);
    }
    return null;
  }
}

/** The department of a table without a 系部 column: title, file name, folders. */
export function departmentContext(title: string, place: FilePlace, names: DepartmentNames): Found<string> | null {
  for (const [text, source] of places(title, place)) {
    const department = names.find(text);
    if (department) return { value: department, source };
  }
  return null;
}
