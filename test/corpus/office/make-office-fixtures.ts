/**
 * node test/corpus/office/make-office-fixtures.ts [case-folder…]   (needs LibreOffice: apt-get install libreoffice-calc)
 *
 * Writes the corpus workbooks that must be what a real office suite saves — genuine BIFF8 .xls,
 * Excel-style .xlsx and .xlsm with merged cells, seed 000's printed forms — by describing each
 * as a flat OpenDocument file (fods.ts) and having LibreOffice (soffice --headless --convert-to)
 * save it. Run once; the files are committed (CI has no LibreOffice, and the tests never call
 * it). LibreOffice stamps the time into what it writes, so a new run changes the bytes, not the
 * cells: the corpus table checks what is read from them.
 *
 * Not made here: a genuine WPS .et (no WPS on this machine; LibreOffice cannot write .et), and a
 * password-protected workbook (LibreOffice's command line cannot set a password).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fods, type FodsCell, type FodsRow, type FodsSheet } from './fods.ts';

const CASES = join(import.meta.dirname, '..', 'cases');

/**
 * LibreOffice's export filters by extension; .txt is Excel's "Unicode 文本": UTF-16LE with a BOM
 * (character set 65535), tab-separated (9), text not quoted.
 */
const FILTERS = {
  xlsx: 'xlsx:Calc MS Excel 2007 XML',
  xls: 'xls:MS Excel 97',
  xlsm: 'xlsm:Calc MS Excel 2007 VBA XML',
  txt: 'txt:Text - txt - csv (StarCalc):9,34,65535,1,,0,false,true,true',
} as const;

interface Fixture {
  path: string;
  sheets: FodsSheet[];
  /** Keep only the first half of the saved file (a workbook cut short in transfer). */
  truncate?: boolean;
  /** The workbook counts days from 1904-01-01 (Excel for Mac's old date system). */
  date1904?: boolean;
}

const line = (text: string, width: number): FodsCell[] => [{ text, cols: width }, ...Array.from({ length: width - 1 }, () => null)];
const id = (text: string): FodsCell => ({ text });

/** A plain roster sheet: 工号 (as text), 姓名, 系部, 专兼职. */
const roster = (dept: string, people: Array<[string, string, string]>): FodsSheet => ({
  name: '辅导员名册',
  rows: [['工号', '姓名', '系部', '专兼职'], ...people.map(([staffId, name, type]) => [id(staffId), name, dept, type])],
});

// ───────────────────────────── seed 000's forms ─────────────────────────────

/** The 考核量化表's 14 items as seed 000 prints them: dimension, item (with its line break), what is assessed, maximum. */
const ITEMS: Array<[string, string, string, number]> = [
  ['德\n15%', '思想\n素质', '思想品行好，政治觉悟高，政治方向正确、坚定，诚实守信，敬业奉献。', 5],
  ['', '工作\n态度', '热爱本职工作，责任心强，热心服务同学，工作踏实肯干。', 5],
  ['', '工作\n作风', '经常深入到班级和学生当中，及时发现和掌握学生的思想动态。', 5],
  ['能\n30%', '组织\n能力', '认真实施院系的思想政治教育计划，配合辅导员开展思想教育活动和常规管理。', 10],
  ['', '分析\n能力', '善于发现、分析学生的学习、工作、生活、就业等方面存在的问题。', 5],
  ['', '创新\n能力', '组织开展的活动新颖、有特色，积极探索工作新思路、新方法。', 5],
  ['', '工作\n效率', '对相关部门或系安排的工作不推诿、不拖拉，少出错，能高效圆满完成。', 10],
  ['勤\n20%', '到岗', '对分管的年级全面负责，坚持每周进一次学生寝室，每月参加一次班级活动。', 10],
  ['', '到位', '对分管工作务实、负责，埋头苦干，处理问题及时到位，工作热情高。', 5],
  ['', '到会', '能按时参加系召开的各种有关工作会议。', 5],
  ['绩\n25%', '工作完成情况', '能出色完成岗位工作和系布置的各项任务。', 10],
  ['', '日常管理效果', '负责管理的年级早读、晚自修、黑板报等常规管理方面受到表彰。', 5],
  ['', '活动开展效果', '负责管理的年级文明宿舍率高、卫生达标率高。', 5],
  ['', '突发事件处理', '负责管理年级学生中无发生重大事故，或有发生但能及时反映。', 5],
];
const DIMENSION_ROWS = [3, 4, 3, 4];

/** One 考核量化表 as seed 000 lays it out (A: 项目 merged down each dimension, B: item, C: 考核内容, D: 分值, E: 考核成绩). */
function quantifiedForm(sheet: string, person: string, department: string, date: string, scores: Array<number | null>, total: number | null, grade: string): FodsSheet {
  const rows: Array<FodsCell[] | FodsRow> = [
    line('郴州职业技术学院辅导员（班主任）助理工作考核量化表', 5),
    line(`考核对象：${person}                考核部门：${department}                时间：${date}`, 5),
    [{ text: '项  目', cols: 2 }, null, '考核内容', '分  值', '考核成绩'],
  ];
  let dimension = 0;
  ITEMS.forEach(([dim, item, content, max], i) => {
    const first: FodsCell = dim ? { text: dim, rows: DIMENSION_ROWS[dimension++] } : null;
    rows.push([first, item, content, max, scores[i] ?? null]);
  });
  rows.push([{ text: '合     计', cols: 3 }, null, null, 100, total]);
  rows.push([{ text: '等    次', cols: 2 }, null, grade, '指导老师签名', null]);
  rows.push([{ text: '考核部门意 见', cols: 2 }, null, { text: '（公章）             年    月    日', cols: 3 }, null, null]);
  rows.push(line('说明：考核成绩90分以上为优秀；90～75分为良好；74～60分为合格；60分以下为不合格。', 5));
  return { name: sheet, rows };
}

/** One 考核登记表 as seed 000 lays it out. */
function registerForm(name: string, sex: string, political: string, phone: string, klass: string, date: string, result: string): FodsSheet {
  return {
    name: 'Sheet1',
    rows: [
      line('郴州职业技术学院辅导员（班主任）助理考核登记表', 4),
      line(`填表时间：${date}`, 4),
      ['姓  名', name, '性  别', sex],
      ['政治面貌', political, '联系方式', id(phone)],
      ['受聘班级及人数', { text: klass, cols: 3 }, null, null],
      [{ text: '自我总评', rows: 3 }, '工作内容', { text: '协助辅导员做好班级日常管理，每周深入寝室。', cols: 2 }, null],
      [null, '工作效果', { text: '班级学风良好，文明寝室率提高。', cols: 2 }, null],
      [null, '存在问题', { text: '与任课教师沟通还不够。', cols: 2 }, null],
      ['考核成绩', result, { text: '聘用系部负责人签字：王主任    2026年1月12日', cols: 2 }, null],
      line('注：1、本表一式二份，一份系留存，一份报送学生处。2、考核成绩记优秀、良好、合格、不合格。', 4),
    ],
  };
}

// ───────────────────────────── the fixtures ─────────────────────────────

const FIXTURES: Fixture[] = [
  // An old .xls roster (BIFF8), 系部 merged down its rows, ids as text, a second sheet of dated training.
  {
    path: '38-old-xls/2025-2026-1/机电工程系/辅导员名册.xls',
    sheets: [
      {
        name: '辅导员名册',
        rows: [
          line('机电工程系2025-2026学年第一学期辅导员名册', 6),
          ['序号', '工号', '姓名', '系部', '专兼职', '聘用方式'],
          [1, id('001001'), '王芳', { text: '机电工程系', rows: 3 }, '专职', '事业编制'],
          [2, id('001002'), '李强', null, '专职', '人事代理'],
          [3, id('001003'), '张伟', null, '兼职', null],
          line('填表人：林老师        审核人：黄主任', 6),
          line('聘用系部负责人签字：                2025年9月15日', 6),
        ],
      },
      {
        name: '培训记录',
        rows: [
          ['工号', '姓名', '系部', '培训名称', '级别', '学时', '日期'],
          [id('001001'), '王芳', '机电工程系', '辅导员素质能力提升培训', '校级', 8, { date: '2025-09-20' }],
          [id('001002'), '李强', '机电工程系', '全国高校辅导员网络培训', '国家级', 12.5, { date: '2025-10-11' }],
        ],
      },
    ],
  },
  // 系部 merged over its rows and 年级 over its two 层次, in an .xlsx and an .xls; 合计 merged across.
  ...(['医学护理系/在校生人数.xlsx', '汽车工程系/在校生人数.xls'] as const).map((file): Fixture => {
    const dept = file.split('/')[0]!;
    return {
      path: `71-merged-key-columns/2025-2026-1/${file}`,
      sheets: [
        {
          name: '在校生人数',
          rows: [
            line(`${dept}2025-2026学年第一学期在校生人数统计表`, 4),
            ['系部', '年级', '层次', '在校生人数'],
            [{ text: dept, rows: 4 }, { text: '2024级', rows: 2 }, '专科', 410],
            [null, null, '本科', 120],
            [null, { text: '2025级', rows: 2 }, '专科', 452],
            [null, null, '本科', 130],
            [{ text: '合计', cols: 3 }, null, null, 1112],
            line('单位负责人签字：                填报日期：2025年9月15日', 4),
          ],
        },
      ],
    };
  }),
  // A count merged over two 年级 rows: counted once, not twice.
  {
    path: '72-merged-number/2025-2026-1/信息工程系/在校生人数.xlsx',
    sheets: [
      {
        name: '在校生人数',
        rows: [
          ['系部', '年级', '在校生人数'],
          [{ text: '信息工程系', rows: 3 }, '2023级', 310],
          [null, '2024级', { number: 760, rows: 2 }],
          [null, '2025级', null],
        ],
      },
    ],
  },
  // Seed 000's 考核情况汇总表 exactly as printed: no 系部 column, the department in the title.
  {
    path: '73-seed-summary-as-printed/2025-2026-2/机电工程系/辅导员助理考核情况汇总表.xlsx',
    sheets: [
      {
        name: 'Sheet1',
        rows: [
          line('机电工程系辅导员（班主任）助理工作考核情况汇总表', 6),
          line('( 2025 - 2026 学年第 二 学期)', 6),
          ['姓  名', '专  业', '年 级', '聘用岗位(班级)', '聘用起止时间', '考核结果'],
          ['陈晓雨', '机电一体化技术', '2024级', '机电2501班', '2025.09-2026.07', '优秀'],
          ['周子涵', '机电一体化技术', '2024级', '机电2502班', '2025.09-2026.07', '优秀'],
          ['吴浩然', '数控技术', '2023级', '数控2501班', '2025.09-2026.07', '良好'],
          ['郑雅婷', '数控技术', '2024级', '数控2502班', '2025.09-2026.07', '良好'],
          ['孙嘉怡', '工业机器人技术', '2024级', '机器人2501班', '2025.09-2026.07', '合格'],
          ['马俊杰', '工业机器人技术', '2023级', '机器人2502班', '2025.09-2026.07', '良好'],
          [null, null, null, null, null, null],
          [null, null, null, null, null, null],
          [null, null, null, null, null, null],
          ['聘用单位（盖章）：         单位负责人签字：           填报日期：'],
        ],
      },
    ],
  },
  // A workbook of 考核量化表 forms, one sheet per assistant, and a blank template sheet.
  {
    path: '75-quantified-forms-workbook/2025-2026-1/机电工程系/辅导员助理考核量化表.xlsx',
    sheets: [
      quantifiedForm('陈晓雨', '陈晓雨', '机电工程系', '2026年1月10日', [5, 5, 5, 9, 5, 4, 9, 9, 5, 5, 9, 4, 4, 3], null, '优秀'),
      quantifiedForm('周子涵', '周子涵', '机电工程系', '2026年1月10日', [4, 4, 4, 8, 4, 4, 8, 8, 4, 4, 8, 4, 3, 3], 70, '良好'),
      quantifiedForm('吴浩然', '吴浩然', '机电工程系', '2026年1月10日', [3, 3, 3, 6, 3, 3, 6, 12, 3, 3, 6, 3, 3, 3], null, '良好'),
      quantifiedForm('空白表', '', '', '  年  月  日', [], null, ''),
    ],
  },
  // A folder of 考核登记表 files, one per assistant, in both formats.
  {
    path: '76-register-forms-folder/2025-2026-1/信息工程系/考核登记表/陈静.xls',
    sheets: [registerForm('陈静', '女', '中共预备党员', '13800001111', '信息2401班 42人', '2026年1月12日', '优秀')],
  },
  {
    path: '76-register-forms-folder/2025-2026-1/信息工程系/考核登记表/刘洋.xlsx',
    sheets: [registerForm('刘洋', '男', '中共党员', '13900002222', '信息2402班 40人', '2026年1月12日', '良好')],
  },
  // One good workbook beside files that cannot be read (79-one-bad-file-among-good): this one, and an .xls cut short.
  {
    path: '79-one-bad-file-among-good/2025-2026-1/机电工程系/辅导员名册.xlsx',
    sheets: [roster('机电工程系', [['001001', '王芳', '专职'], ['001002', '李强', '兼职']])],
  },
  {
    path: '79-one-bad-file-among-good/2025-2026-1/信息工程系/辅导员名册.xls',
    truncate: true,
    sheets: [roster('信息工程系', Array.from({ length: 60 }, (_, i) => [`0020${String(i).padStart(2, '0')}`, `教师${i}`, '专职']))],
  },
  // A macro-enabled workbook (.xlsm): read as any workbook, macros never run.
  {
    path: '80-xlsm/2025-2026-1/建筑工程系/辅导员名册.xlsm',
    sheets: [roster('建筑工程系', [['005001', '何军', '专职'], ['005002', '罗静', '兼职']])],
  },
  // ── issue 10: what Excel hides, its formats, its "Unicode 文本" ──
  // A hidden sheet of last term's numbers kept "for reference" beside the visible one.
  {
    path: '83-hidden-sheet/2025-2026-1/机电工程系/在校生人数.xlsx',
    sheets: [
      { name: '在校生人数', rows: [['系部', '年级', '在校生人数'], ['机电工程系', '2024级', 610], ['机电工程系', '2025级', 640]] },
      { name: '上学期（参考）', hidden: true, rows: [['系部', '年级', '在校生人数'], ['机电工程系', '2023级', 580], ['机电工程系', '2024级', 612]] },
    ],
  },
  // Last term's 在校生人数 column hidden, this term's visible beside it.
  {
    path: '85-hidden-column-duplicate/2025-2026-1/建筑工程系/在校生人数.xlsx',
    sheets: [
      {
        name: '在校生人数',
        hiddenColumns: [2],
        rows: [['系部', '年级', '在校生人数', '在校生人数', '备注'], ['建筑工程系', '2024级', 560, 575, null], ['建筑工程系', '2025级', 600, 612, '含转专业 3 人']],
      },
    ],
  },
  // Two rows hidden (people who left, kept out of sight), and the 工号 column hidden.
  {
    path: '87-hidden-rows/2025-2026-1/信息工程系/辅导员名册.xlsx',
    sheets: [
      {
        name: '辅导员名册',
        hiddenColumns: [0],
        rows: [
          ['工号', '姓名', '系部', '专兼职'],
          [id('002001'), '陈静', '信息工程系', '专职'],
          { cells: [id('002002'), '刘洋', '信息工程系', '专职'], hidden: true },
          [id('002003'), '黄磊', '信息工程系', '兼职'],
          { cells: [id('002004'), '吴倩', '信息工程系', '专职'], hidden: true },
          [id('002005'), '郑凯', '信息工程系', '专职'],
        ],
      },
    ],
  },
  // The roster in a hidden sheet, the visible sheet empty: what the clerk sees is an empty workbook.
  {
    path: '88-only-hidden-sheet-has-data/2025-2026-1/经济管理系/辅导员名册.xls',
    sheets: [
      { name: 'Sheet1', rows: [[null]] },
      { name: '辅导员名册', hidden: true, rows: [['工号', '姓名', '系部', '专兼职'], [id('007001'), '林峰', '经济管理系', '专职'], [id('007002'), '何静', '经济管理系', '兼职']] },
    ],
  },
  // A workbook in the 1904 date system: date cells, and a date left as a General number (its serial).
  {
    path: '103-date-1904/2025-2026-1/机电工程系/培训记录.xlsx',
    date1904: true,
    sheets: [
      {
        name: '培训记录',
        rows: [
          ['工号', '姓名', '系部', '培训名称', '级别', '学时', '日期'],
          [id('001001'), '王芳', '机电工程系', '辅导员素质能力提升培训', '校级', 8, { date: '2025-09-20' }],
          [id('001002'), '李强', '机电工程系', '心理危机干预', '省级', 16, 44479],
        ],
      },
    ],
  },
  // 总分 kept as a fraction and formatted as a percentage (0.95 shown as 95%).
  {
    path: '104-percent-score/2025-2026-1/信息工程系/辅导员考核结果.xlsx',
    sheets: [
      {
        name: '考核结果',
        rows: [['姓名', '系部', '角色', '总分'], ['陈静', '信息工程系', '辅导员', { percent: 0.95 }], ['刘洋', '信息工程系', '辅导员', { percent: 0.72 }], ['黄磊', '信息工程系', '辅导员', 81]],
      },
    ],
  },
  // 工作时长 typed as a time (18:00, formatted hh:mm) and as a duration ([h]:mm).
  {
    path: '105-time-hours/2025-2026-1/研究生院/研究生德育助理工作记录.xlsx',
    sheets: [
      {
        name: '工作记录',
        rows: [
          ['学号', '姓名', '系部', '角色', '周次', '工作时长'],
          ['S002', '钱程', '研究生院', '研究生德育助理', 3, { time: 'PT18H00M00S' }],
          ['S002', '钱程', '研究生院', '研究生德育助理', 4, { duration: 'PT20H30M00S' }],
          ['S002', '钱程', '研究生院', '研究生德育助理', 5, 16],
        ],
      },
    ],
  },
  // Excel's "Unicode 文本": UTF-16LE with a BOM, tab-separated, saved as .txt.
  {
    path: '110-tab-separated-text/2025-2026-1/经济管理系/辅导员名册.txt',
    sheets: [{ name: '辅导员名册', rows: [['工号', '姓名', '系部', '专兼职'], [id('007001'), '林峰', '经济管理系', '专职'], [id('007002'), '何静', '经济管理系', '兼职']] }],
  },
  // A two-row header made with merged cells: 在校生人数 across 男 | 女.
  {
    path: '81-two-row-header-merged/2025-2026-1/机电工程系/在校生人数.xlsx',
    sheets: [
      {
        name: '在校生人数',
        rows: [
          [{ text: '系部', rows: 2 }, { text: '在校生人数', cols: 2 }, null],
          [null, '男', '女'],
          ['机电工程系', 1200, 630],
        ],
      },
    ],
  },
];

/** A workbook for the reader's unit test (test/unit/readers.test.ts): hidden rows, columns and sheets, as the file records them. */
const VISIBILITY_FIXTURE = join(import.meta.dirname, 'hidden.xlsx');
const VISIBILITY: FodsSheet[] = [
  {
    name: '辅导员名册',
    hiddenColumns: [4],
    rows: [
      ['工号', '姓名', '系部', '专兼职', '备注'],
      [id('001001'), '王芳', '机电工程系', '专职', '已调离'],
      { cells: [id('001002'), '李强', '机电工程系', '兼职', null], hidden: true },
    ],
  },
  { name: '旧名册', hidden: true, rows: [['工号', '姓名', '系部', '专兼职'], [id('009001'), '赵敏', '机电工程系', '专职']] },
];

function convert(sheets: FodsSheet[], ext: keyof typeof FILTERS, target: string, truncate = false, date1904 = false): void {
  const dir = mkdtempSync(join(tmpdir(), 'fods-'));
  try {
    const source = join(dir, 'book.fods');
    writeFileSync(source, fods(sheets, date1904 ? { nullDate: '1904-01-01' } : {}));
    execFileSync('soffice', ['--headless', '--convert-to', FILTERS[ext], '--outdir', dir, source], { stdio: 'ignore' });
    mkdirSync(dirname(target), { recursive: true });
    const saved = join(dir, `book.${ext}`);
    if (truncate) {
      const bytes = readFileSync(saved);
      writeFileSync(target, bytes.subarray(0, Math.floor(bytes.length / 2)));
    } else copyFileSync(saved, target);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Arguments: only the fixtures whose path starts with one of them (e.g. 103-date-1904), so that a new
// case does not rewrite the others' bytes (LibreOffice stamps the time into every file it saves).
const only = process.argv.slice(2);
for (const f of FIXTURES) {
  if (only.length > 0 && !only.some((prefix) => f.path.startsWith(prefix))) continue;
  const ext = f.path.split('.').pop() as keyof typeof FILTERS;
  convert(f.sheets, ext, join(CASES, f.path), f.truncate, f.date1904);
  process.stdout.write(`wrote ${f.path}\n`);
}
if (only.length === 0) {
  convert(VISIBILITY, 'xlsx', VISIBILITY_FIXTURE);
  process.stdout.write(`wrote ${VISIBILITY_FIXTURE}\n`);
}
