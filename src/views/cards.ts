/** Key figures as cards: label, value, an optional status flag, small print and a link. */
import { escapeHtml } from '../domain/format.ts';
import { flagHtml } from './table.ts';

export interface Card {
  key: string;
  label: string;
  value: string;
  /** bad: a requirement of weight missed (red); warn: a lesser one missed (amber); ok: met. */
  tone?: 'ok' | 'bad' | 'warn';
  /** 达标/未达标 as a flag beside the value. */
  status?: string;
  /** Small print under the value: the change, the basis. */
  note?: string;
  /** A small trend chart (SVG) of the previous semesters, with its reading in words. */
  spark?: string;
  href?: string;
}

/** The cards, without the surrounding <dl> (for a list that adds cards of its own). */
export function cardItemsHtml(cards: readonly Card[]): string {
  return cards
    .map(
      (c) =>
        `<div class="card${c.tone ? ` card--${c.tone}` : ''}" data-figure="${escapeHtml(c.key)}"><dt>${escapeHtml(c.label)}</dt>` +
        `<dd class="card__value">${escapeHtml(c.value)}</dd>` +
        `${c.status ? `<dd class="card__status">${flagHtml(c.status, c.tone === 'warn' ? 'warn' : (c.tone ?? 'none'))}</dd>` : ''}` +
        `${c.spark ? `<dd class="card__spark">${c.spark}</dd>` : ''}` +
        `${c.note ? `<dd class="card__note">${escapeHtml(c.note)}</dd>` : ''}` +
        `${c.href ? `<dd class="card__link"><a href="${escapeHtml(c.href)}">查看详情</a></dd>` : ''}</div>`,
    )
    .join('');
}

export function cardsHtml(cards: readonly Card[], className = '', id?: string): string {
  return `<dl class="cards${className ? ` ${className}` : ''}"${id ? ` id="${escapeHtml(id)}"` : ''}>${cardItemsHtml(cards)}</dl>`;
}
