/**
 * Sorting and searching the page's tables, in the browser, on the rows each panel already has:
 * one listener for every table of the page (the headers' buttons, the search boxes, the fold
 * switches), a state per table kept in the URL beside the filters (sort-<panel>=<column>.asc|desc,
 * find-<panel>=<text>) and kept when the panels are drawn again for new filters. Only the table
 * is drawn again on a click or a key, so the search box keeps its focus and the clicked header its.
 */
import { arrangedView, tableStatusText, tableViewHtml, type TableView } from '../views/table.ts';
import { nextSort, parseSortParam, sortParam, type TableState } from '../views/table-order.ts';

const tableId = (panelId: string) => `${panelId}-table`;
const sortName = (panelId: string) => `sort-${panelId}`;
const findName = (panelId: string) => `find-${panelId}`;

export class PageTables {
  private readonly states = new Map<string, TableState>();
  private readonly viewOf: (panelId: string) => TableView<unknown> | undefined;

  /** `viewOf`: the table a panel shows now (its rows as last queried). */
  constructor(panelIds: readonly string[], viewOf: (panelId: string) => TableView<unknown> | undefined) {
    this.viewOf = viewOf;
    const params = new URLSearchParams(location.search);
    for (const id of panelIds) {
      const sort = parseSortParam(params.get(sortName(id)));
      const query = params.get(findName(id)) ?? '';
      if (sort || query) this.states.set(id, { sort, query });
    }
  }

  /** A panel's table state, for drawing it. */
  state(panelId: string): TableState {
    return this.states.get(panelId) ?? {};
  }

  /** Whether a shared URL asked for an order or a search (the first view then needs drawing again). */
  get arranged(): boolean {
    return this.states.size > 0;
  }

  /** The rows a download takes: the table's, in the order and selection shown. */
  download(panelId: string): TableView<unknown> | undefined {
    const view = this.viewOf(panelId);
    return view && arrangedView(view, this.state(panelId));
  }

  /** Listen on `root` for the tables' controls; `changed` hears which panel's table was drawn again. */
  wire(root: HTMLElement, changed: (panelId: string) => void): void {
    const panelOf = (el: Element) => el.closest<HTMLElement>('[data-panel]')?.dataset.panel;
    root.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button.sort-button');
      const column = button?.closest<HTMLElement>('th[data-col]')?.dataset.col;
      const panelId = button && panelOf(button);
      if (!column || !panelId) return;
      const state = this.state(panelId);
      this.update(panelId, { ...state, sort: nextSort(state.sort, column) }, column);
      changed(panelId);
    });
    root.addEventListener('input', (event) => {
      const input = event.target as HTMLInputElement;
      const panelId = input.matches('input.table-find') && panelOf(input);
      if (!panelId) return;
      this.update(panelId, { ...this.state(panelId), query: input.value });
      changed(panelId);
    });
    // An unfolded list stays unfolded when it is drawn again (not kept in the URL).
    root.addEventListener('change', (event) => {
      const box = event.target as HTMLInputElement;
      const panelId = box.matches('.table-view input.fold-toggle') && panelOf(box);
      if (panelId) this.states.set(panelId, { ...this.state(panelId), open: box.checked });
    });
    for (const input of root.querySelectorAll<HTMLInputElement>('input.table-find')) input.disabled = false;
  }

  /** Draws the panel's table again; `focus`: the column whose sort button keeps the keyboard's focus. */
  private update(panelId: string, state: TableState, focus?: string): void {
    this.states.set(panelId, state);
    const view = this.viewOf(panelId);
    const id = tableId(panelId);
    const region = document.getElementById(`${id}-view`);
    if (!view || !region) return;
    region.innerHTML = tableViewHtml(view, id, state);
    const status = document.getElementById(`${id}-status`);
    if (status) status.textContent = tableStatusText(view, state);
    if (focus) [...region.querySelectorAll<HTMLElement>('thead th[data-col]')].find((th) => th.dataset.col === focus)?.querySelector<HTMLElement>('.sort-button')?.focus();
    const url = new URL(location.href);
    if (state.sort) url.searchParams.set(sortName(panelId), sortParam(state.sort));
    else url.searchParams.delete(sortName(panelId));
    if (state.query) url.searchParams.set(findName(panelId), state.query);
    else url.searchParams.delete(findName(panelId));
    history.replaceState(null, '', url);
  }
}

/**
 * A table or chart wider than its frame scrolls sideways in it: such a frame is made focusable
 * (and a table's named, as a region), so the keyboard can scroll it; one that fits is left alone
 * and adds no stop to the tab order.
 */
export function markScrollRegions(root: ParentNode): void {
  for (const frame of root.querySelectorAll<HTMLElement>('.table-wrap, figure.chart')) {
    const scrolls = frame.scrollWidth > frame.clientWidth + 1;
    const panel = frame.closest<HTMLElement>('[data-panel]')?.dataset.panel;
    if (scrolls) frame.tabIndex = 0;
    else frame.removeAttribute('tabindex');
    if (!frame.classList.contains('table-wrap')) continue;
    if (scrolls && panel) {
      frame.setAttribute('role', 'region');
      frame.setAttribute('aria-labelledby', `${panel}-title`);
    } else {
      frame.removeAttribute('role');
      frame.removeAttribute('aria-labelledby');
    }
  }
}
