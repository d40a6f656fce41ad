/**
 * What is in the input folder: the files the ingest reads, and every other file with the reason
 * it is not read — nothing is passed over silently. Folders are walked in code-point order of
 * their relative paths (stable across machines). A symbolic link is followed when it leads to a
 * file or folder inside the input folder, and listed as not read when it leads outside it, loops,
 * or leads nowhere.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { readerFor } from './readers/index.ts';

/** A file not read, and why (for the manifest, the run's summary and the 数据质量 page). */
export interface NotRead {
  file: string;
  reason: string;
}

export interface InputListing {
  /** Files to read, relative to the input folder, with forward slashes, in code-point order. */
  files: string[];
  notRead: NotRead[];
}

/** The settings file of the input folder (run.ts), read as rules, not as an export. */
export const LOCAL_RULES_FILE = 'rules.json';

/** Why a file with this extension is not read, as a clerk would act on it. */
const NOT_READ_BY_EXTENSION: ReadonlyArray<[RegExp, string]> = [
  [/^\.(zip|rar|7z|tar|gz|tgz|bz2|xz)$/, '压缩包，未读取。请解压后把其中的报表放入报送文件夹。'],
  [/^\.(doc|docx|wps|rtf|odt)$/, 'Word 文档，其中的表格无法读取。请把表格复制到 Excel，另存为 .xlsx 后报送。'],
  [/^\.(pdf|ofd)$/, 'PDF/OFD 文件，无法读取其中的表格。请报送 Excel 或 CSV 原表。'],
  [/^\.(jpg|jpeg|png|gif|bmp|tif|tiff|heic|webp)$/, '图片，无法读取。请报送 Excel 或 CSV 原表。'],
  [/^\.(numbers|dbf|mdb|accdb)$/, '此格式无法读取。请在原软件中另存为 .xlsx 或 CSV 后报送。'],
  [/^\.json$/, '不是报表文件（设置文件只读取输入文件夹中的 rules.json）。'],
];

/** Files the system and office programs leave beside documents: never exports. */
const SYSTEM_FILE = /^(\.|~\$|Thumbs\.db$|desktop\.ini$|\.DS_Store$)/i;

function notReadReason(name: string): string | null {
  if (SYSTEM_FILE.test(name)) return name.startsWith('~$') ? 'Office 打开文件时留下的临时锁文件，不是报表，未读取。' : '系统或隐藏文件，不是报表，未读取。';
  if (readerFor(name)) return null;
  const ext = extname(name).toLowerCase();
  return NOT_READ_BY_EXTENSION.find(([pattern]) => pattern.test(ext))?.[1] ?? `不是本系统能读取的报表格式（${ext || '没有扩展名'}），未读取。请报送 Excel（.xlsx、.xls）或 CSV 文件。`;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The files below `dir` to read, and those not read with their reasons. */
export async function listInputs(dir: string): Promise<InputListing> {
  const root = await realpath(dir);
  const files: string[] = [];
  const notRead: NotRead[] = [];
  /** Real paths of the folders being walked: a link back into one of them is a loop. */
  const walking = new Set<string>();

  const walk = async (real: string, shown: string): Promise<void> => {
    walking.add(real);
    const entries: Dirent[] = await readdir(real, { withFileTypes: true });
    entries.sort((a, b) => byCodePoint(a.name, b.name));
    for (const entry of entries) {
      const path = shown ? `${shown}/${entry.name}` : entry.name;
      let target = join(real, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          target = await realpath(target);
        } catch {
          notRead.push({ file: path, reason: '快捷方式（符号链接）指向的文件不存在，未读取。' });
          continue;
        }
        if (target !== root && !target.startsWith(root + sep)) {
          notRead.push({ file: path, reason: '快捷方式（符号链接）指向报送文件夹以外的位置，未读取。请把文件本身放入报送文件夹。' });
          continue;
        }
        const info = await stat(target);
        isDir = info.isDirectory();
        isFile = info.isFile();
        if (isDir && walking.has(target)) {
          notRead.push({ file: path, reason: '快捷方式（符号链接）指回它所在的文件夹，形成循环，未读取。' });
          continue;
        }
      }
      if (isDir) await walk(target, path);
      else if (isFile) {
        if (!shown && entry.name === LOCAL_RULES_FILE) continue; // the folder's own settings
        const reason = notReadReason(entry.name);
        if (reason) notRead.push({ file: path, reason });
        else files.push(path);
      }
    }
    walking.delete(real);
  };
  await walk(root, '');
  files.sort(byCodePoint);
  notRead.sort((a, b) => byCodePoint(a.file, b.file));
  return { files, notRead };
}
