/**
 * Parts that add up to a whole, as enrollment and personnel forms split a count under a group
 * heading: 男 | 女, 本科 | 专科 …, 一年级 | 二年级 … (or 2024级 | 2025级). An additive field (types.ts
 * `additive`: 在校生人数) split into the parts of one of these is their sum; split any other way
 * (人数 | 其中：少数民族, a part of a part) it is not, and the sheet is set aside as before.
 */
import { compactCell } from './text.ts';

/** Each family of parts: what one part of it looks like, and the parts it must hold all of (if any). */
const PARTITIONS: ReadonlyArray<{ part: RegExp; all?: readonly string[] }> = [
  { part: /^(男|女)生?$/, all: ['男', '女'] },
  { part: /^(博士研究生|硕士研究生|研究生|博士|硕士|本科|专科|高职|高职专科|中职|五年制高职)生?$/ },
  { part: /^(\d{4}级|[一二三四五六]年级|[1-6]年级|大[一二三四五])$/ },
];

/**
 * The parts as named (cleaned), when they are two or more distinct parts of one family — every
 * one of it where the family is closed (男 and 女) — else null.
 */
export function knownPartition(parts: readonly string[]): string[] | null {
  const names = parts.map((p) => compactCell(p));
  if (names.length < 2) return null;
  for (const { part, all } of PARTITIONS) {
    const keys = names.map((n) => part.exec(n)?.[1]);
    if (keys.some((k) => k === undefined) || new Set(keys).size !== keys.length) continue;
    if (all && !all.every((k) => keys.includes(k))) continue;
    return names;
  }
  return null;
}
