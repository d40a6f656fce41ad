/** Small pieces the page definitions share: labels, shares, status words, the rule notes. */
import { escapeHtml } from '../domain/format.ts';
import { semesterLabel } from '../domain/semester.ts';
import { formatPercent } from '../views/table.ts';
import type { DashboardContext } from './context.ts';
import type { State } from './types.ts';

/** "全院" or the department, for titles. */
export const scopeLabel = (s: State) => s.department ?? '全院';
export const semesterTitle = (s: State) => semesterLabel(s.semester);

/** 2025-2026-1 → "25秋", 2025-2026-2 → "26春": short enough for chart ticks. */
export function shortSemester(id: string): string {
  const [first, second, term] = id.split('-');
  return term === '1' ? `${first!.slice(2)}秋` : `${second!.slice(2)}春`;
}

export const ratio = (met: number, total: number): number | null => (total > 0 ? met / total : null);


/** A rule note: what is counted, and the policy text it comes from. */
export function ruleHtml(items: ReadonlyArray<readonly [string, string | undefined]>): string {
  return `<ul>${items.map(([what, source]) => `<li>${escapeHtml(what)}${source ? `<br><small>依据：${escapeHtml(source)}</small>` : ''}</li>`).join('')}</ul>`;
}

export interface Card {
  key: string;
  label: string;
  value: string;
  tone?: 'ok' | 'bad';
  /** Small print under the value: the change, the basis. */
  note?: string;
  href?: string;
}

export function cardsHtml(cards: readonly Card[]): string {
  return `<dl class="cards">${cards
    .map(
      (c) =>
        `<div class="card${c.tone ? ` card--${c.tone}` : ''}" data-figure="${escapeHtml(c.key)}"><dt>${escapeHtml(c.label)}</dt>` +
        `<dd>${escapeHtml(c.value)}</dd>${c.note ? `<dd class="card__note">${escapeHtml(c.note)}</dd>` : ''}` +
        `${c.href ? `<dd class="card__link"><a href="${escapeHtml(c.href)}">查看详情</a></dd>` : ''}</div>`,
    )
    .join('')}</dl>`;
}

