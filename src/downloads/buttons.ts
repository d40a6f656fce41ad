/**
 * Download buttons for every panel: the HTML for them, and one delegated click listener that turns
 * a click (mouse, Enter or Space — they are real <button>s) into a CSV, Excel, SVG or PNG file.
 * Browser only, except downloadButtonsHtml, which is plain string building for the build.
 */
import { svgBlob, svgToPngBlob } from './chart-image.ts';
import { safeFilename, saveBlob } from './save.ts';
import { tableToCsv, type DownloadTable } from './table.ts';
import { tableToXlsxBlob } from './xlsx.ts';

export type DownloadKind = 'csv' | 'xlsx' | 'svg' | 'png';

const KINDS: readonly DownloadKind[] = ['csv', 'xlsx', 'svg', 'png'];

export const DOWNLOAD_LABELS: Record<DownloadKind, string> = {
  csv: '下载 CSV',
  xlsx: '下载 Excel',
  svg: '下载 SVG',
  png: '下载 PNG',
};

/** What the file is, for screen readers: "下载 Excel：各系部辅导员配比（表格）". */
const WHAT: Record<DownloadKind, string> = { csv: '表格', xlsx: '表格', svg: '图表', png: '图片' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Buttons for one panel, in their box. `title` is what is downloaded (the panel's title, with its
 * semester); it goes into each aria-label and, as the box's data-title, is drawn above a downloaded
 * chart. `filename` (without extension) names the files: what they hold and the filters they were
 * made under. Both are written once, on the box, not on each button (a department's page has
 * about forty buttons, and there is a page per department).
 */
export function downloadButtonsHtml(targetId: string, kinds: DownloadKind[], title: string, filename?: string): string {
  const buttons = kinds
    .map((kind) => {
      const label = DOWNLOAD_LABELS[kind];
      return `<button type="button" class="download-button" data-download="${kind}" data-target="${escapeHtml(targetId)}" aria-label="${escapeHtml(`${label}：${title}（${WHAT[kind]}）`)}">${label}</button>`;
    })
    .join('');
  return `<div class="panel-tools" data-title="${escapeHtml(title)}"${filename ? ` data-filename="${escapeHtml(filename)}"` : ''}>${buttons}</div>`;
}

/** The title and file name of a button's download, from its box. */
const namesOf = (button: HTMLElement) => button.closest<HTMLElement>('.panel-tools')?.dataset ?? {};

export interface WireDownloadsOptions {
  /** Shown when a download cannot be made; defaults to window.alert. */
  onError?: (message: string, error: unknown) => void;
  /** Where the file goes; defaults to saveBlob (tests may capture it instead). */
  save?: (blob: Blob, filename: string) => void;
}

function chartTitle(chart: Element, button: HTMLElement, targetId: string): string {
  return (
    namesOf(button).title ||
    chart.getAttribute('aria-label') ||
    chart.querySelector('svg[aria-label]')?.getAttribute('aria-label') ||
    targetId
  );
}

async function makeFile(
  kind: DownloadKind,
  targetId: string,
  button: HTMLElement,
  getTable: (id: string) => DownloadTable | undefined,
  getChart: (id: string) => Element | undefined,
): Promise<{ blob: Blob; name: string }> {
  if (kind === 'csv' || kind === 'xlsx') {
    const table = getTable(targetId);
    if (!table) throw new Error(`没有找到表格“${targetId}”的数据`);
    const blob =
      kind === 'csv' ? new Blob([tableToCsv(table)], { type: 'text/csv;charset=utf-8' }) : await tableToXlsxBlob(table);
    return { blob, name: namesOf(button).filename || table.title };
  }
  const chart = getChart(targetId);
  if (!chart) throw new Error(`没有找到图表“${targetId}”`);
  // The file carries the chart's title (and legend) above the drawing.
  const title = chartTitle(chart, button, targetId);
  const blob = kind === 'svg' ? svgBlob(chart, title) : await svgToPngBlob(chart, 2, title);
  return { blob, name: namesOf(button).filename || title };
}

/**
 * Listens on `root` for clicks on `button[data-download][data-target]`, so buttons added later
 * (after a re-render) work too. Returns a function that removes the listener.
 */
export function wireDownloads(
  root: ParentNode & EventTarget,
  getTable: (id: string) => DownloadTable | undefined,
  getChart: (id: string) => Element | undefined,
  options: WireDownloadsOptions = {},
): () => void {
  const save = options.save ?? saveBlob;
  const onError = options.onError ?? ((message: string) => window.alert(message));

  const listener = async (event: Event): Promise<void> => {
    // Duck-typed rather than instanceof Element, so it works across windows (and in jsdom).
    const target = event.target as Partial<Element> | null;
    if (typeof target?.closest !== 'function') return;
    const button = target.closest<HTMLElement>('button[data-download][data-target]');
    if (!button || !(root as Node).contains(button)) return;
    const kind = button.dataset.download as DownloadKind;
    const targetId = button.dataset.target ?? '';
    if (!KINDS.includes(kind) || button.getAttribute('aria-busy') === 'true') return;

    // aria-busy rather than disabled: a disabled button would lose keyboard focus.
    button.setAttribute('aria-busy', 'true');
    try {
      const { blob, name } = await makeFile(kind, targetId, button, getTable, getChart);
      save(blob, `${safeFilename(name)}.${kind}`);
    } catch (error) {
      console.error(error);
      onError(`下载失败：${error instanceof Error ? error.message : String(error)}`, error);
    } finally {
      button.removeAttribute('aria-busy');
    }
  };
  const handler = (event: Event): void => void listener(event);
  root.addEventListener('click', handler);
  return () => root.removeEventListener('click', handler);
}
