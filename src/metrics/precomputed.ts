/**
 * The public build's data: no table at all, only the rows each view's queries returned when the
 * build ran them (src/site/public-build.ts), keyed by a digest of the SQL. A page's panels ask for
 * the same SQL, in the prerendering and in the browser, and get the same rows, without an engine.
 */
import type { QueryRunner } from './sql.ts';

/** A view's queries' rows, by viewKey of their SQL. */
export type Views = Readonly<Record<string, Record<string, unknown>[]>>;

/** cyrb53: a 53-bit digest of the SQL, the same in Node and in the browser (the key stores no SQL, which may name files). */
export function viewKey(sql: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export class PrecomputedViews implements QueryRunner {
  private readonly views: Views;
  constructor(views: Views) {
    this.views = views;
  }

  async query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const rows = this.views[viewKey(sql)];
    // Every view the page's controls can choose was computed by the build: a miss is a build that does not match its pages.
    if (!rows) throw new Error('此视图的数据未随网站生成，请重新构建网站。');
    return structuredClone(rows) as T[];
  }
}
