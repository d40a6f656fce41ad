/**
 * Folding long lists: a table of more than FOLD_ABOVE rows shows its first FOLD_SHOW and a
 * "展开全部 N 行" switch. It works without JavaScript — the switch is a checkbox, and the
 * stylesheet hides the rows marked row--folded while it is off — and printing shows every row.
 *
 * On a phone a table's row is a block of label–value lines, a third of the screen tall or more, so
 * a list folds sooner there: past PHONE_FOLD_SHOW rows once it has more than PHONE_FOLD_ABOVE
 * (the rows marked row--folded-phone, hidden only on a narrow screen; on a wide one such a short
 * list shows whole and its switch is not drawn). A table of many columns (a week per column) is a
 * screen a row on a phone: it shows its first row only.
 *
 * The mark is by position, so a table sorted or searched in the browser is drawn again with the
 * marks for its new order (src/views/table.ts), its switch open or shut as the reader left it.
 */
import { escapeHtml } from '../domain/format.ts';

export const FOLD_ABOVE = 15;
export const FOLD_SHOW = 10;
export const PHONE_FOLD_ABOVE = 4;
export const PHONE_FOLD_SHOW = 3;

export interface Fold {
  rows: number;
  /** Rows shown on a wide screen (all of them: the list folds on a phone only). */
  show: number;
  /** Rows shown on a phone. */
  phoneShow: number;
}

/** How a list of `rows` rows folds, or null when it is short enough to show whole even on a phone. */
export function foldOf(rows: number, above = FOLD_ABOVE, show = FOLD_SHOW, phoneShow = PHONE_FOLD_SHOW): Fold | null {
  // Folded only when it hides two rows or more: a switch for one row would take its room.
  if (rows <= Math.max(phoneShow + 1, PHONE_FOLD_ABOVE - PHONE_FOLD_SHOW + phoneShow)) return null;
  return { rows, show: rows > above ? show : rows, phoneShow: Math.min(phoneShow, show) };
}

/** The class of the row at `index` (0-based): folded away past the first rows (on a phone, sooner). */
export function foldedRowClass(index: number, fold: Fold): string | null {
  return index >= fold.show ? 'row--folded' : index >= fold.phoneShow ? 'row--folded-phone' : null;
}

/** "前 10 行" on a wide screen, "前 3 行" on a phone: both written, the stylesheet shows one. */
const firstRows = (fold: Fold, unit: string) =>
  `前 <span class="fold-n">${fold.show}</span><span class="fold-n-phone">${fold.phoneShow}</span> ${unit}`;

/**
 * The list (a table, or any list whose items carry foldedRowClass) with its switch: the checkbox
 * before it (the stylesheet reads it), its label after it. `unit` counts the items: 行, 项. `open`:
 * drawn again in the browser (sorted, searched), a list the reader had unfolded stays unfolded.
 */
export function foldControlHtml(id: string, fold: Fold, list: string, unit = '行', open = false): string {
  const box = `${escapeHtml(id)}-unfold`;
  const phoneOnly = fold.show >= fold.rows;
  return (
    `<div class="fold${phoneOnly ? ' fold--phone' : ''}" data-fold="${fold.rows}"><input type="checkbox" class="fold-toggle" id="${box}"${open ? ' checked' : ''}>` +
    list +
    `<label class="fold-label" for="${box}"><span class="fold-more">展开全部 ${fold.rows} ${unit}（当前显示${firstRows(fold, unit)}）</span><span class="fold-less">收起，只显示${firstRows(fold, unit)}</span></label></div>`
  );
}
