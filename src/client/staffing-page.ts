/**
 * Browser side of the 师生比 page. The first view is already in the HTML; after it has been
 * painted, DuckDB-WASM loads (without holding up the first view) and every change of semester,
 * denominator or order re-runs the shared metric SQL and re-renders summary, chart and table.
 * The state is kept in the URL so a view can be shared.
 */
import { staffingBars } from '../charts/staffing-bars.ts';
import { semesterLabel } from '../domain/semester.ts';
import { departmentStaffingSql, institutionStaffingSql, type StaffingParams, type StaffingRow } from '../metrics/staffing.ts';
import type { QueryRunner } from '../metrics/sql.ts';
import { MODE_LABELS, SORT_LABELS, departmentTableHtml, sortRows, summaryHtml, type RatioMode, type SortKey } from '../views/staffing.ts';

interface PageConfig extends StaffingParams {
  weightLabel: string;
  semesters: string[];
}

interface State {
  semester: string;
  mode: RatioMode;
  sort: SortKey;
}

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;

/** Read from the controls themselves: FormData would skip them while they are disabled. */
function readState(form: HTMLFormElement): State {
  return {
    semester: $<HTMLSelectElement>('#semester').value,
    mode: form.querySelector<HTMLInputElement>('input[name=mode]:checked')!.value as RatioMode,
    sort: $<HTMLSelectElement>('#sort').value as SortKey,
  };
}

function applyUrlState(form: HTMLFormElement, config: PageConfig): void {
  const params = new URLSearchParams(location.search);
  const semester = params.get('semester');
  if (semester && config.semesters.includes(semester)) $<HTMLSelectElement>('#semester').value = semester;
  const mode = params.get('mode');
  if (mode && mode in MODE_LABELS) form.querySelector<HTMLInputElement>(`input[name=mode][value=${mode}]`)!.checked = true;
  const sort = params.get('sort');
  if (sort && sort in SORT_LABELS) $<HTMLSelectElement>('#sort').value = sort;
}

function setStatus(state: string, text: string): void {
  const status = $<HTMLElement>('#engine-status');
  status.dataset.state = state;
  status.textContent = text;
}

/** Changes can come faster than queries finish: only the latest one is drawn. */
let latest = 0;

async function render(db: QueryRunner, config: PageConfig, state: State): Promise<void> {
  const ticket = ++latest;
  const [institution] = await db.query<StaffingRow>(institutionStaffingSql(config, state.semester));
  const rows = sortRows(await db.query<StaffingRow>(departmentStaffingSql(config, state.semester)), state.sort, state.mode);
  if (!institution) throw new Error(`学期 ${state.semester} 没有数据`);
  if (ticket !== latest) return;

  $('#summary').innerHTML = summaryHtml(institution, rows, config.target, config.weightLabel);
  const chart = $<HTMLElement>('#chart');
  chart.replaceChildren(staffingBars(rows, { mode: state.mode, target: config.target, document }));
  Object.assign(chart.dataset, { ...state, source: 'duckdb' });
  $('#dept-rows').innerHTML = departmentTableHtml(rows, state.mode, config.target);
  document.querySelectorAll('.semester-label').forEach((el) => (el.textContent = semesterLabel(state.semester)));
  document.querySelectorAll('.mode-label').forEach((el) => (el.textContent = MODE_LABELS[state.mode]));
}

export function startStaffingPage(): void {
  const config = JSON.parse($('#page-config').textContent!) as PageConfig;
  const form = $<HTMLFormElement>('#controls');
  const initial = readState(form);
  applyUrlState(form, config);

  const boot = async () => {
    setStatus('loading', '正在加载交互查询引擎（首次打开需数秒）…');
    try {
      const { openDatabase } = await import('../browser/duckdb.ts');
      const root = new URL(document.querySelector<HTMLMetaElement>('meta[name=site-root]')!.content, location.href);
      const db = await openDatabase(root);
      performance.mark('duckdb-ready');
      const update = async () => {
        const state = readState(form);
        const url = new URL(location.href);
        for (const [k, v] of Object.entries(state)) url.searchParams.set(k, v);
        history.replaceState(null, '', url);
        await render(db, config, state);
        setStatus('ready', `交互查询已就绪：当前显示${semesterLabel(state.semester)}，${MODE_LABELS[state.mode]}。`);
      };
      form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('select, input').forEach((el) => (el.disabled = false));
      form.addEventListener('change', () => void update().catch(fail));
      const current = readState(form);
      if (JSON.stringify(current) !== JSON.stringify(initial)) await update();
      else setStatus('ready', `交互查询已就绪：可切换学期、口径和排序。`);
    } catch (error) {
      fail(error);
    }
  };
  const fail = (error: unknown) => {
    console.error(error);
    setStatus('error', `交互查询引擎加载失败，页面仍显示最新学期的数据。原因：${(error as Error).message}`);
  };
  // Start after the first view is on screen, so the 34 MB engine never delays it.
  const idle = (cb: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(cb, { timeout: 500 }) : setTimeout(cb, 50));
  if (document.readyState === 'complete') idle(boot);
  else addEventListener('load', () => idle(boot), { once: true });
}
