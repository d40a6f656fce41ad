/**
 * The file name of each department's page: the department's own name, readable in the address bar
 * (departments/机电工程系.html, sent percent-encoded), made safe for any server and file system,
 * and unique. Nginx, IIS, Apache and python's http.server all serve UTF-8 file names.
 *
 * Safe: no character Windows or a URL treats specially, no leading dot (hidden files), no device
 * name (CON, NUL…), at most 60 characters. Unique: names that come out the same — also when they
 * differ only in letter case, as on Windows and macOS — get "-2", "-3"… in the order of the
 * departments' names, so a page keeps its file name as long as its department exists.
 */
const UNSAFE = /[\\/:*?"<>|#%&+;=[\]{}^`~'\s\u0000-\u001f\u007f]+/g;
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
const MAX = 60;

function baseName(department: string): string {
  let name = department.normalize('NFC').replace(UNSAFE, '-').replace(/^[-.]+|[-.]+$/g, '');
  name = Array.from(name).slice(0, MAX).join('').replace(/[-.]+$/, '');
  return name === '' || RESERVED.test(name) ? `dept-${name}` : name;
}

/** Department → a file name (no extension) of its own, safe and distinct: for its page, and for its return list (src/collection/write-returns.ts). */
export function departmentFileNames(departments: readonly string[]): Map<string, string> {
  const taken = new Set<string>();
  const names = new Map<string, string>();
  // Code-unit order, not the locale's: the same names always number the same way.
  for (const department of [...new Set(departments)].sort()) {
    const base = baseName(department);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    taken.add(name.toLowerCase());
    names.set(department, name);
  }
  return names;
}

/** Department → its page's path from the site root ("departments/<name>.html"), one distinct file per department. */
export function departmentFiles(departments: readonly string[]): Map<string, string> {
  return new Map([...departmentFileNames(departments)].map(([department, name]) => [department, `departments/${name}.html`]));
}

/** A site path as an href: each segment percent-encoded (Chinese, and anything a file name kept that a URL would misread). */
export const hrefOf = (path: string) => path.split('/').map(encodeURIComponent).join('/');
