/**
 * The public build on the probe of issue 22 (test/support/probe.ts): departments of 1 and 2
 * counselors, both all 不合格; a population of one (丙系's one new counselor); a person's name in a
 * work log's 院系 cell; a name, a phone number and an ID number in a file name, a sheet name and in
 * 年级; free text in 聘用方式. Ingested and built by the project's own commands into a scratch
 * folder. The build completes; its files are on an allow-list; no planted string, no counselor's
 * name and no count of 1 or 2 people with an attribute is in any of them; and the institution's
 * figure minus the departments shown gives back no withheld cell.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED, PROBE_DEPARTMENTS, probePeople, writeProbe } from '../support/probe.ts';
import { buildContext } from '../../src/dashboard/context.ts';
import type { State } from '../../src/dashboard/types.ts';
import { unpackView, viewKey, type PackedViews } from '../../src/metrics/precomputed.ts';
import { loadManifest, PUBLISHED } from '../../src/site/build-data.ts';
import { fullDataRunner, publicContext, sitePages } from '../../src/site/public-build.ts';
import { pageStates } from '../../src/views/controls.ts';

const DIR = join('.cache', `probe-${process.pid}`);
const DIST = join(DIR, 'dist-public');
const K = 3;

/** The columns of the public views that count people with an attribute (this test's own list). */
const ATTRIBUTE_COLUMNS = ['fail', 'excellent', 'good', 'pass', 'used', 'new_in_post', 'below_min_education', 'flagged_hiring', 'masters', 'party', 'women', 'young', 'senior', 'people', 'meets_hours'];

/** The people each of those counts is a part of, where a view's row has them (this test's own reading of the columns). */
const POPULATION: Record<string, string> = {
  fail: 'assessed', excellent: 'assessed', good: 'assessed', pass: 'assessed',
  women: 'gender_known', young: 'age_known', party: 'political_known', masters: 'education_known', below_min_education: 'education_known', senior: 'title_known', new_in_post: 'years_known',
  meets_hours: 'counselors', without_higher: 'counselors',
};

/** Those counts that are of people meeting a requirement: none of a group meeting it tells each one's shortfall. */
const MEETING = ['party', 'meets_hours'];

/** Every column a public view's rows may have: aggregates only (no name, id, file, sheet, row or free text). */
const ALLOWED_COLUMNS = new Set([
  // coverage: a status in place of a figure (words the build writes, never a file's text), the departments left out of 全院, what they need together
  ...['note', 'excluded', 'needed', 'not_reported'],
  ...ATTRIBUTE_COLUMNS,
  ...['age', 'age_known', 'allowed', 'assessed', 'assistants', 'band', 'category', 'classes', 'compliant_full_time', 'compliant_weighted', 'counselors', 'courses_ok', 'courses_unknown', 'covered'],
  ...['degree', 'department', 'described', 'dimension', 'education', 'education_known', 'fte', 'full_time', 'gap', 'gender', 'gender_known', 'kind', 'mean_age', 'mean_percent'],
  ...['met', 'norm', 'over', 'part_time', 'periods', 'political', 'political_known', 'political_ok', 'political_unknown', 'ratio_full_time', 'ratio_weighted', 'role', 'roster'],
  ...['school_hours', 'scored', 'semester', 'semester_rows', 'shared', 'students', 'title', 'title_known', 'units_over', 'unmatched', 'warnings', 'week_no', 'without_higher', 'year_ok', 'years', 'years_known'],
]);

/** The files a public build may hold. */
const ALLOWED_FILES = [
  /^[a-z]+\.html$/,
  /^departments\/[\p{Script=Han}]+\.html$/u,
  /^_astro\/[\w.-]+\.(js|css|webp)$/u,
  /^_astro\/[\p{Script=Han}\w.-]+\.webp$/u,
  /^db\/views\/[\w-]+\.[0-9a-f]{10}\.json$/,
  // What every page knows besides its rows (the public context: its rules without the salt, the groups withheld), once for all pages.
  /^db\/context\.[0-9a-f]{10}\.json$/,
  /^data\/manifest\.json$/,
  /^data\/students\.csv$/,
];
const MANIFEST_KEYS = ['audience', 'departments', 'files', 'format', 'returns', 'rules', 'semesters', 'tables', 'totals'];

let build: { status: number | null; stdout: string; stderr: string };
let files: string[];

beforeAll(() => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  writeProbe(join(DIR, 'exports'));
  // The rules ask for a public report: the public build still holds none (no aggregate version follows the cell rule yet), and says so.
  writeFileSync(join(DIR, 'exports', 'rules.json'), JSON.stringify({ publish: { public_report: true } }));
  execFileSync(process.execPath, ['scripts/ingest.ts', '--input', join(DIR, 'exports'), '--out', join(DIR, 'public', 'data'), '--quiet'], { stdio: 'ignore' });
  const run = spawnSync(process.execPath, ['scripts/build.ts', '--public', join(DIR, 'public'), '--out', DIST, '--audience', 'public'], { encoding: 'utf8' });
  build = { status: run.status, stdout: run.stdout, stderr: run.stderr };
  files = build.status === 0 ? readdirSync(DIST, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(DIST, join(e.parentPath, e.name))) : [];
}, 300_000);
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** Each views file's views, each as its rows (the file stores them packed). */
const views = () =>
  files
    .filter((f) => f.startsWith('db/views/'))
    .map((f) => {
      const packed = JSON.parse(readFileSync(join(DIST, f), 'utf8')) as PackedViews;
      return [f, Object.fromEntries(Object.entries(packed.views).map(([key, table]) => [key, unpackView(packed, table)]))] as const;
    });

describe('the public build of the probe', () => {
  it('completes, and says in Chinese which departments it withholds and why', () => {
    expect(build.stderr).not.toMatch(/\bat \w+ \(|Error:/);
    expect(build.status).toBe(0);
    expect(build.stdout).toContain('公开版为保护个人信息不单独公布以下统计');
    expect(build.stdout).toMatch(/专职辅导员：丁系、戊系不单独公布（人数少于 3 人/);
  });

  it('holds only files on the allow-list, and its data only allowed columns and keys', () => {
    expect(files.length).toBeGreaterThan(15);
    for (const f of files) expect.soft(ALLOWED_FILES.some((p) => p.test(f)), f).toBe(true);
    const columns = new Set<string>();
    for (const [, view] of views()) for (const rows of Object.values(view)) for (const row of rows) for (const c of Object.keys(row)) columns.add(c);
    expect(columns.size).toBeGreaterThan(20);
    expect([...columns].filter((c) => !ALLOWED_COLUMNS.has(c))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(DIST, 'data', 'manifest.json'), 'utf8')) as Record<string, unknown> & { rules: { publish: { pseudonym_salt: string }; report: object }; files: Array<{ file: string; sheet: unknown }> };
    expect(Object.keys(manifest).sort()).toEqual(MANIFEST_KEYS);
    expect(manifest.rules.publish.pseudonym_salt).toBe('');
    expect(manifest.rules.report).not.toHaveProperty('logo');
    expect(manifest.files.every((f) => f.sheet === null && !/\.(csv|xlsx?)$/.test(f.file))).toBe(true);
    // The shared context is the public one: no file list, no salt.
    const contexts = files.filter((f) => f.startsWith('db/context.'));
    expect(contexts).toHaveLength(1);
    const shared = JSON.parse(readFileSync(join(DIST, contexts[0]!), 'utf8')) as { audience: string; rules: { publish: { pseudonym_salt: string } } } & Record<string, unknown>;
    expect(shared.audience).toBe('public');
    expect(shared.rules.publish.pseudonym_salt).toBe('');
    expect(shared).not.toHaveProperty('files');
    expect(readFileSync(join(DIST, 'data', 'students.csv'), 'utf8').split('\r\n')[0]).toBe('\uFEFF学期,系部,在校生人数');
  });

  it('holds no planted string, no counselor’s name and no department made of a 系部 cell, in any file', () => {
    const names = PROBE_DEPARTMENTS.flatMap((d) => probePeople(d).map((p) => p.name));
    const planted = [...Object.values(PLANTED), '休学', ...names];
    for (const f of files) {
      if (f.endsWith('.webp')) continue;
      const text = readFileSync(join(DIST, f), 'utf8');
      expect.soft(planted.filter((s) => text.includes(s)), f).toEqual([]);
    }
    expect(files.filter((f) => f.startsWith('departments/')).sort()).toEqual(PROBE_DEPARTMENTS.map((d) => `departments/${d.name}.html`).sort());
    // The report is internal: none in the public build, though the rules ask for one — and the build says so.
    expect(files.filter((f) => f.startsWith('report/'))).toEqual([]);
    expect(build.stdout).toContain('本次公开版不包含汇报');
  });

  it('publishes no count of 1 or 2 people with an attribute: such a cell is 少于3人', () => {
    let small = 0;
    for (const [file, view] of views())
      for (const rows of Object.values(view))
        for (const row of rows)
          for (const c of ATTRIBUTE_COLUMNS) {
            if (row[c] === 1 || row[c] === 2) expect.soft(`${file}: ${c}=${row[c]} ${JSON.stringify(row)}`).toBe('');
            if (row[c] === `少于${K}人`) small++;
          }
    // The probe has such cells (丙系's one new counselor, a department's one 优秀…): they are there, as words.
    expect(small).toBeGreaterThan(5);
    const html = files.filter((f) => f.endsWith('.html')).map((f) => readFileSync(join(DIST, f), 'utf8')).join('');
    expect(html).toContain(`少于${K}人`);
    expect(html).not.toContain('NaN');
  });

  it('gives no withheld cell back by a difference: 全院 minus the departments, all roles minus a role, all semesters minus each, one page against another', async () => {
    const stateOf = await viewStates();
    // Every count cell of every public view, by what it counts: its column, semester, department,
    // role and the row's other labels. The semester (and department, role) a view's rows do not
    // carry is the view's own, as a reader choosing it on the page knows.
    interface Cell { id: string; column: string; semester: string; department: string; role: string; labels: string; value: number | string }
    const queries: Cell[][] = [];
    const published = new Map<string, Set<number>>();
    for (const [file, view] of views())
      for (const [key, rows] of Object.entries(view)) {
        const states = stateOf.get(key);
        expect.soft(states, `${file}: ${key} is a view of no page`).toBeDefined();
        for (const state of states ?? []) {
          const cells: Cell[] = [];
          for (const row of rows) {
            const place = {
              semester: String(row.semester ?? state.semester ?? ''),
              department: String(row.department ?? state.department ?? '全院'),
              role: String(row.role ?? state.role ?? '*'),
              // The row's other labels, and the page's other options (专职 or 兼职…): a count of other people.
              labels: JSON.stringify([
                ...Object.entries(row).filter(([k, v]) => !['semester', 'department', 'role'].includes(k) && !ATTRIBUTE_COLUMNS.includes(k) && (typeof v === 'string' || typeof v === 'boolean')),
                ...Object.entries(state).filter(([k, v]) => !['semester', 'department', 'role'].includes(k) && v !== null && !(k in row)).map(([k, v]) => [`option:${k}`, v]),
              ].sort()),
            };
            for (const column of [...ATTRIBUTE_COLUMNS, ...new Set(Object.values(POPULATION))]) {
              const value = row[column];
              if (typeof value !== 'number' && typeof value !== 'string') continue;
              const id = JSON.stringify([column, place.semester, place.department, place.role, place.labels]);
              cells.push({ id, column, ...place, value });
              if (typeof value === 'number') (published.get(id) ?? published.set(id, new Set()).get(id)!).add(value);
            }
          }
          queries.push(cells);
        }
      }
    // What a reader knows of a cell: its number, or the one number another page shows for the same count.
    const known = (c: Cell): number | null => (typeof c.value === 'number' ? c.value : published.get(c.id)?.size === 1 ? [...published.get(c.id)!][0]! : null);
    let checked = 0;
    let recovered = 0;
    let allInOne = 0;
    const tryDifference = (what: string, whole: Cell | undefined, parts: Cell[], people?: { whole: Cell | undefined; parts: Cell[] }) => {
      if (!whole) return;
      const total = known(whole);
      if (total === null) return;
      const remainder = total - parts.reduce((n, c) => n + (known(c) ?? 0), 0);
      checked++;
      // The withheld cells no page gives a number for hold, together, 0 or at least k people (a
      // remainder below 0 is two counts of different people under one name: no difference to take)…
      let safe = remainder <= 0 || remainder >= K;
      // …and not all of their people (全院 105 assessed, 5 不合格; the departments shown 102 and 2: the 3 withheld are all 不合格).
      const population = people?.whole && known(people.whole);
      // (The institution's own figure for all roles is published even when it is everyone: then so is each part of it.)
      const none = MEETING.includes(whole.column);
      const institutionWhole = whole.department === '全院' && whole.role === '*' && (none ? total === 0 : total === population);
      if (people && typeof population === 'number' && !institutionWhole) {
        // The people of the cells whose count is known: the rest are those the remainder is about.
        const counted = (p: Cell) => parts.some((c) => c.department === p.department && c.role === p.role && c.semester === p.semester && known(c) !== null);
        const peopleRemainder = population - people.parts.reduce((n, c) => n + (counted(c) ? (known(c) ?? 0) : 0), 0);
        allInOne++;
        // All of them have it — or, for a requirement met, none of them does (0 of 4 meet the hours: each is short).
        if (peopleRemainder > 0 && (none ? remainder === 0 : remainder === peopleRemainder)) safe = false;
      }
      if (!safe) recovered++;
      expect.soft(safe, `${what}: ${total} − ${parts.map((c) => `${c.department}/${c.role}/${c.semester}:${c.value}${typeof c.value === 'string' ? `(${known(c) ?? '?'})` : ''}`).join(' − ')} = ${remainder}`).toBe(true);
    };
    // Each count's 全院 (or all roles) minus its departments (or roles), among `cells` grouped by the rest of its place.
    const tryAxes = (cells: readonly Cell[], where: string) => {
      for (const [axis, total] of [['department', '全院'], ['role', '*']] as const) {
        const groups = new Map<string, Cell[]>();
        for (const c of cells) {
          const rest = JSON.stringify([c.column, c.semester, c.labels, axis === 'department' ? c.role : c.department]);
          (groups.get(rest) ?? groups.set(rest, []).get(rest)!).push(c);
        }
        for (const [rest, members] of groups) {
          const [column, ...others] = JSON.parse(rest) as string[];
          if (!ATTRIBUTE_COLUMNS.includes(column!)) continue;
          const of = POPULATION[column!];
          const people = of ? groups.get(JSON.stringify([of, ...others])) : undefined;
          tryDifference(`${rest} by ${axis}${where}`, members.find((c) => c[axis] === total), members.filter((c) => c[axis] !== total), people && { whole: people.find((c) => c[axis] === total), parts: people.filter((c) => c[axis] !== total) });
        }
      }
    };
    for (const cells of queries) tryAxes(cells, '');
    // Across pages: a page's 全院 (or all roles) against another page's departments (or roles), each count as any page gives it.
    const byIdentity = new Map<string, Cell>();
    for (const cells of queries) for (const c of cells) if (!byIdentity.has(c.id) || typeof c.value === 'string') byIdentity.set(c.id, c);
    tryAxes([...byIdentity.values()], ', across pages');
    // Across semesters: 全部学期 against each semester's figure of the same count.
    const bySemester = new Map<string, Map<string, Cell>>();
    for (const cells of queries)
      for (const c of cells) {
        const rest = JSON.stringify([c.column, c.department, c.role, c.labels]);
        (bySemester.get(rest) ?? bySemester.set(rest, new Map()).get(rest)!).set(c.semester, c);
      }
    for (const [rest, members] of bySemester) if (members.has('') && ATTRIBUTE_COLUMNS.includes((JSON.parse(rest) as string[])[0]!)) tryDifference(`${rest} by semester`, members.get(''), [...members.entries()].filter(([s]) => s !== '').map(([, c]) => c));
    expect(checked).toBeGreaterThan(10);
    expect(allInOne).toBeGreaterThan(10);
    expect(recovered).toBe(0);
  });
});

/** Each public view's key, and the states of the page that show it (the query's semester, department and role). */
async function viewStates(): Promise<Map<string, State[]>> {
  const dataDir = join(DIR, 'public', 'data');
  const manifest = loadManifest(dataDir);
  const runner = await fullDataRunner(dataDir, PUBLISHED, buildContext(manifest, 'internal'));
  try {
    const ctx = await publicContext(manifest, runner);
    const out = new Map<string, State[]>();
    for (const { page, fixed } of sitePages(ctx))
      for (const state of pageStates(page, ctx, fixed))
        for (const panel of page.panels)
          for (const sql of Object.values(panel.queries(state, ctx))) {
            const key = viewKey(sql);
            (out.get(key) ?? out.set(key, []).get(key)!).push(state);
          }
    return out;
  } finally {
    runner.close();
  }
}

describe('聘用方式 as a closed set', () => {
  it('reads a value containing 人事代理 or 劳务派遣 as that method, and anything else outside the dictionary as not one of its values', async () => {
    const { hiringOf } = await import('../../src/domain/people.ts');
    expect(hiringOf('人事代理(某某经办)')).toBe('人事代理');
    expect(hiringOf(' 劳务派遣（第三方）')).toBe('劳务派遣');
    expect(hiringOf('事业编制')).toBe('事业编制');
    expect(hiringOf('编外聘用，张三负责')).toBeNull();
  });
});
