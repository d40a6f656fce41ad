/**
 * Every panel of every built page — internal and public build, department pages included — has a
 * test that compares it with an independent expectation (test/support/panel-checks.ts says which,
 * and the test file must read the panel). A new panel without one fails here. Reads the built
 * HTML only: no browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PANEL_CHECKS } from '../support/panel-checks.ts';

const E2E = process.env.E2E_DIR ?? '.cache/e2e';

/** `<page>#<panel>` for each panel section of each page of a build (department pages as `department`). */
function panelsOf(dist: string): Set<string> {
  const pages = [
    ...readdirSync(dist).filter((f) => f.endsWith('.html')).map((f) => [basename(f, '.html'), join(dist, f)] as const),
    ...readdirSync(join(dist, 'departments')).filter((f) => f.endsWith('.html')).map((f) => ['department', join(dist, 'departments', f)] as const),
  ];
  const out = new Set<string>();
  for (const [page, file] of pages)
    for (const m of readFileSync(file, 'utf8').matchAll(/<section class="panel[^"]*" id="panel-([^"]+)"/g)) out.add(`${page}#${m[1]}`);
  return out;
}

describe('every panel has an independent check', () => {
  const internal = panelsOf(join(E2E, 'dist'));
  const publicBuild = panelsOf(join(E2E, 'dist-public'));

  it('the builds have the panels of every page (department pages too)', () => {
    expect(internal.size).toBeGreaterThan(50);
    expect(publicBuild.size).toBeGreaterThan(40);
    for (const page of ['index', 'staffing', 'structure', 'workload', 'assessment', 'quota', 'training', 'assistants', 'quality', 'department'])
      expect([...internal].some((p) => p.startsWith(`${page}#`)), page).toBe(true);
  });

  it('every panel of the internal and the public build is checked by a test that reads it', () => {
    const unchecked = [...new Set([...internal, ...publicBuild])].filter((p) => !PANEL_CHECKS[p]);
    expect(unchecked, 'panels without an oracle comparison: add a check and list it in test/support/panel-checks.ts').toEqual([]);
    for (const [panel, check] of Object.entries(PANEL_CHECKS))
      for (const c of [check, ...(check.public && publicBuild.has(panel) ? [check.public] : [])])
        expect(readFileSync(c.test, 'utf8').includes(c.mark), `${panel}: ${c.test} does not read ${c.mark}`).toBe(true);
  });

  it('no entry for a panel that is gone', () => {
    const all = new Set([...internal, ...publicBuild]);
    expect(Object.keys(PANEL_CHECKS).filter((p) => !all.has(p))).toEqual([]);
  });
});
