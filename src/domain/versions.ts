/**
 * Versions of one export: a department that resends its 在校生人数 as 在校生人数（更正）.csv, a
 * "… - 副本.csv" or "…(1).csv" saved beside the original, the same file twice. Summed, they
 * double a department's figures; so when two files give the same records (ingest/versions.ts
 * decides which files are versions of each other), one is read and the others are not — by these
 * rules, in this order (README, "Nothing is lost"):
 *
 * 1. copies — byte-identical, or giving the same records (an .xlsx and the CSV saved from it):
 *    the first (in path order) is read, the copies are superseded;
 * 2. of different versions, the one whose name says it replaces the others (更正, 修改, 修订,
 *    最新, 终稿, 定稿, 更新, 重报), when exactly one does — whatever the dates say: a clerk who
 *    names a file 更正 means it;
 * 3. else the one with the latest 填报日期 (a date line in the title or footer), when every
 *    version has one and one date is the latest;
 * 4. else none can be chosen: every version is set aside, to be sent again as one file.
 *
 * A copy's name ("- 副本", "(1)") decides nothing between different versions — a browser names the
 * newer download "(1)", a clerk the older copy "副本" — but of identical ones the file not named as
 * a copy is the one read.
 */
import { parseDate } from './dates.ts';
import { compactCell } from './text.ts';

/** Words in a file name saying it replaces an earlier version. */
const CORRECTION = /更正|修改|修订|最新|终稿|定稿|更新|重报|重新报送/;
/** What a file name says about being a copy (Windows' "- 副本", a browser's "(1)"). */
const COPY = /副本|\(\d+\)$|（\d+）$|copy$/i;

export function isCorrection(fileName: string): boolean {
  return CORRECTION.test(fileName);
}

const isCopy = (file: string) => COPY.test(file.split('/').pop()!.replace(/\.[^.]*$/, '').trim());

/** A title or footer line dating the return: 填报日期：2025年9月20日, 填表时间 2025-09-20, 报送日期… */
const FILLED_ON = /(?:填报|填表|制表|报送|上报)(?:日期|时间)[:：]?(\d{4}(?:年|[-/.])\d{1,2}(?:月|[-/.])\d{1,2}日?)/;

/** The 填报日期 a line names (its cells joined), as an ISO day; null when it names none. */
export function filledOnIn(cells: readonly string[]): string | null {
  let text = '';
  for (const cell of cells) if (cell) text += compactCell(cell);
  if (!text.includes('日期') && !text.includes('时间')) return null;
  const m = FILLED_ON.exec(text);
  return m ? parseDate(m[1]!) : null;
}

export interface Version {
  /** The file (and sheet), as the manifest names it. */
  file: string;
  sheet: string | null;
  /** SHA-256 of the file's bytes. */
  digest: string;
  /** A digest of the records it gave (and the rows it rejected): equal for a file and the CSV saved from it. */
  records?: string;
  /** The people (names) among its records, for what a replacing version drops and adds. */
  people?: readonly string[];
  /** Its 填报日期, if it gives one. */
  filledOn: string | null;
}

export type VersionOutcome =
  | { version: Version; read: true }
  | { version: Version; read: false; code: 'IDENTICAL_COPY'; by: Version; /** Not the same bytes, but the same records (another format of one table). */ sameRecords?: true }
  | { version: Version; read: false; code: 'SUPERSEDED'; by: Version; reason: 'later_date' | 'correction'; dropped: string[]; added: string[] }
  | { version: Version; read: false; code: 'CONFLICTING_VERSIONS'; others: Version[] };

const nameOf = (v: Version) => `${v.file}${v.sheet ? `［${v.sheet}］` : ''}`;

/** Which of several versions of one export is read, and why each other one is not. `versions` in path order. */
export function decideVersions(versions: readonly Version[]): VersionOutcome[] {
  const outcomes: VersionOutcome[] = [];
  const distinct: Version[] = [];
  // Of identical files, the one not named as a copy comes first.
  const ordered = [...versions].sort((a, b) => Number(isCopy(a.file)) - Number(isCopy(b.file)));
  for (const v of ordered) {
    const same = distinct.find((d) => d.digest === v.digest || (d.records !== undefined && d.records === v.records));
    if (same) outcomes.push({ version: v, read: false, code: 'IDENTICAL_COPY', by: same, ...(same.digest !== v.digest ? { sameRecords: true as const } : {}) });
    else distinct.push(v);
  }
  if (distinct.length === 1) return [{ version: distinct[0]!, read: true }, ...outcomes];

  const dates = distinct.map((v) => v.filledOn);
  const latest = dates.every((d) => d !== null) ? [...dates].sort().pop()! : null;
  const byDate = latest && dates.filter((d) => d === latest).length === 1 ? distinct[dates.indexOf(latest)]! : null;
  const corrected = distinct.filter((v) => isCorrection(v.file.split('/').pop()!));
  const byName = corrected.length === 1 ? corrected[0]! : null;
  const winner = byName ?? byDate;
  if (!winner) return [...distinct.map((v): VersionOutcome => ({ version: v, read: false, code: 'CONFLICTING_VERSIONS', others: distinct.filter((o) => o !== v) })), ...outcomes];
  const reason = byName ? 'correction' : 'later_date';
  const changes = (v: Version) => {
    const before = new Set(v.people ?? []);
    const after = new Set(winner.people ?? []);
    return { dropped: [...before].filter((p) => !after.has(p)), added: [...after].filter((p) => !before.has(p)) };
  };
  return [
    { version: winner, read: true },
    ...distinct.filter((v) => v !== winner).map((v): VersionOutcome => ({ version: v, read: false, code: 'SUPERSEDED', by: winner, reason, ...changes(v) })),
    ...outcomes,
  ];
}

type NotRead = Exclude<VersionOutcome, { read: true }>;

const why = (o: Extract<NotRead, { code: 'SUPERSEDED' }>, winner: string) =>
  o.reason === 'later_date' ? `${winner}的填报日期（${o.by.filledOn}）更晚` : `${winner}的文件名注明是更正后的版本`;

/** Who the version read leaves out and who it adds, by name (at most ten named). */
function changeText(o: Extract<NotRead, { code: 'SUPERSEDED' }>): string {
  const list = (names: readonly string[]) => names.slice(0, 10).join('、') + (names.length > 10 ? '等' : '');
  const parts = [
    o.dropped.length ? `去掉了 ${o.dropped.length} 人（${list(o.dropped)}）` : '',
    o.added.length ? `新增了 ${o.added.length} 人（${list(o.added)}）` : '',
  ].filter(Boolean);
  return parts.length ? `；计入的版本${parts.join('，')}，请核对` : '';
}

/** What a clerk reads about a version not read (its manifest entry, the 数据质量 page). */
export function versionMessage(o: NotRead): string {
  if (o.code === 'CONFLICTING_VERSIONS')
    return `与 ${o.others.map(nameOf).join('、')} 是同一系部同一学期的同一份报表，内容不同，无法判断以哪个为准，均未计入。请删去旧的版本只保留一个文件（或在新版本的文件名中注明“更正”，或在表尾写明填报日期）后重新报送。`;
  if (o.code === 'IDENTICAL_COPY' && o.sameRecords) return `与 ${nameOf(o.by)} 读出的内容完全相同（同一张表另存的另一种格式），未重复计入。`;
  if (o.code === 'IDENTICAL_COPY') return `与 ${nameOf(o.by)} 完全相同（重复放入的副本），未重复计入。`;
  return `已被 ${nameOf(o.by)} 取代（${why(o, ` ${nameOf(o.by)} `)}），未计入${changeText(o)}。`;
}

/** What the version read says about one it replaced (a warning on it). */
export function replacedMessage(o: Exclude<NotRead, { code: 'CONFLICTING_VERSIONS' }>): string {
  if (o.code === 'IDENTICAL_COPY' && o.sameRecords) return `${nameOf(o.version)} 与本文件读出的内容完全相同（同一张表另存的另一种格式），未重复计入。`;
  if (o.code === 'IDENTICAL_COPY') return `${nameOf(o.version)} 与本文件完全相同（重复放入的副本），未重复计入。`;
  return `本文件取代了同一系部同一学期的 ${nameOf(o.version)}（${why(o, '本文件')}），后者未计入${changeText(o)}。`;
}
