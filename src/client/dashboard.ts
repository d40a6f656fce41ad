/**
 * Browser side of every dashboard page. The first view is in the HTML; once it has been painted,
 * DuckDB-WASM loads (never holding up the first view). Then every filter change re-runs all the
 * page's panels with the shared SQL and redraws them together; the state goes into the URL so a
 * view can be shared, and downloads always take the rows currently shown. Tables are sorted and
 * searched on the rows their panel has (tables.ts), without the engine, and stay so across filters.
 */
import { loadEngine, startEngine } from '../browser/start.ts';
import { semesterLabel } from '../domain/semester.ts';
import type { DashboardContext } from '../dashboard/context.ts';
import { MANIFEST_FILE, restoredContext, unpackData, type EmbeddedContext, type PackedData, type SharedContext } from '../dashboard/page-config.ts';
import { downloadScope } from '../dashboard/download-scope.ts';
import { pageFor } from '../dashboard/public.ts';
import { NARROW_WIDTH } from '../charts/layout.ts';
import { renderPanel } from '../dashboard/coverage-notes.ts';
import { queryPanel } from '../dashboard/run.ts';
import type { PanelData, PanelOutput, State } from '../dashboard/types.ts';
import { wireDownloads } from '../downloads/buttons.ts';
import type { QueryRunner } from '../metrics/sql.ts';
import { PrecomputedViews, type PackedViews } from '../metrics/precomputed.ts';
import { tablesFor, type TableFiles } from '../metrics/table-files.ts';
import { fillRuleLater, panelInnerHtml, RULE_LATER_ATTR } from '../views/panel.ts';
import { downloadRows } from '../views/table.ts';
import { readableChart } from '../charts/layout.ts';
import { markScrollRegions, PageTables } from './tables.ts';

/** #page-config as the page embeds it (src/dashboard/page-config.ts). */
interface EmbeddedConfig {
  page: string;
  ctx: EmbeddedContext;
  state: State;
  fixed: Partial<State>;
  data: PackedData;
  /** The site's tables and their database files (see src/site/build-data.ts)… */
  tables?: TableFiles;
  /** …or, in a public build, the file of the page's views (src/metrics/precomputed.ts). */
  views?: string;
}

interface PageConfig {
  page: string;
  state: State;
  fixed: Partial<State>;
  data: Record<string, PanelData>;
  /** The site's tables and their database files (see src/site/build-data.ts)… */
  tables?: TableFiles;
  /** …or, in a public build, the file of the page's views (src/metrics/precomputed.ts). */
  views?: string;
}

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;

function setStatus(state: string, text: string): void {
  const status = $<HTMLElement>('#engine-status');
  status.dataset.state = state;
  status.textContent = text;
}

function controls(form: HTMLFormElement): HTMLSelectElement[] {
  return [...form.querySelectorAll<HTMLSelectElement>('select')];
}

function readState(form: HTMLFormElement, base: State, fixed: Partial<State>): State {
  const state: State = { ...base };
  for (const select of controls(form)) state[select.name] = select.value === '' ? null : select.value;
  return { ...state, ...fixed } as State;
}

/** Put a shared URL's filters into the form (only values the form offers). */
function applyUrl(form: HTMLFormElement): void {
  const params = new URLSearchParams(location.search);
  for (const select of controls(form)) {
    const value = params.get(select.name);
    if (value != null && [...select.options].some((o) => o.value === value)) select.value = value;
  }
}

/**
 * The width to lay charts out for: the page's column on a phone, where a desktop chart scaled down
 * would have unreadable labels; undefined on wider screens (the width the first view was drawn at).
 */
function chartWidth(): number | undefined {
  const column = document.querySelector('main')?.clientWidth ?? window.innerWidth;
  // The figure's padding and border take about 34 px of the column.
  return column - 34 < NARROW_WIDTH ? Math.max(280, column - 34) : undefined;
}

function writeUrl(state: State, fixed: Partial<State>): void {
  const url = new URL(location.href);
  for (const [key, value] of Object.entries(state)) {
    if (key in fixed) continue;
    if (value == null) url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  history.replaceState(null, '', url);
}

/** A JSON file of the site (a file of this build: the shared context, named by its content; the manifest, revalidated). */
async function siteJson<T>(root: URL, file: string, cache: RequestCache): Promise<T> {
  const response = await fetch(new URL(file, root), { cache });
  if (!response.ok) throw new Error(`无法读取本站的数据文件（HTTP ${response.status}）`);
  return (await response.json()) as T;
}

/**
 * The page's config and context, then the page: the context's part every page shares is a file of
 * the site (cached after the first page), and the page that lists the ingest's files (数据质量)
 * reads them from the site's copy of the manifest. Until they are in, the page shows its first
 * view as built; its tables sort and download, and a phone's charts are redrawn, once they are.
 */
export function startDashboard(): void {
  const root = new URL($<HTMLMetaElement>('meta[name=site-root]').content, location.href);
  const { ctx: embedded, data, ...rest } = JSON.parse($('#page-config').textContent!) as EmbeddedConfig;
  const config: PageConfig = { ...rest, data: unpackData(data) };
  Promise.all([
    siteJson<SharedContext>(root, embedded.shared, 'default'),
    embedded.filesInManifest ? siteJson<Pick<DashboardContext, 'files' | 'coverage' | 'returns'>>(root, MANIFEST_FILE, 'no-cache') : undefined,
  ])
    .then(([shared, manifest]) => runDashboard(root, config, restoredContext(shared, embedded, manifest)))
    .catch((error: unknown) => {
      console.error(error);
      setStatus('error', `交互功能未能启动，页面仍显示最新学期的数据。原因：${(error as Error).message}`);
    });
}

function runDashboard(root: URL, config: PageConfig, ctx: DashboardContext): void {
  // A public build has no engine to load: its views were computed when it was built.
  const engine = config.tables ? loadEngine(root) : null;
  const page = pageFor(config.page, ctx.audience);
  // A rule the page left out (a department's page) is written in when its section is opened.
  const rules = new Map(page.panels.map((panel) => [panel.id, panel.rule]));
  const fillRule = (details: EventTarget | null) => {
    if (!(details instanceof HTMLDetailsElement) || !details.open || !details.hasAttribute(RULE_LATER_ATTR)) return;
    const rule = rules.get(details.closest<HTMLElement>('[data-panel]')?.dataset.panel ?? '');
    if (rule) fillRuleLater(details, rule(ctx));
  };
  document.addEventListener('toggle', (event) => fillRule(event.target), true);
  // One opened before this script was ready.
  for (const details of document.querySelectorAll(`details[${RULE_LATER_ATTR}][open]`)) fillRule(details);
  const form = $<HTMLFormElement>('#controls');

  // What each panel shows now: the build's output until the first query returns.
  const outputs = new Map<string, PanelOutput>();
  let shown: State = config.state;
  for (const panel of page.panels) outputs.set(panel.id, renderPanel(panel, config.data[panel.id] ?? {}, shown, ctx));
  const tables = new PageTables(
    page.panels.map((panel) => panel.id),
    (id) => outputs.get(id)?.table,
  );

  wireDownloads(
    document.body,
    (id) => {
      const table = tables.download(id);
      return table ? downloadRows(table, downloadScope(page, shown).columns) : undefined;
    },
    (id) => document.querySelector(`#${id}-chart`) ?? undefined,
  );

  applyUrl(form);
  let latest = 0;
  // Per panel, the SQL behind the rows it shows, and the markup drawn from them. The data never
  // changes under a static site, so a panel whose queries are the same for the new state keeps its
  // rows, and a panel whose markup comes out the same is left alone in the page.
  const asked = new Map<string, { sql: string; data: PanelData }>();
  const drawn = new Map<string, string>();

  /**
   * One panel's output into the page, unless its markup comes out as it already is; its table in
   * the order and search the reader chose, and the focus where it was (a search box, a header).
   */
  const draw = (panel: (typeof page.panels)[number], data: PanelData, state: State): void => {
    const output = renderPanel(panel, data, state, ctx);
    outputs.set(panel.id, output);
    const chart = output.chart ? readableChart(output.chart(document, chartWidth())).outerHTML : null;
    const html = panelInnerHtml(panel.id, panel.title(state, ctx), output, chart, panel.rule?.(ctx) ?? null, downloadScope(page, state).suffix, {
      ...tables.state(panel.id),
      live: true,
    });
    if (drawn.get(panel.id) === html) return;
    const element = $<HTMLElement>(`#panel-${panel.id}`);
    const focused = element.contains(document.activeElement) ? document.activeElement?.id : undefined;
    element.innerHTML = html;
    drawn.set(panel.id, html);
    if (focused) document.getElementById(focused)?.focus();
    markScrollRegions(element);
  };
  // A table sorted or searched was drawn again on its own: its panel is drawn whole next time.
  tables.wire(document.body, (id) => drawn.delete(id));
  // A phone gets charts laid out for its width at once, from the data in the page (no engine needed);
  // so does a window resized across that width.
  const redrawShown = () => {
    for (const panel of page.panels) draw(panel, asked.get(panel.id)?.data ?? config.data[panel.id] ?? {}, shown);
  };
  // So does a shared URL's order or search of a table.
  if (chartWidth() !== undefined || tables.arranged) redrawShown();
  else markScrollRegions(document);
  let narrow = chartWidth() !== undefined;
  addEventListener('resize', () => {
    if ((chartWidth() !== undefined) !== narrow || narrow) {
      narrow = chartWidth() !== undefined;
      redrawShown();
    } else markScrollRegions(document);
  });

  const render = async (db: QueryRunner, state: State): Promise<void> => {
    const ticket = ++latest;
    const started = performance.now();
    // The panels' queries go to the engine together: its worker runs them one after another while
    // this thread unpacks the results that are back.
    const results = await Promise.all(
      page.panels.map(async (panel) => {
        const sql = JSON.stringify(panel.queries(state, ctx));
        const known = asked.get(panel.id);
        return { panel, sql, data: known?.sql === sql ? known.data : await queryPanel(panel, state, ctx, db) };
      }),
    );
    if (ticket !== latest) return; // a newer change is on its way
    const queried = performance.now();
    shown = state;
    for (const { panel, sql, data } of results) {
      asked.set(panel.id, { sql, data });
      draw(panel, data, state);
    }
    document.body.dataset.shown = JSON.stringify(state);
    // Where an update's time goes (read by the benchmark): the queries, then drawing the panels.
    performance.measure('dashboard-query', { start: started, end: queried });
    performance.measure('dashboard-draw', { start: queried });
    performance.mark('dashboard-rendered');
  };

  /** The tables this page's panels read for the state it opens in: fetched while the engine starts. */
  const openTables = (parts: NonNullable<typeof engine>, tables: TableFiles) => {
    const opening = readState(form, config.state, config.fixed);
    const first = tablesFor(tables, page.panels.flatMap((panel) => Object.values(panel.queries(opening, ctx))));
    return startEngine(parts, root, tables, first);
  };
  const openViews = async (file: string) => {
    const response = await fetch(new URL(file, root));
    if (!response.ok) throw new Error(`无法读取数据文件 ${file}（HTTP ${response.status}）`);
    return new PrecomputedViews((await response.json()) as PackedViews);
  };

  const boot = async () => {
    performance.mark('duckdb-boot'); // the engine's start, after the first paint (read by the benchmark)
    setStatus('loading', engine ? '正在加载交互查询引擎…' : '正在加载数据…');
    try {
      const db = engine && config.tables ? await openTables(engine, config.tables) : await openViews(config.views!);
      performance.mark('duckdb-ready');
      const update = async () => {
        const state = readState(form, config.state, config.fixed);
        writeUrl(state, config.fixed);
        setStatus('loading', '正在查询…');
        await render(db, state);
        if (JSON.stringify(shown) === JSON.stringify(state))
          setStatus('ready', `交互查询已就绪：当前显示${state.semester ? semesterLabel(state.semester) : '全部学期'}${state.department ? `，${state.department}` : ''}。`);
      };
      for (const select of controls(form)) select.disabled = false;
      form.addEventListener('change', () => void update().catch(fail));
      if (JSON.stringify(readState(form, config.state, config.fixed)) !== JSON.stringify(config.state)) await update();
      else {
        document.body.dataset.shown = JSON.stringify(config.state);
        setStatus('ready', '交互查询已就绪：可切换筛选条件。');
      }
    } catch (error) {
      fail(error);
    }
  };
  const fail = (error: unknown) => {
    console.error(error);
    setStatus('error', `交互查询失败，页面仍显示最新学期的数据。原因：${(error as Error).message}`);
  };
  // Start once the first view has been painted (the task after the next frame), so the 34 MB
  // engine never delays it, but without waiting for the load event or an idle period.
  requestAnimationFrame(() => setTimeout(boot, 0));
}
