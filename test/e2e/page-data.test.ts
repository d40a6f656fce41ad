/**
 * Pages carry what they show. Each page embeds its first view's rows and the context its panels
 * need (#page-config): the ingest's list of every file, and what the figures rest on (every
 * department × export × column), only on the page that shows them (数据质量),
 * and on a department's page no row of another department — its rank among them is embedded,
 * not their figures. Without this the site grew with the square of the departments.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(process.env.E2E_DIR ?? '.cache/e2e', 'dist');

interface Config {
  ctx: { files: unknown[]; coverage: unknown[]; departments: string[] };
  fixed: { department?: string };
  data: Record<string, Record<string, Array<Record<string, unknown>>>>;
}
function config(page: string): Config {
  const html = readFileSync(join(dist, page), 'utf8');
  const json = /<script type="application\/json" id="page-config">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!json) throw new Error(`${page} has no page config`);
  return JSON.parse(json) as Config;
}
const departmentPages = () => readdirSync(join(dist, 'departments')).filter((f) => f.endsWith('.html')).map((f) => `departments/${f}`);

describe('what each page embeds', () => {
  it('the file list only on 数据质量', () => {
    const pages = readdirSync(dist).filter((f) => f.endsWith('.html') && readFileSync(join(dist, f), 'utf8').includes('id="page-config"'));
    expect(pages).toContain('quality.html');
    for (const page of [...pages, ...departmentPages()]) {
      const { files } = config(page).ctx;
      if (page === 'quality.html') expect(files.length).toBeGreaterThan(0);
      else expect(files, page).toEqual([]);
    }
  });

  it('what the figures rest on only on 数据质量', () => {
    const pages = readdirSync(dist).filter((f) => f.endsWith('.html') && readFileSync(join(dist, f), 'utf8').includes('id="page-config"'));
    for (const page of [...pages, ...departmentPages()]) {
      const { coverage } = config(page).ctx;
      if (page === 'quality.html') expect(coverage.length).toBeGreaterThan(0);
      else expect(coverage, page).toEqual([]);
    }
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
      expect(ctx.departments.length).toBeGreaterThan(1);
    }
  });
});
