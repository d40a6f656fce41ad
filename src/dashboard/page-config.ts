/**
 * What a page embeds for the browser (#page-config) and how it reads it back: the context its
 * panels need and its first view's rows, written compactly, since a department's page exists once
 * per department and every byte of it counts that many times.
 *
 * - Rows column by column: a query's rows share their keys (written once, not once per row), and a
 *   column with one value in every row (the semester, the department on its own page) holds it once.
 *   Rows whose keys differ (none the queries give) stay as they are.
 * - The context without what the browser derives from the rest (each department's page path), and
 *   without the ingest's file list and what the figures rest on: the page that shows them
 *   (数据质量, internal build) reads them from the site's copy of the ingest's manifest
 *   (data/manifest.json, the same file the build read them from) when it starts.
 */
import { fromColumns, toColumns } from '../metrics/column-wise.ts';
import { departmentPagesOf, type DashboardContext } from './context.ts';
import type { PanelData, Rows } from './types.ts';

/** A query's rows, column by column; `same`: the value of a column that has one in every row. */
export interface PackedRows {
  n: number;
  columns: Record<string, unknown[] | { same: unknown }>;
}

/** The site's copy of the ingest's manifest, from the site root: where 数据质量 reads the file list. */
export const MANIFEST_FILE = 'data/manifest.json';

export function packRows(rows: Rows): Rows | PackedRows {
  // As JSON would write them (a key whose value is undefined is no key), so that unpacking gives the rows the page would have parsed.
  const plain = JSON.parse(JSON.stringify(rows)) as Array<Record<string, unknown>>;
  const table = plain.length < 2 ? null : toColumns(plain);
  if (!table) return plain;
  const columns: PackedRows['columns'] = {};
  table.names.forEach((key, c) => {
    const values = table.cells[c]!;
    const first = JSON.stringify(values[0]);
    columns[key] = values.every((v) => JSON.stringify(v) === first) ? { same: values[0] } : values;
  });
  return { n: plain.length, columns };
}

export function unpackRows(rows: Rows | PackedRows): Rows {
  if (Array.isArray(rows)) return rows;
  const columns = Object.values(rows.columns);
  // A value in every row is copied, so that no two rows share an object.
  return fromColumns(Object.keys(rows.columns), rows.n, (c, i) => {
    const column = columns[c]!;
    return Array.isArray(column) ? column[i] : structuredClone(column.same);
  });
}

export type PackedData = Record<string, Record<string, Rows | PackedRows>>;

export const packData = (data: Record<string, PanelData>): PackedData =>
  Object.fromEntries(Object.entries(data).map(([panel, queries]) => [panel, Object.fromEntries(Object.entries(queries).map(([name, rows]) => [name, packRows(rows)]))]));

export const unpackData = (data: PackedData): Record<string, PanelData> =>
  Object.fromEntries(Object.entries(data).map(([panel, queries]) => [panel, Object.fromEntries(Object.entries(queries).map(([name, rows]) => [name, unpackRows(rows)]))]));

/** What every page's context holds alike: one file for the whole site (SHARED_CONTEXT_FOLDER), fetched by each page and cached by the browser. */
export type SharedContext = Omit<DashboardContext, 'departmentPages' | 'root' | 'files' | 'coverage' | 'returns'>;

/** The context's part a page embeds: its own root, and the lists only the pages that read them need. */
export interface EmbeddedContext extends Pick<DashboardContext, 'root' | 'files' | 'coverage' | 'returns'> {
  /** The file of the shared part (SharedContext), from the site root. */
  shared: string;
  /** The file list, the return lists and what the figures rest on are in MANIFEST_FILE. */
  filesInManifest?: true;
}

/** Where the shared context's file lies, from the site root (the folder of the site's database). */
export const SHARED_CONTEXT_FOLDER = 'db';

export function sharedContext(ctx: DashboardContext): SharedContext {
  const { departmentPages: _derived, root: _own, files: _f, coverage: _c, returns: _r, ...shared } = ctx;
  return shared;
}

/** The context as a page embeds it; `reads`: whether its panels read the file list / what the figures rest on. */
export function embeddedContext(ctx: DashboardContext, shared: string, reads: { files: boolean; coverage: boolean }): EmbeddedContext {
  // The internal build's manifest is the very file the context was built from; a public build's holds only what it publishes.
  const fromManifest = ctx.audience === 'internal' && (reads.files || reads.coverage);
  return {
    root: ctx.root,
    shared,
    files: reads.files && !fromManifest ? ctx.files : [],
    coverage: reads.coverage && !fromManifest ? ctx.coverage : [],
    // The return lists are read with the file list (the 报送 checklist).
    returns: reads.files && !fromManifest ? ctx.returns : [],
    ...(fromManifest ? { filesInManifest: true as const } : {}),
  };
}

/** The context as the build had it, from the shared part, what the page embeds and, where it says so, the manifest's lists. */
export function restoredContext(shared: SharedContext, embedded: EmbeddedContext, manifest?: Pick<DashboardContext, 'files' | 'coverage' | 'returns'>): DashboardContext {
  const { filesInManifest: _where, shared: _file, ...own } = embedded;
  return {
    ...shared,
    ...own,
    // As buildContext reads them from the manifest (an older one may lack the last two).
    ...(manifest ? { files: manifest.files, coverage: manifest.coverage ?? [], returns: manifest.returns ?? [] } : {}),
    departmentPages: departmentPagesOf(shared.departments),
  };
}
