/**
 * One panel's markup: title, figures, chart with its text alternative, table, download buttons and
 * the rule behind the numbers. Built from a panel's output the same way at build time and in the
 * browser.
 */
import { escapeHtml } from '../domain/format.ts';
import { downloadButtonsHtml, type DownloadKind } from '../downloads/buttons.ts';
import type { PanelOutput } from '../dashboard/types.ts';
import { tableHtml, type TableOptions } from './table.ts';

/**
 * The rule left to the browser: written into the section when the reader opens it (RULE_LATER_ATTR
 * names it; the page's script has every panel's rule). A department's page, one per department,
 * carries the same rules as all the others: they would cost their bytes once per department.
 * Print does not show the rules (site.css), so paper loses nothing.
 */
export const RULE_LATER = { later: true } as const;
export const RULE_LATER_ATTR = 'data-rule-later';
const RULE_PENDING = '<p class="rule-pending">本节内容在页面脚本载入后显示。</p>';

/**
 * `fileScope` ends the download file names: the view's semester, department and role. `table`: the
 * table's order and search in the browser (the first view has neither).
 */
export function panelInnerHtml(id: string, title: string, output: PanelOutput, chartMarkup: string | null, rule: string | null | typeof RULE_LATER, fileScope = '', table: TableOptions = {}): string {
  const parts = [`<h2 id="${id}-title">${escapeHtml(title)}</h2>`];
  if (output.html) parts.push(`<div class="panel-figures">${output.html}</div>`);
  if (chartMarkup != null) {
    parts.push(
      `<figure class="chart" id="${id}-chart" aria-labelledby="${id}-title" aria-describedby="${id}-alt">` +
        // A chart kept at its width (the weeks' grid) scrolls in its frame on a phone: the reader is told so.
        (chartMarkup.includes('chart-scroll') ? '<p class="scroll-cue">此图较宽，可在框内左右滑动查看全部内容。</p>' : '') +
        chartMarkup +
        `<figcaption id="${id}-alt">${escapeHtml(output.chartAlt ?? '')}</figcaption></figure>`,
    );
  }
  if (output.table) parts.push(tableHtml(output.table, `${id}-table`, table));
  const kinds: DownloadKind[] = [...(output.table ? (['csv', 'xlsx'] as const) : []), ...(chartMarkup != null ? (['svg', 'png'] as const) : [])];
  // Files are named after the table (or the chart's title without its semester), then the filters.
  const base = output.table?.title ?? title.split(' · ')[0]!;
  if (kinds.length) parts.push(downloadButtonsHtml(id, kinds, title, fileScope ? `${base}_${fileScope}` : base));
  if (typeof rule === 'object' && rule !== null) parts.push(`<details class="rule" ${RULE_LATER_ATTR}><summary>口径与依据</summary>${RULE_PENDING}</details>`);
  else if (typeof rule === 'string' && rule) parts.push(ruleDetailsHtml(rule));
  return parts.join('\n');
}

export const ruleDetailsHtml = (rule: string) => `<details class="rule"><summary>口径与依据</summary>${rule}</details>`;

/** The rule's text, where the section was written with RULE_LATER: into the section, once. */
export function fillRuleLater(details: HTMLDetailsElement, rule: string): void {
  if (!details.hasAttribute(RULE_LATER_ATTR)) return;
  details.removeAttribute(RULE_LATER_ATTR);
  details.querySelector('.rule-pending')?.remove();
  details.insertAdjacentHTML('beforeend', rule);
}
