/**
 * The office's own words in the report: a plain-text file per semester (by default
 * data/report/<学期>.md, the folder set by the rules file's report.notes) with two headed parts —
 *
 *   ## 主要工作与成效      paragraphs printed after the figures' paragraphs of section 二
 *   ## 下一步工作打算      paragraphs printed instead of the measures pre-filled from the problems
 *
 * Paragraphs are separated by a blank line; lines starting with ">" are instructions to whoever
 * fills it in, and are not printed. Anything under another heading is ignored. Pure: the page
 * reads the file and hands its text here.
 */
import { escapeHtml } from '../domain/format.ts';

export interface OfficeNotes {
  /** Paragraphs (HTML, escaped) for 主要工作与成效. */
  work: string[];
  /** Paragraphs for 下一步工作打算, or null when the office wrote none (the pre-filled measures are printed). */
  next: string[] | null;
}

const PARTS: Readonly<Record<string, keyof OfficeNotes>> = { 主要工作与成效: 'work', 主要工作: 'work', 下一步工作打算: 'next', 下一步工作: 'next', 下一步: 'next' };

export function parseNotes(text: string | null): OfficeNotes {
  const out: { work: string[]; next: string[] | null } = { work: [], next: null };
  if (!text) return out;
  let part: keyof OfficeNotes | null = null;
  let paragraph: string[] = [];
  const flush = () => {
    const p = paragraph.join('').trim();
    paragraph = [];
    if (!p || !part) return;
    (out[part] ??= []).push(escapeHtml(p));
  };
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^#{1,6}\s*(.+?)\s*#*$/.exec(line);
    if (heading) {
      flush();
      // "一、主要工作与成效" or "主要工作与成效" alike.
      const name = heading[1]!.replace(/^[一二三四五六七八九十]+、/, '');
      part = PARTS[name] ?? null;
      if (part === 'next') out.next ??= [];
      continue;
    }
    if (line.startsWith('>')) continue;
    if (!line) flush();
    else paragraph.push(line);
  }
  flush();
  if (out.next && out.next.length === 0) out.next = null;
  return out;
}
