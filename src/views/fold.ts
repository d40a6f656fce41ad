/**
 * Folding long lists: a table of more than FOLD_ABOVE rows shows its first FOLD_SHOW and a
 * "展开全部 N 行" switch. It works without JavaScript — the switch is a checkbox, and the
 * stylesheet hides the rows marked row--folded while it is off — and printing shows every row.
 *
 * The mark is by position, so a table sorted or searched in the browser is drawn again with the
 * marks for its new order (src/views/table.ts), its switch open or shut as the reader left it.
 */
import { escapeHtml } from '../domain/format.ts';

export const FOLD_ABOVE = 15;
export const FOLD_SHOW = 10;

export interface Fold {
  rows: number;
  show: number;
}

/** How a list of `rows` rows folds, or null when it is short enough to show whole. */
export function foldOf(rows: number, above = FOLD_ABOVE, show = FOLD_SHOW): Fold | null {
  return rows > above ? { rows, show } : null;
}

/** The class of the row at `index` (0-based): folded away past the first rows. */
export function foldedRowClass(index: number, fold: Fold): string | null {
  return index >= fold.show ? 'row--folded' : null;
}

/**
 * The list (a table, or any list whose items carry foldedRowClass) with its switch: the checkbox
 * before it (the stylesheet reads it), its label after it. `unit` counts the items: 行, 项. `open`:
 * drawn again in the browser (sorted, searched), a list the reader had unfolded stays unfolded.
 */
export function foldControlHtml(id: string, fold: Fold, list: string, unit = '行', open = false): string {
  const box = `${escapeHtml(id)}-unfold`;
  return (
    `<div class="fold" data-fold="${fold.rows}"><input type="checkbox" class="fold-toggle" id="${box}"${open ? ' checked' : ''}>` +
    list +
    `<label class="fold-label" for="${box}"><span class="fold-more">展开全部 ${fold.rows} ${unit}（当前显示前 ${fold.show} ${unit}）</span><span class="fold-less">收起，只显示前 ${fold.show} ${unit}</span></label></div>`
  );
}
