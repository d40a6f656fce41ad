/**
 * node test/corpus/make-corpus.ts
 *
 * Writes the files of the bad-input corpus that cannot be kept as plain UTF-8 text: GBK and
 * GB18030, UTF-8 with a BOM, UTF-16LE, CR-only and mixed line endings, a UTF-8 file with a stray
 * GBK byte sequence, .xlsx workbooks (merged titles, several sheets, numeric staff ids), a
 * truncated .xlsx and an encrypted one. The small text cases sit in cases/ as they are; the
 * workbooks that must come from a real office suite are LibreOffice's (office/); the 100,000-row
 * work log is never stored: the test builds it with bigWorklogCsv() into a temporary folder.
 *
 * Deterministic: no clock, no randomness (the zip timestamps inside each .xlsx are fixed), so
 * running it again rewrites identical bytes; test/unit/corpus.test.ts checks that the files on
 * disk are exactly what this script writes.
 */
import iconv from 'iconv-lite';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import writeXlsxFile from 'write-excel-file/node';
import { stampZip } from '../../src/io/stamp-zip.ts';
import { handmadeXlsx } from './handmade-xlsx.ts';

export const CASES_DIR = join(import.meta.dirname, 'cases');

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const bom = (text: string) => new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

/** GBK as Windows Excel writes it; refuses text GBK cannot hold (that is what gb18030() is for). */
function gbk(text: string): Uint8Array {
  const bytes = iconv.encode(text, 'gbk');
  if (iconv.decode(bytes, 'gbk') !== text) throw new Error(`not representable in GBK: ${text.slice(0, 40)}`);
  return new Uint8Array(bytes);
}

function gb18030(text: string): Uint8Array {
  const bytes = iconv.encode(text, 'gb18030');
  if (iconv.decode(bytes, 'gb18030') !== text) throw new Error(`not representable in GB18030: ${text.slice(0, 40)}`);
  return new Uint8Array(bytes);
}

/** Excel's "Unicode 文本": UTF-16LE with a BOM, tab-separated, CRLF. */
const utf16le = (text: string) => concat(new Uint8Array([0xff, 0xfe]), new Uint8Array(iconv.encode(text, 'utf-16le')));

// ───────────────────────────── xlsx ─────────────────────────────

type XCell = string | number | Date | null | { value: string | number | Date; type?: unknown; format?: string; columnSpan?: number; rowSpan?: number };
interface XSheet {
  sheet: string;
  data: XCell[][];
}

/** A text cell Excel keeps as text (format "@"), e.g. a staff id with its leading zeros. */
const txt = (value: string) => ({ value, type: String, format: '@' });
const num = (value: number) => ({ value, type: Number });
const day = (iso: string) => ({ value: new Date(`${iso}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' });
/** A title merged across `width` columns, as clerks lay them out above the header. */
const merged = (value: string, width: number): XCell[] => [{ value, columnSpan: width }, ...Array.from({ length: width - 1 }, () => null)];

function plain(cell: XCell): unknown {
  if (cell === null) return null;
  if (typeof cell === 'string') return { value: cell, type: String };
  if (typeof cell === 'number') return { value: cell, type: Number };
  if (cell instanceof Date) return { value: cell, type: Date, format: 'yyyy-mm-dd' };
  return cell;
}

async function xlsx(sheets: XSheet[]): Promise<Uint8Array> {
  const input = sheets.map((s) => ({ sheet: s.sheet, data: s.data.map((row) => row.map(plain)) }));
  const buffer = await writeXlsxFile(input as never).toBuffer();
  return new Uint8Array(stampZip(Buffer.from(buffer), { year: 2025, month: 9, day: 15, hour: 8, minute: 0 }));
}


/**
 * An OLE compound file (the container of an encrypted .xlsx, as of an old .xls): the CFB header
 * signature and a directory sector naming its streams. Not a complete compound file, but what a
 * reader sees first; enough that no zip reader can mistake it for an .xlsx.
 */
function compoundFile(streams: string[]): Uint8Array {
  const file = Buffer.alloc(512 * 3, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x003e, 24); // minor version
  file.writeUInt16LE(0x0003, 26); // major version 3
  file.writeUInt16LE(0xfffe, 28); // byte order
  file.writeUInt16LE(9, 30); // sector size 512
  file.writeUInt16LE(6, 32); // mini sector size 64
  file.writeUInt32LE(1, 44); // FAT sectors
  file.writeUInt32LE(1, 48); // first directory sector
  file.writeUInt32LE(0x1000, 56); // mini stream cutoff
  file.writeUInt32LE(0xfffffffe, 60);
  file.writeUInt32LE(0xfffffffe, 68);
  for (let i = 76; i < 512; i += 4) file.writeUInt32LE(0xffffffff, i);
  file.writeUInt32LE(0, 76); // DIFAT[0]: FAT in sector 0
  ['Root Entry', ...streams].forEach((name, i) => {
    const at = 512 * 2 + i * 128;
    Buffer.from(name + '\0', 'utf16le').copy(file, at);
    file.writeUInt16LE((name.length + 1) * 2, at + 64);
    file.writeUInt8(i === 0 ? 5 : 2, at + 66);
  });
  return new Uint8Array(file);
}

// ───────────────────────────── the binary cases ─────────────────────────────

const ITEMS_HEADER = '思想素质,工作态度,工作作风,组织能力,分析能力,创新能力,工作效率,到岗,到位,到会,工作完成情况,日常管理效果,活动开展效果,突发事件处理';
export { ITEMS_HEADER };

/** Every generated file, by path relative to cases/. */
export async function corpusFiles(): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const add = (path: string, bytes: Uint8Array) => files.set(path, bytes);

  // Windows Excel's "CSV (逗号分隔)": GBK, no BOM, CRLF; title line, quoted thousands, 合计.
  add(
    '01-gbk-no-bom/2025-2026-1/机电工程系/机电工程系在校生人数.csv',
    gbk(
      crlf(
        '机电工程系2025-2026学年第一学期在校生人数统计表,,,\n' +
          '序号,系部,年级,在校生人数\n' +
          '1,机电工程系,2023级,398\n' +
          '2,机电工程系,2024级,"1,020"\n' +
          '3,机电工程系,2025级,412\n' +
          ',合计,,"1,830"\n',
      ),
    ),
  );

  // "CSV UTF-8": the BOM sits right before the first header cell (工号).
  add(
    '02-utf8-bom/2025-2026-1/信息工程系/辅导员名册.csv',
    bom(crlf('工号,姓名,系部,专兼职,所带学生数\n002001,陈静,信息工程系,专职,198\n002002,刘洋,信息工程系,专职,205\n002003,孙丽,信息工程系,兼职,\n')),
  );

  // Excel's "Unicode 文本" renamed to .csv: UTF-16LE with BOM, tabs, a comma inside a cell.
  add(
    '03-utf16le-tab/2025-2026-1/经济管理系/培训记录.csv',
    utf16le(
      crlf(
        '工号\t姓名\t系部\t培训名称\t级别\t学时\t日期\n' +
          '003001\t周敏\t经济管理系\t新入职辅导员岗前培训\t校级\t16\t2025-09-05\n' +
          '003002\t吴刚\t经济管理系\t自治区高校辅导员骨干培训班\t自治区级\t32\t2025/10/20\n' +
          '003003\t郑洁\t经济管理系\t心理危机干预, 实务与案例\t省级\t8\t2025年11月3日\n',
      ),
    ),
  );

  // Names GBK cannot hold (䶮 U+4DAE, 𠀾 U+2003E): four-byte GB18030 sequences.
  add(
    '04-gb18030-only-char/2025-2026-1/医学护理系/辅导员名册.csv',
    gb18030(crlf('序号,工号,姓名,系部,专兼职\n1,004001,刘䶮,医学护理系,专职\n2,004002,王𠀾,医学护理系,兼职\n3,004003,张敏,医学护理系,专职\n')),
  );

  // A UTF-8 file with one cell pasted in GBK: not valid UTF-8, so the whole file is read as GB18030.
  add(
    '05-mixed-encoding/2025-2026-1/建筑工程系/辅导员名册.csv',
    concat(
      utf8('工号,姓名,系部,专兼职\n005001,何军,建筑工程系,专职\n005002,'),
      gbk('罗静'),
      utf8(',建筑工程系,兼职\n'),
    ),
  );

  // Line endings: CR only (old Mac Excel), and CRLF with stray LF lines (a file edited by hand).
  add('55-cr-only-line-endings/2025-2026-1/学工部/在校生人数.csv', utf8('序号,系部,在校生人数\r1,机电工程系,1830\r2,信息工程系,880\r'));
  add(
    '56-mixed-line-endings/2025-2026-1/学工部/在校生人数.csv',
    utf8('序号,系部,在校生人数\r\n1,机电工程系,1830\n2,信息工程系,880\r\n3,经济管理系,760\r\n'),
  );

  // An encrypted workbook (Excel "用密码进行加密") is an OLE compound file, not a zip.
  add('36-password-protected-xlsx/2025-2026-1/机电工程系/辅导员名册.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage']));

  // A workbook cut short (e-mail attachment or copy interrupted): the zip's first half.
  const whole = await xlsx([
    {
      sheet: '辅导员名册',
      data: [
        ['工号', '姓名', '系部', '专兼职'],
        [txt('001001'), '王芳', '机电工程系', '专职'],
        [txt('001002'), '李强', '机电工程系', '兼职'],
      ],
    },
  ]);
  add('37-corrupt-xlsx/2025-2026-1/机电工程系/辅导员名册.xlsx', whole.subarray(0, Math.floor(whole.length / 2)));

  // One workbook: enrollment, an empty Sheet2, and training (date cells typed as dates).
  add(
    '39-multi-sheet-workbook/2025-2026-1/经济管理系/经济管理系报表.xlsx',
    await xlsx([
      {
        sheet: '在校生人数',
        data: [
          ['系部', '年级', '在校生人数'],
          ['经济管理系', '2024级', num(420)],
          ['经济管理系', '2025级', num(380)],
          ['合计', null, num(800)],
        ],
      },
      { sheet: 'Sheet2', data: [] },
      {
        sheet: '培训记录',
        data: [
          ['工号', '姓名', '系部', '培训名称', '级别', '学时', '培训日期'],
          [txt('003001'), '周敏', '经济管理系', '辅导员素质能力提升培训', '校级', num(8), day('2025-09-20')],
          [txt('003002'), '吴刚', '经济管理系', '全国高校辅导员网络培训', '国家级', num(12.5), day('2025-10-11')],
          [txt('003003'), '郑洁', '经济管理系', '市级心理健康教育培训', '市级', num(6), day('2025-11-02')],
        ],
      },
    ]),
  );

  // Merged title lines above the header, merged footer, semester only in the title.
  add(
    '40-merged-title-xlsx/医学护理系/医学护理系在校生人数.xlsx',
    await xlsx([
      {
        sheet: '在校生人数',
        data: [
          merged('医学护理系2025-2026学年第一学期在校生人数统计表', 5),
          merged('填报单位：医学护理系　　　　　　单位：人', 5),
          ['序号', '系部', '年级', '在校生人数', '备注'],
          [num(1), '医学护理系', '2023级', num(310), null],
          [num(2), '医学护理系', '2024级', { value: 1020, type: Number, format: '#,##0' }, null],
          [num(3), '医学护理系', '2025级', '356', '含专升本'],
          [null, '合计', null, { value: 1686, type: Number, format: '#,##0' }, null],
          [null, null, null, null, null],
          merged('填表人：林老师　　　　审核人：黄主任', 5),
          merged('2025年9月15日', 5),
        ],
      },
    ]),
  );

  // Staff ids as text, kept with their leading zeros (the CSV beside it is a text case).
  add(
    '50-leading-zero-ids-text/2025-2026-1/信息工程系/辅导员名册.xlsx',
    await xlsx([
      {
        sheet: '辅导员名册',
        data: [
          ['工号', '姓名', '系部', '专兼职'],
          [txt('002001'), '陈静', '信息工程系', '专职'],
          [txt('002002'), '刘洋', '信息工程系', '兼职'],
        ],
      },
    ]),
  );

  // Staff ids typed as numbers: Excel dropped the leading zeros of two of them.
  add(
    '51-numeric-ids-xlsx/2025-2026-1/建筑工程系/辅导员名册.xlsx',
    await xlsx([
      {
        sheet: '辅导员名册',
        data: [
          ['工号', '姓名', '系部', '专兼职'],
          [txt('005001'), '何军', '建筑工程系', '专职'],
          [txt('005002'), '罗静', '建筑工程系', '专职'],
          [txt('005003'), '高峰', '建筑工程系', '兼职'],
          [num(5004), '梁红', '建筑工程系', '专职'],
          [num(5010), '宋杰', '建筑工程系', '兼职'],
        ],
      },
    ]),
  );

  // A template workbook: the roster and a sheet of filling instructions.
  add(
    '64-instruction-sheet/2025-2026-1/机电工程系/辅导员名册.xlsx',
    await xlsx([
      {
        sheet: '辅导员名册',
        data: [
          ['工号', '姓名', '系部', '专兼职'],
          [txt('001001'), '王芳', '机电工程系', '专职'],
        ],
      },
      {
        sheet: '填表说明',
        data: [['1. 工号按人事处编号填写，设置为文本格式。'], ['2. 专兼职填写“专职”或“兼职”。'], ['3. 请勿修改表头。']],
      },
    ]),
  );

  // 系部 merged down the rows of one department (a common report layout).
  add(
    '66-merged-department-cells-xlsx/2025-2026-1/医学护理系/在校生人数.xlsx',
    await xlsx([
      {
        sheet: '在校生人数',
        data: [
          ['系部', '年级', '在校生人数'],
          [{ value: '医学护理系', rowSpan: 3 }, '2023级', num(310)],
          [null, '2024级', num(1020)],
          [null, '2025级', num(356)],
        ],
      },
    ]),
  );

  // Excel's lock file beside the workbook it belongs to, and macOS's AppleDouble shadow of a CSV.
  add('65-lock-and-hidden-files/2025-2026-1/机电工程系/~$在校生人数.xlsx', concat(utf8('\u0006张老师'), new Uint8Array(150)));
  add('65-lock-and-hidden-files/2025-2026-1/机电工程系/._在校生人数.csv', concat(new Uint8Array([0, 5, 22, 7, 0, 2, 0, 0]), utf8('Mac OS X        '), new Uint8Array(60)));

  // ── hidden and duplicated data, invisible characters, hostile files (issue 10) ──

  // A "very hidden" sheet (Excel: only VBA can show it again) of last term's numbers, beside the visible one.
  add(
    '84-very-hidden-sheet/2025-2026-1/医学护理系/在校生人数.xlsx',
    handmadeXlsx([
      { name: '在校生人数', rows: [['系部', '年级', '在校生人数'], ['医学护理系', '2024级', 512], ['医学护理系', '2025级', 498]] },
      { name: '上学期', state: 'veryHidden', rows: [['系部', '年级', '在校生人数'], ['医学护理系', '2023级', 470], ['医学护理系', '2024级', 515]] },
    ]),
  );

  // Invisible characters where a clerk cannot see them: a zero-width space, a NUL, a BOM, a soft
  // hyphen and a direction mark inside 系部 and 姓名 cells (pasted from a web system).
  add(
    '97-invisible-characters/2025-2026-1/学工部/辅导员名册.csv',
    utf8(
      '工号,姓名,系部,专兼职\n' +
        '001001,王芳,机电工程系,专职\n' +
        '001002,李强,机电\u200b工程系,专职\n' +
        '001003,张\u0000伟,机电工程系\u0000,兼职\n' +
        '001004,赵\u00ad敏,\ufeff机电工程系,专职\n' +
        '002001,陈静,\u200e信息工程系,专职\n',
    ),
  );
  add('97-invisible-characters/2025-2026-1/学工部/在校生人数.csv', utf8('系部,在校生人数\n机电工程系,1830\n信息\u2060工程系,880\n'));

  // One stray cell in column XFD on each of 20,000 rows under a dimension of A1:XFD1048576
  // (a 100 KB file that needed 2.8 GB when every row was built out to 16,384 cells).
  add(
    '106-stray-cells-xfd/2025-2026-1/汽车工程系/在校生人数.xlsx',
    handmadeXlsx([
      {
        name: '在校生人数',
        rows: [['系部', '年级', '在校生人数'], ['汽车工程系', '2024级', 402], ['汽车工程系', '2025级', 388]],
        far: Array.from({ length: 20_000 }, (_, i): [string, string] => [`XFD${i + 5}`, 'x']),
        dimension: 'A1:XFD1048576',
      },
    ]),
  );

  // A workbook far larger unpacked than packed (the test lowers the limit: 1 MB of sheet XML is over it).
  add(
    '107-workbook-unpacks-too-large/2025-2026-1/汽车工程系/辅导员工作记录.xlsx',
    handmadeXlsx([
      {
        name: '工作记录',
        rows: [['工号', '姓名', '系部', '周次', '谈心谈话'], ...Array.from({ length: 20_000 }, () => ['006001', '孙力', '汽车工程系', 3, 5])],
      },
    ]),
  );
  add('107-workbook-unpacks-too-large/2025-2026-1/汽车工程系/在校生人数.csv', utf8('系部,在校生人数\n汽车工程系,790\n'));

  // Files that are not exports, beside one that is: each listed as not read, with its reason.
  add('109-other-extensions/2025-2026-1/机电工程系/在校生人数.csv', utf8('系部,在校生人数\n机电工程系,1830\n'));
  add('109-other-extensions/2025-2026-1/机电工程系/辅导员名册.docx', concat(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), new Uint8Array(60)));
  add('109-other-extensions/2025-2026-1/机电工程系/考核结果扫描件.pdf', utf8('%PDF-1.4\n%\u00e2\u00e3\n'));
  add('109-other-extensions/2025-2026-1/机电工程系/全部报表.zip', concat(new Uint8Array([0x50, 0x4b, 0x05, 0x06]), new Uint8Array(18)));
  add('109-other-extensions/2025-2026-1/机电工程系/签字页.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]));
  add('109-other-extensions/2025-2026-1/机电工程系/说明.txt', utf8('本文件夹为机电工程系 2025-2026 学年第一学期报送材料。\n'));

  // Tab-separated text as Excel saves it: 文本文件(制表符分隔) in GBK, and a .tsv in UTF-8.
  add('110-tab-separated-text/2025-2026-1/机电工程系/辅导员名册.txt', gbk(crlf('工号\t姓名\t系部\t专兼职\n001001\t王芳\t机电工程系\t专职\n001002\t李强\t机电工程系\t兼职, 教师\n')));
  add('110-tab-separated-text/2025-2026-1/信息工程系/在校生人数.tsv', utf8('系部\t年级\t在校生人数\n信息工程系\t2024级\t"1,020"\n'));

  // Text in encodings other than GBK, UTF-8 and UTF-16LE with a BOM.
  const table = '系部,在校生人数\n建筑工程系,1250\n';
  add('111-other-encodings/2025-2026-1/建筑工程系/在校生人数.csv', new Uint8Array(iconv.encode(table, 'utf-16le')));
  add('111-other-encodings/2025-2026-1/经济管理系/在校生人数.csv', concat(new Uint8Array([0xfe, 0xff]), new Uint8Array(iconv.encode('系部,在校生人数\n经济管理系,960\n', 'utf-16be'))));
  add('111-other-encodings/2025-2026-1/外国语学院/在校生人数.csv', new Uint8Array(iconv.encode('系部,在校生人數\n外國語學院,640\n', 'big5')));

  // A workbook saved under a .csv name (a web system's download): read as the workbook it is.
  add(
    '112-workbook-named-csv/2025-2026-1/经济管理系/在校生人数.csv',
    handmadeXlsx([{ name: 'Sheet1', rows: [['系部', '年级', '在校生人数'], ['经济管理系', '2024级', 470], ['经济管理系', '2025级', 490]] }]),
  );

  // A GBK roster as a 学工 system exports it, with its footer lines written without 人 (制表：… 审核：…),
  // a 复核人 and a 制表单位 line, and a lone date (issue 21: the footer was rejected as 工号不能为空).
  add(
    '121-csv-footers-gbk/2025-2026-1/医学护理系/辅导员名册.csv',
    gbk(crlf('工号,姓名,专兼职\n004001,郑雪,专职\n004002,梁晨,兼职\n制表：何颖,,审核：林涛\n复核人：宋平,,\n制表单位：医学护理系学工办,,\n统计人：唐慧,,\n,,2026年1月10日\n')),
  );

  // A training list grouped by course, as Excel saves it: 培训项目, 主办单位, 级别, 培训时间 (a span of
  // days) and 学时 (a number) merged down each course's attendees, then a 合计 row (issue 21: 11 of
  // such rows were rejected as 学时不能为空 and the spans as BAD_DATE).
  const mergeCells = (refs: string[]) => `<mergeCells count="${refs.length}">${refs.map((r) => `<mergeCell ref="${r}"/>`).join('')}</mergeCells>`;
  add(
    '122-training-grouped-by-course/2025-2026-1/机电工程系/辅导员培训情况统计表.xlsx',
    handmadeXlsx([
      {
        name: '培训记录',
        rows: [
          ['2025年机电工程系辅导员培训情况统计表'],
          ['序号', '培训项目', '主办单位', '级别', '培训时间', '学时', '工号', '姓名'],
          [1, '心理危机干预专题培训', '学生工作部', '校级', '2025.11.20-11.21', 16, '001001', '王芳'],
          [2, null, null, null, null, null, '001002', '李强'],
          [3, null, null, null, null, null, '001003', '张伟'],
          [4, '自治区高校辅导员骨干培训班', '自治区教育厅', '自治区级', '2025年8月18日-22日', 40, '001001', '王芳'],
          [5, null, null, null, null, null, '001004', '赵敏'],
          ['合计', null, null, null, null, 128, null, null],
        ],
        after: mergeCells(['A1:H1', 'B3:B5', 'C3:C5', 'D3:D5', 'E3:E5', 'F3:F5', 'B6:B7', 'C6:C7', 'D6:D7', 'E6:E7', 'F6:F7']),
      },
    ]),
  );

  // 出生年月 typed as numbers: 1990.1 formatted with two decimals shows 1990.10 (October); 1985.1 in
  // General shows 1985.1 (January, or October with its 0 lost: warned).
  add(
    '123-birth-month-as-number/2025-2026-1/建筑工程系/辅导员名册.xlsx',
    handmadeXlsx([
      {
        name: 'Sheet1',
        rows: [
          ['工号', '姓名', '专兼职', '出生年月'],
          ['005001', '冯佳', '专职', { number: 1990.1, style: 4 }],
          ['005002', '邓磊', '专职', 1985.1],
        ],
      },
    ]),
  );

  // The workbook a CSV was saved from, sent together with it: the same records, two formats.
  add(
    '125-xlsx-and-csv-same-rows/2025-2026-1/信息工程系/在校生人数.xlsx',
    handmadeXlsx([{ name: 'Sheet1', rows: [['系部', '年级', '在校生人数'], ['信息工程系', '2024级', 470], ['信息工程系', '2025级', 490]] }]),
  );

  // A personnel form's two-level header: 学历 over 最高学历 | 最高学位, 职称 over 职称 | 取得时间, the
  // other headings merged down both rows (issue 21: such a roster was set aside).
  add(
    '126-two-level-header-roster/2025-2026-1/汽车工程系/辅导员基本情况表.xlsx',
    handmadeXlsx([
      {
        name: 'Sheet1',
        rows: [
          ['工号', '姓名', '专兼职', '学历', null, '职称', null],
          [null, null, null, '最高学历', '最高学位', '职称', '取得时间'],
          ['006001', '宋平', '专职', '硕士研究生', '硕士', '讲师', '2019.12'],
          ['006002', '唐慧', '专职', '大学本科', '学士', '助教', '2021.07'],
        ],
        after: mergeCells(['A1:A2', 'B1:B2', 'C1:C2', 'D1:E1', 'F1:G1']),
      },
    ]),
  );

  // A three-level header: 个人信息 over 学历 (最高学历 | 最高学位), 职称 (职称 | 取得时间), and 出生年月,
  // 性别 merged down two levels; 工号, 姓名, 专兼职 merged down all three.
  add(
    '130-three-level-header/2025-2026-1/汽车工程系/辅导员信息表.xlsx',
    handmadeXlsx([
      {
        name: 'Sheet1',
        rows: [
          ['工号', '姓名', '专兼职', '个人信息', null, null, null, null, null],
          [null, null, null, '学历', null, '职称', null, '出生年月', '性别'],
          [null, null, null, '最高学历', '最高学位', '职称', '取得时间', null, null],
          ['006003', '韩梅', '专职', '硕士研究生', '硕士', '讲师', '2019.12', '1990年5月', '女'],
          ['006004', '曹阳', '专职', '大学本科', '学士', '助教', '2021.07', '1995年11月', '男'],
        ],
        after: mergeCells(['A1:A3', 'B1:B3', 'C1:C3', 'D1:I1', 'D2:E2', 'F2:G2', 'H2:H3', 'I2:I3']),
      },
    ]),
  );

  // A work diary exported by a 学工 system one row per activity (序号, 日期, 工号, 姓名, 工作类型, 次数), as
  // Excel saves it: a merged title, dates as date cells, IDs as text. Two activities of one day,
  // one activity on two days with the same count, one row entered twice, and 班级卫生评比, which
  // no norm counts.
  const serial = (iso: string) => ({ number: Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000), style: 3 });
  const perActivity: Array<[string, string, string, string, number]> = [
    ['2025-09-01', '002001', '陈静', '谈心谈话', 3],
    ['2025-09-01', '002001', '陈静', '查课', 1],
    ['2025-09-02', '002001', '陈静', '深入课堂听课', 1],
    ['2025-09-03', '002001', '陈静', '谈心谈话', 2],
    ['2025-09-03', '002001', '陈静', '走访学生宿舍', 1],
    ['2025-09-04', '002001', '陈静', '宿舍卫生检查', 2],
    ['2025-09-05', '002001', '陈静', '查课', 1],
    ['2025-09-05', '002001', '陈静', '走访学生宿舍', 1],
    ['2025-09-08', '002001', '陈静', '谈心谈话', 2],
    ['2025-09-09', '002001', '陈静', '查课', 2],
    ['2025-09-10', '002001', '陈静', '个别谈心', 2],
    ['2025-09-10', '002001', '陈静', '参加班会', 1],
    ['2025-09-11', '002001', '陈静', '宿舍卫生检查', 1],
    ['2025-09-12', '002001', '陈静', '走访学生宿舍', 1],
    ['2025-09-02', '002002', '刘洋', '谈心谈话', 6],
    ['2025-09-02', '002002', '刘洋', '查课', 2],
    ['2025-09-04', '002002', '刘洋', '宿舍卫生检查', 1],
    ['2025-09-04', '002002', '刘洋', '宿舍卫生检查', 1],
    ['2025-09-05', '002002', '刘洋', '走访学生宿舍', 2],
    ['2025-09-05', '002002', '刘洋', '深入课堂听课', 1],
    ['2025-09-09', '002002', '刘洋', '谈心谈话', 5],
    ['2025-09-10', '002002', '刘洋', '查课', 1],
    ['2025-09-11', '002002', '刘洋', '宿舍卫生检查', 2],
    ['2025-09-12', '002002', '刘洋', '走访学生宿舍', 1],
    ['2025-09-12', '002002', '刘洋', '班级卫生评比', 1],
  ];
  add(
    '131-work-diary-per-activity/2025-2026-1/信息工程系/辅导员工作日志.xlsx',
    handmadeXlsx([
      {
        name: '工作日志',
        rows: [
          ['信息工程系辅导员工作日志明细'],
          ['序号', '日期', '工号', '姓名', '工作类型', '次数'],
          ...perActivity.map(([date, id, who, what, times], i) => [i + 1, serial(date), id, who, what, times]),
        ],
        after: mergeCells(['A1:F1']),
      },
    ]),
  );
  // The same shape saved by Excel as "CSV (逗号分隔)": GBK, dates as shown (2025/9/1), 活动类别 and 人次
  // for its headings, a 填表人 footer. 宿舍卫生检查 is never named: that norm is not reported, not 0.
  add(
    '131-work-diary-per-activity/2025-2026-1/汽车工程系/辅导员工作日志.csv',
    gbk(
      crlf(
        [
          '汽车工程系辅导员工作日志（学工系统导出）,,,,,',
          '序号,日期,工号,姓名,活动类别,人次',
          '1,2025/9/1,006001,宋平,谈心谈话,2',
          '2,2025/9/2,006001,宋平,谈心谈话,3',
          '3,2025/9/2,006001,宋平,查课,2',
          '4,2025/9/3,006001,宋平,走访宿舍,2',
          '5,2025/9/4,006001,宋平,听课,1',
          '6,2025/9/8,006001,宋平,谈心谈话,2',
          '7,2025/9/10,006001,宋平,查课,2',
          '8,2025/9/10,006001,宋平,谈心谈话,2',
          '9,2025/9/12,006001,宋平,走访宿舍,1',
          '填表人：唐慧,,,审核人：韩梅,,',
        ].join('\n') + '\n',
      ),
    ),
  );

  // 在校生人数 split under its heading into 一年级 | 二年级 | 三年级 (merged across them, 序号 and 系部 merged
  // down both rows), as Excel saves a 学工部 summary: the parts of the whole, added up. 经济管理系 left its
  // 二年级 blank (no sum: never read as 0); the 合计 row is skipped.
  add(
    '132-parts-summed/2025-2026-1/学工部/各系在校生人数统计表.xlsx',
    handmadeXlsx([
      {
        name: 'Sheet1',
        rows: [
          ['序号', '系部', '在校生人数', null, null],
          [null, null, '一年级', '二年级', '三年级'],
          [1, '机电工程系', 420, 390, 380],
          [2, '信息工程系', 310, 290, 240],
          [3, '经济管理系', 300, null, 280],
          ['合计', null, 1030, 680, 900],
        ],
        after: mergeCells(['A1:A2', 'B1:B2', 'C1:E1']),
      },
    ]),
  );

  return files;
}

// ───────────────────────────── the big work log ─────────────────────────────

const DEPARTMENTS = ['机电工程系', '信息工程系', '经济管理系', '医学护理系', '建筑工程系', '数学与物理学院', '艺术设计系', '汽车工程系', '旅游与酒店管理系', '外国语学院'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建林颖琳晨雪慧婷宇';

/**
 * The 100,000-row work log (GBK, CRLF, as Windows Excel writes it): `rows / 20` counselors × 20
 * weeks of 2025-2026-1, every row valid, no person in two departments, no two rows alike.
 */
export function bigWorklogCsv(rows = 100_000): Uint8Array {
  const people = Math.ceil(rows / 20);
  const lines = ['工号,姓名,系部,周次,谈心谈话,查课,宿舍卫生检查,深入宿舍,听课,工作时长'];
  let state = 20250915;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  for (let i = 0; i < rows; i++) {
    const person = i % people;
    const week = Math.floor(i / people) + 1;
    const id = String(100000 + person).padStart(6, '0');
    const name = SURNAMES[person % SURNAMES.length]! + GIVEN[Math.floor(person / SURNAMES.length) % GIVEN.length]! + (person >= SURNAMES.length * GIVEN.length ? String(person) : '');
    const department = DEPARTMENTS[person % DEPARTMENTS.length]!;
    lines.push([id, name, department, week, 3 + next(6), 1 + next(3), 1 + next(3), 1 + next(3), next(3), 30 + next(15)].join(','));
  }
  return gbk(lines.join('\r\n') + '\r\n');
}

// ───────────────────────────── main ─────────────────────────────

async function main(): Promise<void> {
  const files = await corpusFiles();
  for (const [path, bytes] of files) {
    const target = join(CASES_DIR, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  process.stdout.write(`wrote ${files.size} files below ${CASES_DIR}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
