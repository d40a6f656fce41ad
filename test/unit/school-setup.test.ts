/**
 * A new school's first run, following only the README and the settings page it links: the
 * commands are taken from the two documents as written (the folder and the name put in), run on
 * a small copy of two departments' exports, from an empty folder to the school's own site with the
 * school's own name. Slow (one site build): its own file.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_INSTITUTION } from '../../src/domain/settings.ts';

const readme = readFileSync('README.md', 'utf8');
const settingsPage = readFileSync('docs/本校设置.md', 'utf8');
const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;

const scratch = mkdtempSync(join(tmpdir(), 'school-setup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SCHOOL = '江城职业技术学院';
const FOLDER_WORD = '报表文件夹';

/** The first line of `doc` that starts with `start`, as the clerk would copy it. */
function commandIn(doc: string, start: string): string {
  const line = doc.split('\n').map((l) => l.replace(/`/g, ' ').trim()).flatMap((l) => (l.includes(start) ? [l.slice(l.indexOf(start))] : []))[0];
  expect(line, `${start} in the documents`).toBeTruthy();
  return line!.replace(/\s{2,}.*$/, '').replace(/[，。、].*$/, '').trim();
}

/** Runs `npm run …` as npm would (the script's own command), with the folder put in and extra options (where output goes). */
function run(command: string, folder: string, extra: string[] = []): { status: number | null; out: string } {
  const m = /^npm run ([a-z:-]+)(?: -- (.*))?$/.exec(command)!;
  const script = /^node (?:--\S+ )*(scripts\/[\w-]+\.ts)$/.exec(scripts[m[1]!]!)![1]!;
  const args = (m[2] ?? '').split(/\s+/).filter(Boolean).map((a) => (a === FOLDER_WORD ? folder : a.replace('某某职业技术学院', SCHOOL)));
  const result = spawnSync('sh', ['-c', '"$0" "$@" 2>&1', process.execPath, script, ...args, ...extra], { encoding: 'utf8', timeout: 600_000 });
  return { status: result.status, out: result.stdout };
}

describe('from an empty folder to the school’s own site, by the README', () => {
  it('setup writes the name, the run no longer says it is the demo’s, and the built site carries the school’s name', () => {
    expect(readme).toContain('(docs/本校设置.md)');
    const folder = join(scratch, '学工报表');
    const out = join(scratch, 'public');
    // 收回: two departments' enrollment and roster, filed 学期/系部/ as the README says.
    for (const [department, files] of [['机电工程系', ['机电工程系在校生人数.csv', '辅导员名册.csv']], ['信息工程系', ['信息工程系在校生人数.xlsx', '信息工程系辅导员名册.xlsx']]] as const) {
      mkdirSync(join(folder, '2025-2026-1', department), { recursive: true });
      for (const file of files) cpSync(join('data/exports/2025-2026-1', department, file), join(folder, '2025-2026-1', department, file));
    }

    const ingest = commandIn(readme, 'npm run ingest --');
    // Before the settings: the run says the name is still the demo's.
    const before = run(ingest, folder, ['--out', join(out, 'data')]);
    expect(before.status, before.out).toBe(0);
    expect(before.out).toContain(`学校名称仍是示例的“${DEMO_INSTITUTION}”`);
    expect(before.out).not.toContain('这是示例数据');

    // The settings page's command, with everything on the line (the README's asks in a terminal).
    expect(commandIn(readme, 'npm run setup --')).toBe(`npm run setup -- --input ${FOLDER_WORD}`);
    const setup = run(commandIn(settingsPage, 'npm run setup -- --input 报表文件夹 --name'), folder);
    expect(setup.status, setup.out).toBe(0);
    expect(setup.out).toContain(`学校名称“${SCHOOL}”`);
    // Checked against the files: the page's third department sent nothing.
    expect(setup.out).toMatch(/名单中的 经济管理系 还没有报送在校生人数或辅导员名册/);
    expect(JSON.parse(readFileSync(join(folder, 'rules.json'), 'utf8')).institution.name).toBe(SCHOOL);

    const after = run(ingest, folder, ['--out', join(out, 'data')]);
    expect(after.status, after.out).toBe(0);
    expect(after.out).not.toContain(DEMO_INSTITUTION);
    expect(after.out).toMatch(/导入完成：4 个文件/);

    const build = run(commandIn(readme, 'npm run build'), folder, ['--public', out, '--out', join(scratch, 'dist')]);
    expect(build.status, build.out).toBe(0);
    expect(build.out).not.toContain(DEMO_INSTITUTION);
    const home = readFileSync(join(scratch, 'dist', 'index.html'), 'utf8');
    expect(home).toContain(SCHOOL);
    expect(home).not.toContain(DEMO_INSTITUTION);

    // Later a department not on the list sends its enrollment: the settings page's check names it; the demo's name is refused.
    mkdirSync(join(folder, '2025-2026-1', '艺术设计系'));
    cpSync('data/exports/2025-2026-1/艺术设计系/艺术设计系在校生人数.csv', join(folder, '2025-2026-1', '艺术设计系', '在校生人数.csv'));
    const check = run(commandIn(settingsPage, 'npm run setup -- --input 报表文件夹 --check'), folder);
    expect(check.status, check.out).toBe(0);
    expect(check.out).toMatch(/报表中的系部“艺术设计系”不在系部名单中（\d+ 行被拒绝）/);
    const demoName = run(`npm run setup -- --input ${FOLDER_WORD} --name ${DEMO_INSTITUTION}`, folder);
    expect(demoName.status).toBe(2);
    expect(demoName.out).toContain('是示例数据的学校名称，请填写本校名称');
    expect(JSON.parse(readFileSync(join(folder, 'rules.json'), 'utf8')).institution.name).toBe(SCHOOL);
  }, 600_000);
});
