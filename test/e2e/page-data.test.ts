/**
 * Pages carry what they show. Each page embeds its first view's rows and the context its panels
 * need (#page-config): the ingest's list of every file, and what the figures rest on (every
 * department × export × column), on no page — the page that shows them (数据质量) reads them from
 * the site's copy of the manifest —, what every page shares alike (the rules, the departments…) in
 * one file of the site, not in each page, on a department's page no row of another department (its rank
 * among them is embedded, not their figures) and not the 口径与依据 texts, the same on every
 * department's page (written in when opened). Without this the site grew with the square of the
 * departments, and then with the departments times what each page repeats.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackData, type EmbeddedContext, type PackedData } from '../../src/dashboard/page-config.ts';

const dist = join(process.env.E2E_DIR ?? '.cache/e2e', 'dist');

interface Config {
  ctx: EmbeddedContext;
  fixed: { department?: string };
  data: Record<string, Record<string, Array<Record<string, unknown>>>>;
}
function config(page: string): Config {
  const html = readFileSync(join(dist, page), 'utf8');
  const json = /<script type="application\/json" id="page-config">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!json) throw new Error(`${page} has no page config`);
  const { data, ...rest } = JSON.parse(json) as Omit<Config, 'data'> & { data: PackedData };
  return { ...rest, data: unpackData(data) as Config['data'] };
}
const departmentPages = () => readdirSync(join(dist, 'departments')).filter((f) => f.endsWith('.html')).map((f) => `departments/${f}`);

describe('what each page embeds', () => {
  it('the file list and what the figures rest on in no page: 数据质量 reads them from the site’s manifest', () => {
    const pages = readdirSync(dist).filter((f) => f.endsWith('.html') && readFileSync(join(dist, f), 'utf8').includes('id="page-config"'));
    expect(pages).toContain('quality.html');
    for (const page of [...pages, ...departmentPages()]) {
      const { files, coverage, filesInManifest } = config(page).ctx;
      expect([files, coverage], page).toEqual([[], []]);
      expect(filesInManifest === true, page).toBe(page === 'quality.html');
    }
    const manifest = JSON.parse(readFileSync(join(dist, 'data', 'manifest.json'), 'utf8')) as { files: unknown[]; coverage: unknown[] };
    expect(manifest.files.length).toBeGreaterThan(0);
    expect(manifest.coverage.length).toBeGreaterThan(0);
  });

  it("a department's page leaves its 口径与依据 texts to its script; an area page has them", () => {
    const rules = (page: string) => [...readFileSync(join(dist, page), 'utf8').matchAll(/<details class="rule"( data-rule-later)?>([\s\S]*?)<\/details>/g)];
    for (const page of departmentPages()) {
      const found = rules(page);
      expect(found.length, page).toBeGreaterThan(5);
      for (const [, later, body] of found) expect([later, body], page).toEqual([' data-rule-later', '<summary>口径与依据</summary><p class="rule-pending">本节内容在页面脚本载入后显示。</p>']);
    }
    const staffing = rules('staffing.html');
    expect(staffing.length).toBeGreaterThan(0);
    for (const [, later, body = ''] of staffing) expect([later, body.replace('<summary>口径与依据</summary>', '').length > 20]).toEqual([undefined, true]);
  });

  it("a department's page: no row of another department", () => {
    const pages = departmentPages();
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      const { ctx, fixed, data } = config(page);
      const own = fixed.department!;
      for (const [panel, queries] of Object.entries(data))
        for (const [query, rows] of Object.entries(queries))
          for (const row of rows)
            if ('department' in row) expect([own, '全院', null], `${page} ${panel}.${query}`).toContain(row.department);
      // Its rank is there, as the page shows it.
      expect(data.ranks!.ratio_rank![0]).toHaveProperty('of');
      const shared = JSON.parse(readFileSync(join(dist, ctx.shared), 'utf8')) as { departments: string[] };
      expect(shared.departments).toContain(own);
    }
  });

  it('what every page shares (rules, semesters, departments) is one file of the site, not in each page', () => {
    const pages = readdirSync(dist).filter((f) => f.endsWith('.html') && readFileSync(join(dist, f), 'utf8').includes('id="page-config"'));
    const files = new Set([...pages, ...departmentPages()].map((page) => config(page).ctx.shared));
    expect(files.size).toBe(1);
    const shared = JSON.parse(readFileSync(join(dist, [...files][0]!), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(shared)).toEqual(expect.arrayContaining(['rules', 'semesters', 'departments', 'audience']));
    for (const page of [...pages, ...departmentPages()]) expect(Object.keys(config(page).ctx).sort(), page).toEqual(page === 'quality.html' ? ['coverage', 'files', 'filesInManifest', 'returns', 'root', 'shared'] : ['coverage', 'files', 'returns', 'root', 'shared']);
  });
});
