/**
 * Generates the project's own sample annual reports (政府信息公开工作年度报告) as PDFs in
 * samples/, each with a X.truth.json beside it holding every standard cell's value.
 *
 * The reports are composed here from scratch with pdfkit and an embedded (subset) Noto Sans SC,
 * so they have a real text layer. Two layouts are produced:
 *   - "ruled": a Word document saved as PDF: A4, every cell stroked, merged header cells,
 *     narrow headers written one character per line, tables running on to the next page.
 *   - "web": a web page printed from a browser: print header/footer on each page, borders
 *     drawn as thin filled rectangles per cell, the applications table's header repeated
 *     after the page break, and the review/litigation table stacked as two tables.
 *
 * All numbers are derived from a few inputs so that the template's consistency rules hold.
 * Run with `npm run samples`; output is byte-for-byte reproducible.
 *
 * Some of the same reports are also written as web pages and Word files (MARKUP_SAMPLES), from the same data,
 * prose and table definitions, the merged cells as rowspan/colspan or w:gridSpan/w:vMerge:
 *   - sample-*-page.html: an article page of a government site in UTF-8 (header, navigation, breadcrumb, the
 *     article, related links, a footer with the ICP number);
 *   - sample-*-gbk.htm: an older CMS page in GBK/GB18030 with no charset declared;
 *   - sample-*.docx: hand-written WordprocessingML (title in the Title style), zipped with fflate, fixed timestamps.
 * Each has its X.truth.json (sha256 of its own bytes, truth style "html" or "docx").
 *
 * The same run writes test fixtures into tests/fixtures/ (`--fixtures` writes only those): reports
 * that break a consistency check on purpose (a carry-over that disagrees with last year's report,
 * prose that contradicts its table, a review table whose 总计 does not add up).
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync } from "fflate";
import PDFDocument from "pdfkit";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SAMPLES_DIR = join(ROOT, "samples");
const FIXTURES_DIR = join(ROOT, "tests/fixtures");
const FONT_DIR = join(ROOT, "node_modules/@expo-google-fonts/noto-sans-sc");
const FONT_REGULAR = join(FONT_DIR, "400Regular/NotoSansSC_400Regular.ttf");
const FONT_BOLD = join(FONT_DIR, "700Bold/NotoSansSC_700Bold.ttf");
const A4 = { width: 595.28, height: 841.89 };

// ---------------------------------------------------------------------------------------------
// The standard categories (ids as in the project's spec, labels as printed by the templates)
// ---------------------------------------------------------------------------------------------

type Template = "2021" | "2019";
type Style = "ruled" | "web";
type Cells = Record<string, number>;
type Pair = readonly [id: string, label: string];

interface ActiveGroup {
  label: string;
  rows: Pair[];
  columns: Pair[];
}

const ACTIVE_GROUPS: Record<Template, ActiveGroup[]> = {
  "2021": [
    {
      label: "第二十条第（一）项",
      rows: [
        ["rules", "规章"],
        ["normative_documents", "行政规范性文件"],
      ],
      columns: [
        ["issued", "本年制发件数"],
        ["repealed", "本年废止件数"],
        ["in_force", "现行有效件数"],
      ],
    },
    { label: "第二十条第（五）项", rows: [["licensing", "行政许可"]], columns: [["decisions", "本年处理决定数量"]] },
    {
      label: "第二十条第（六）项",
      rows: [
        ["penalty", "行政处罚"],
        ["enforcement", "行政强制"],
      ],
      columns: [["decisions", "本年处理决定数量"]],
    },
    {
      label: "第二十条第（八）项",
      rows: [["fees", "行政事业性收费"]],
      columns: [["amount_10k_yuan", "本年收费金额（单位：万元）"]],
    },
  ],
  "2019": [
    {
      label: "第二十条第（一）项",
      rows: [
        ["rules", "规章"],
        ["normative_documents", "规范性文件"],
      ],
      columns: [
        ["made", "本年新制作数量"],
        ["published", "本年新公开数量"],
        ["total_public", "对外公开总数量"],
      ],
    },
    {
      label: "第二十条第（五）项",
      rows: [
        ["licensing", "行政许可"],
        ["other_services", "其他对外管理服务事项"],
      ],
      columns: [
        ["prior_items", "上一年项目数量"],
        ["change", "本年增/减"],
        ["decisions", "处理决定数量"],
      ],
    },
    {
      label: "第二十条第（六）项",
      rows: [
        ["penalty", "行政处罚"],
        ["enforcement", "行政强制"],
      ],
      columns: [
        ["prior_items", "上一年项目数量"],
        ["change", "本年增/减"],
        ["decisions", "处理决定数量"],
      ],
    },
    {
      label: "第二十条第（八）项",
      rows: [["fees", "行政事业性收费"]],
      columns: [
        ["prior_items", "上一年项目数量"],
        ["change", "本年增/减"],
      ],
    },
    {
      label: "第二十条第（九）项",
      rows: [["procurement", "政府集中采购"]],
      columns: [
        ["items", "采购项目数量"],
        ["amount", "采购总金额"],
      ],
    },
  ],
};

/** Requester columns of the applications table, in print order, before the total column. */
const REQUESTER_COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"];
const APPLICATION_COLUMNS = [...REQUESTER_COLUMNS, "total"];
const ORG_HEADERS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];
const BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
const RESULTS_LABEL = "三、本年度办理结果";

/** The head rows and the tail row of the applications table span all three label columns. */
const APPLICATION_HEAD: Pair[] = [
  ["new_received", "一、本年新收政府信息公开申请数量"],
  ["carried_over", "二、上年结转政府信息公开申请数量"],
];
const APPLICATION_TAIL: Pair = ["carried_forward", "四、结转下年度继续办理"];

/** A block of result rows: either one row labelled across two columns, or a labelled group of items. */
type ResultBlock = { id: string; label: string } | { label: string; items: Pair[] };

function resultBlocks(template: Template): ResultBlock[] {
  const other: ResultBlock =
    template === "2021"
      ? {
          label: "（六）其他处理",
          items: [
            ["other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
            ["other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
            ["other_other", "3.其他"],
          ],
        }
      : { id: "other", label: "（六）其他处理" };
  return [
    { id: "granted", label: "（一）予以公开" },
    { id: "partially_granted", label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" },
    {
      label: "（三）不予公开",
      items: [
        ["denied_state_secret", "1.属于国家秘密"],
        ["denied_prohibited", "2.其他法律行政法规禁止公开"],
        ["denied_security_stability", "3.危及“三安全一稳定”"],
        ["denied_third_party", "4.保护第三方合法权益"],
        ["denied_internal_affairs", "5.属于三类内部事务信息"],
        ["denied_process_info", "6.属于四类过程性信息"],
        ["denied_enforcement_files", "7.属于行政执法案卷"],
        ["denied_query_matters", "8.属于行政查询事项"],
      ],
    },
    {
      label: "（四）无法提供",
      items: [
        ["unavailable_not_held", "1.本机关不掌握相关政府信息"],
        ["unavailable_needs_creation", "2.没有现成信息需要另行制作"],
        ["unavailable_unclear", "3.补正后申请内容仍不明确"],
      ],
    },
    {
      label: "（五）不予处理",
      items: [
        ["rejected_petition", "1.信访举报投诉类申请"],
        ["rejected_duplicate", "2.重复申请"],
        ["rejected_publication", "3.要求提供公开出版物"],
        ["rejected_excessive", "4.无正当理由大量反复申请"],
        ["rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息"],
      ],
    },
    other,
    { id: "total", label: "（七）总计" },
  ];
}

function blockRowIds(block: ResultBlock): string[] {
  return "items" in block ? block.items.map(([id]) => id) : [block.id];
}

function applicationRowIds(template: Template): string[] {
  const results = resultBlocks(template).flatMap(blockRowIds);
  return [...APPLICATION_HEAD.map(([id]) => id), ...results, APPLICATION_TAIL[0]];
}

const REVIEW_ROWS = ["review", "litigation_direct", "litigation_after_review"];
const REVIEW_COLUMNS: Pair[] = [
  ["upheld", "结果维持"],
  ["corrected", "结果纠正"],
  ["other", "其他结果"],
  ["pending", "尚未审结"],
  ["total", "总计"],
];

// ---------------------------------------------------------------------------------------------
// Report data: a few inputs per report, the rest derived so every consistency rule holds
// ---------------------------------------------------------------------------------------------

interface Report {
  file: string;
  agency: string;
  year: number;
  template: Template;
  style: Style;
  /** 落款日期 at the end of the report; also the PDF's fixed CreationDate. */
  issued: { text: string; iso: string };
  /** Where the report says it publishes (a site name for the web layout's page header too). */
  site: string;
  /** For the web layout: what the browser printed in the page margins. */
  print?: { url: string; at: string };
  cells: Cells;
  /** How some cells are printed instead of the plain number ("—", "", "12,385"). */
  printed: Record<string, string>;
  /** Label variants replacing the template wording of some application rows, by row id. */
  labels: Record<string, string>;
  /** Figures the prose states instead of the table's (fixtures whose prose contradicts their tables). */
  prose?: { received?: number };
}

interface ApplicationInput {
  /** Counts per requester column for the outcome rows that are not all zero. */
  outcomes: Record<string, number[]>;
  carriedOver: number[];
  carriedForward: number[];
}

/** Builds all application cells: outcome rows as given, then the total row, new_received and the total column. */
function applicationCells(template: Template, input: ApplicationInput): Cells {
  const rowIds = applicationRowIds(template);
  const outcomeIds = rowIds.filter((id) => !["new_received", "carried_over", "total", "carried_forward"].includes(id));
  const zero = REQUESTER_COLUMNS.map(() => 0);
  const rows: Record<string, number[]> = {};
  for (const id of Object.keys(input.outcomes)) {
    if (!outcomeIds.includes(id)) throw new Error(`unknown outcome row ${id} on the ${template} template`);
  }
  for (const id of outcomeIds) rows[id] = input.outcomes[id] ?? zero;
  rows.total = zero.map((_, c) => outcomeIds.reduce((sum, id) => sum + rows[id][c], 0));
  rows.carried_over = input.carriedOver;
  rows.carried_forward = input.carriedForward;
  // The balance rule fixes new_received: new + carried_over = total + carried_forward.
  rows.new_received = zero.map((_, c) => rows.total[c] + input.carriedForward[c] - input.carriedOver[c]);
  const cells: Cells = {};
  for (const id of rowIds) {
    if (rows[id].some((v) => v < 0)) throw new Error(`negative count in applications/${id}`);
    rows[id].forEach((v, c) => (cells[`applications/${id}/${REQUESTER_COLUMNS[c]}`] = v));
    cells[`applications/${id}/total`] = rows[id].reduce((a, b) => a + b, 0);
  }
  return cells;
}

/** Review rows are given as [upheld, corrected, other, pending]; the total is their sum. */
function reviewCells(input: Record<string, [number, number, number, number]>): Cells {
  const cells: Cells = {};
  for (const row of REVIEW_ROWS) {
    const values = [...input[row], input[row].reduce((a, b) => a + b, 0)];
    REVIEW_COLUMNS.forEach(([col], i) => (cells[`review_litigation/${row}/${col}`] = values[i]));
  }
  return cells;
}

/** Active-disclosure cells in the template's order; every cell must be given (0 included). */
function activeCells(template: Template, values: Record<string, number>): Cells {
  const cells: Cells = {};
  for (const group of ACTIVE_GROUPS[template]) {
    for (const [row] of group.rows) {
      for (const [col] of group.columns) {
        const value = values[`${row}/${col}`];
        if (value === undefined) throw new Error(`missing active_disclosure/${row}/${col}`);
        cells[`active_disclosure/${row}/${col}`] = value;
      }
    }
  }
  return cells;
}

const REPORTS: Report[] = [
  {
    file: "sample-xinan-2022-ruled.pdf",
    agency: "新安县人民政府办公室",
    year: 2022,
    template: "2021",
    style: "ruled",
    issued: { text: "2023年1月18日", iso: "2023-01-18T09:00:00Z" },
    site: "新安县人民政府网站",
    cells: {
      ...activeCells("2021", {
        "rules/issued": 0,
        "rules/repealed": 0,
        "rules/in_force": 0,
        "normative_documents/issued": 14,
        "normative_documents/repealed": 3,
        "normative_documents/in_force": 87,
        "licensing/decisions": 1265,
        "penalty/decisions": 38,
        "enforcement/decisions": 5,
        "fees/amount_10k_yuan": 12.5678,
      }),
      ...applicationCells("2021", {
        outcomes: {
          granted: [21, 3, 0, 0, 1, 0],
          partially_granted: [4, 1, 0, 0, 0, 0],
          denied_prohibited: [1, 0, 0, 0, 0, 0],
          denied_third_party: [2, 0, 0, 0, 0, 0],
          denied_internal_affairs: [1, 0, 0, 0, 0, 0],
          denied_process_info: [3, 1, 0, 0, 0, 0],
          denied_query_matters: [1, 0, 0, 0, 0, 0],
          unavailable_not_held: [9, 2, 0, 0, 0, 1],
          unavailable_needs_creation: [2, 0, 0, 0, 0, 0],
          unavailable_unclear: [1, 0, 0, 0, 0, 0],
          rejected_petition: [3, 0, 0, 0, 0, 0],
          rejected_duplicate: [2, 0, 0, 0, 0, 0],
          rejected_confirmation: [1, 0, 0, 0, 0, 0],
          other_no_correction: [2, 0, 0, 0, 0, 0],
          other_other: [1, 0, 0, 0, 0, 0],
        },
        carriedOver: [2, 1, 0, 0, 0, 0],
        carriedForward: [3, 0, 0, 0, 1, 0],
      }),
      ...reviewCells({ review: [2, 1, 0, 1], litigation_direct: [1, 0, 0, 1], litigation_after_review: [0, 0, 0, 0] }),
    },
    printed: {},
    labels: {},
  },
  {
    file: "sample-hexi-2019-ruled.pdf",
    agency: "河西区教育局",
    year: 2019,
    template: "2019",
    style: "ruled",
    issued: { text: "2020年1月20日", iso: "2020-01-20T09:00:00Z" },
    site: "河西区人民政府网站",
    cells: {
      ...activeCells("2019", {
        "rules/made": 0,
        "rules/published": 0,
        "rules/total_public": 0,
        "normative_documents/made": 6,
        "normative_documents/published": 6,
        "normative_documents/total_public": 42,
        "licensing/prior_items": 12,
        "licensing/change": -3,
        "licensing/decisions": 12385,
        "other_services/prior_items": 8,
        "other_services/change": 2,
        "other_services/decisions": 356,
        "penalty/prior_items": 5,
        "penalty/change": 0,
        "penalty/decisions": 3,
        "enforcement/prior_items": 2,
        "enforcement/change": 0,
        "enforcement/decisions": 0,
        "fees/prior_items": 3,
        "fees/change": -1,
        "procurement/items": 47,
        "procurement/amount": 1286.35,
      }),
      ...applicationCells("2019", {
        outcomes: {
          granted: [38, 2, 0, 1, 0, 0],
          partially_granted: [3, 0, 0, 0, 0, 0],
          denied_prohibited: [1, 0, 0, 0, 0, 0],
          denied_third_party: [4, 1, 0, 0, 0, 0],
          denied_process_info: [2, 0, 0, 0, 0, 0],
          unavailable_not_held: [11, 1, 0, 0, 1, 0],
          unavailable_needs_creation: [1, 0, 0, 0, 0, 0],
          rejected_petition: [5, 0, 0, 0, 0, 0],
          rejected_duplicate: [2, 0, 0, 0, 0, 0],
          other: [3, 0, 0, 0, 0, 0],
        },
        carriedOver: [1, 0, 0, 0, 0, 0],
        carriedForward: [4, 0, 0, 0, 0, 0],
      }),
      ...reviewCells({ review: [1, 0, 0, 0], litigation_direct: [0, 1, 0, 0], litigation_after_review: [1, 0, 0, 1] }),
    },
    // Real reports print zeros as "—" or leave them blank, and use thousands separators.
    printed: {
      "active_disclosure/rules/made": "—",
      "active_disclosure/rules/published": "—",
      "active_disclosure/rules/total_public": "—",
      "active_disclosure/enforcement/change": "",
      "active_disclosure/enforcement/decisions": "—",
      "active_disclosure/licensing/decisions": "12,385",
      "active_disclosure/procurement/amount": "1,286.35",
      "applications/denied_state_secret/research": "—",
      "applications/denied_state_secret/social_welfare": "",
      "review_litigation/litigation_direct/pending": "—",
    },
    labels: {
      granted: "予以公开",
      denied_prohibited: "2、其他法律行政法规禁止公开",
      unavailable_needs_creation: "2、没有现成信息需要另行制作",
    },
  },
  {
    file: "sample-fengyang-2024-web.pdf",
    agency: "凤阳县市场监督管理局",
    year: 2024,
    template: "2021",
    style: "web",
    issued: { text: "2025年1月16日", iso: "2025-01-16T09:00:00Z" },
    site: "凤阳县人民政府门户网站",
    print: { url: "https://www.fengyang.gov.cn/xxgk/ndbg/2025/art_20250116_8841.html", at: "2025/3/24 10:05" },
    cells: {
      ...activeCells("2021", {
        "rules/issued": 0,
        "rules/repealed": 0,
        "rules/in_force": 0,
        "normative_documents/issued": 2,
        "normative_documents/repealed": 1,
        "normative_documents/in_force": 9,
        "licensing/decisions": 3568,
        "penalty/decisions": 214,
        "enforcement/decisions": 37,
        "fees/amount_10k_yuan": 0,
      }),
      ...applicationCells("2021", {
        outcomes: {
          granted: [9, 2, 0, 0, 0, 0],
          partially_granted: [1, 0, 0, 0, 0, 0],
          denied_third_party: [1, 0, 0, 0, 0, 0],
          denied_enforcement_files: [0, 1, 0, 0, 0, 0],
          unavailable_not_held: [5, 0, 0, 0, 1, 0],
          unavailable_unclear: [1, 0, 0, 0, 0, 0],
          rejected_petition: [6, 0, 0, 0, 0, 0],
          rejected_excessive: [2, 0, 0, 0, 0, 0],
          other_unpaid_fee: [1, 0, 0, 0, 0, 0],
          other_other: [0, 0, 0, 0, 0, 1],
        },
        carriedOver: [1, 0, 0, 0, 0, 0],
        carriedForward: [2, 1, 0, 0, 0, 0],
      }),
      ...reviewCells({ review: [1, 1, 0, 0], litigation_direct: [0, 0, 1, 0], litigation_after_review: [0, 0, 0, 0] }),
    },
    printed: {},
    labels: {},
  },
];

// ---------------------------------------------------------------------------------------------
// Test fixtures (tests/fixtures/): each table keeps the template's relations unless said otherwise
// ---------------------------------------------------------------------------------------------

const XINAN_2022 = REPORTS.find((r) => r.file === "sample-xinan-2022-ruled.pdf")!;

const FIXTURES: Report[] = [
  // The year after sample-xinan-2022: its 上年结转 differs from 2022's 结转下年度 (3,0,0,0,1,0 → total 4)
  // in 自然人 and 总计 only; 现行有效 follows from 2022 (87 + 11 − 5 = 93).
  {
    ...XINAN_2022,
    file: "xinan-2023-carry.pdf",
    year: 2023,
    issued: { text: "2024年1月19日", iso: "2024-01-19T09:00:00Z" },
    cells: {
      ...activeCells("2021", {
        "rules/issued": 0,
        "rules/repealed": 0,
        "rules/in_force": 0,
        "normative_documents/issued": 11,
        "normative_documents/repealed": 5,
        "normative_documents/in_force": 93,
        "licensing/decisions": 1310,
        "penalty/decisions": 41,
        "enforcement/decisions": 4,
        "fees/amount_10k_yuan": 10.25,
      }),
      ...applicationCells("2021", {
        outcomes: {
          granted: [24, 2, 1, 0, 0, 0],
          partially_granted: [3, 0, 0, 0, 0, 0],
          denied_third_party: [1, 0, 0, 0, 0, 0],
          denied_process_info: [2, 1, 0, 0, 0, 0],
          unavailable_not_held: [7, 1, 0, 0, 1, 0],
          unavailable_needs_creation: [1, 0, 0, 0, 0, 0],
          rejected_petition: [4, 0, 0, 0, 0, 0],
          rejected_duplicate: [1, 0, 0, 0, 0, 0],
          other_no_correction: [1, 0, 0, 0, 0, 0],
        },
        carriedOver: [2, 0, 0, 0, 1, 0],
        carriedForward: [2, 1, 0, 0, 0, 0],
      }),
      ...reviewCells({ review: [1, 1, 0, 0], litigation_direct: [0, 0, 0, 1], litigation_after_review: [0, 0, 0, 0] }),
    },
  },
  // Consistent tables, but the prose says 全年共收到政府信息公开申请58件 (the table: 35 new, 1 carried over).
  {
    file: "hexi-2023-prose.pdf",
    agency: "河西区教育局",
    year: 2023,
    template: "2021",
    style: "ruled",
    issued: { text: "2024年1月22日", iso: "2024-01-22T09:00:00Z" },
    site: "河西区人民政府网站",
    cells: {
      ...activeCells("2021", {
        "rules/issued": 0,
        "rules/repealed": 0,
        "rules/in_force": 0,
        "normative_documents/issued": 4,
        "normative_documents/repealed": 1,
        "normative_documents/in_force": 45,
        "licensing/decisions": 860,
        "penalty/decisions": 6,
        "enforcement/decisions": 0,
        "fees/amount_10k_yuan": 0,
      }),
      ...applicationCells("2021", {
        outcomes: {
          granted: [20, 1, 0, 0, 0, 0],
          partially_granted: [2, 0, 0, 0, 0, 0],
          denied_third_party: [1, 0, 0, 0, 0, 0],
          unavailable_not_held: [6, 0, 0, 0, 1, 0],
          rejected_petition: [3, 0, 0, 0, 0, 0],
          other_other: [1, 0, 0, 0, 0, 0],
        },
        carriedOver: [1, 0, 0, 0, 0, 0],
        carriedForward: [1, 0, 0, 0, 0, 0],
      }),
      ...reviewCells({ review: [1, 0, 0, 0], litigation_direct: [0, 0, 0, 0], litigation_after_review: [0, 0, 0, 0] }),
    },
    printed: {},
    labels: {},
    prose: { received: 58 },
  },
  // A web-printed report whose 行政复议 总计 is 0 under 结果维持 10 + 结果纠正 1, as published.
  {
    file: "fengyang-2022-review.pdf",
    agency: "凤阳县市场监督管理局",
    year: 2022,
    template: "2021",
    style: "web",
    issued: { text: "2023年1月17日", iso: "2023-01-17T09:00:00Z" },
    site: "凤阳县人民政府门户网站",
    print: { url: "https://www.fengyang.gov.cn/xxgk/ndbg/2023/art_20230117_5120.html", at: "2023/3/2 15:41" },
    cells: {
      ...activeCells("2021", {
        "rules/issued": 0,
        "rules/repealed": 0,
        "rules/in_force": 0,
        "normative_documents/issued": 3,
        "normative_documents/repealed": 0,
        "normative_documents/in_force": 7,
        "licensing/decisions": 3120,
        "penalty/decisions": 187,
        "enforcement/decisions": 29,
        "fees/amount_10k_yuan": 0,
      }),
      ...applicationCells("2021", {
        outcomes: {
          granted: [8, 1, 0, 0, 0, 0],
          partially_granted: [2, 0, 0, 0, 0, 0],
          unavailable_not_held: [4, 1, 0, 0, 0, 0],
          rejected_petition: [5, 0, 0, 0, 0, 0],
          other_other: [1, 0, 0, 0, 0, 0],
        },
        carriedOver: [0, 0, 0, 0, 0, 0],
        carriedForward: [1, 0, 0, 0, 0, 0],
      }),
      ...reviewCells({ review: [10, 1, 0, 0], litigation_direct: [1, 0, 0, 0], litigation_after_review: [0, 0, 0, 0] }),
      "review_litigation/review/total": 0,
    },
    printed: {},
    labels: {},
  },
];

for (const f of FIXTURES) {
  const a = (row: string) => f.cells[`applications/${row}/total`];
  const said = f.prose?.received;
  if (said !== undefined && (said === a("new_received") || said === a("new_received") + a("carried_over")))
    throw new Error(`${f.file}: the prose figure must contradict the table`);
}

/** The text a report prints in a cell. */
function printed(report: Report, key: string): string {
  return report.printed[key] ?? String(report.cells[key]);
}

// ---------------------------------------------------------------------------------------------
// Page composition: our own line wrapping and pagination, so tables can be laid out exactly
// ---------------------------------------------------------------------------------------------

interface PageStyle {
  margins: { top: number; bottom: number; left: number; right: number };
  bodySize: number;
  /** Line height as a multiple of the font size. */
  bodyLeading: number;
  titleSize: number;
  tableSize: number;
  cellPadX: number;
  cellPadY: number;
  minRowHeight: number;
  /** Word strokes cell edges; browsers paint them as thin filled rectangles. */
  border: "stroke" | "fill";
  /** Browsers repeat a table's header rows (thead) after a page break; Word here does not. */
  repeatHeader: boolean;
}

const PAGE_STYLES: Record<Style, PageStyle> = {
  ruled: {
    margins: { top: 72, bottom: 72, left: 72, right: 72 },
    bodySize: 12,
    bodyLeading: 1.75,
    titleSize: 16,
    tableSize: 9,
    cellPadX: 3,
    cellPadY: 3,
    minRowHeight: 20,
    border: "stroke",
    repeatHeader: false,
  },
  web: {
    margins: { top: 54, bottom: 54, left: 90, right: 90 },
    bodySize: 10.5,
    bodyLeading: 1.9,
    titleSize: 14,
    tableSize: 8.5,
    cellPadX: 4,
    cellPadY: 4,
    minRowHeight: 18,
    border: "fill",
    repeatHeader: true,
  },
};

type Align = "left" | "center" | "right";
type FontName = "regular" | "bold";

interface ParagraphOptions {
  font?: FontName;
  size?: number;
  indent?: boolean;
  align?: Align;
  color?: string;
}

/**
 * What a report's sections are written to: the PDF composer, or the web-page and Word writers. The prose and the
 * tables are written once (reportBody) for every format, so a report reads the same in all of them.
 */
interface ReportWriter {
  readonly style: { bodySize: number };
  heading(text: string): void;
  paragraph(text: string, opts?: ParagraphOptions): void;
  space(points: number): void;
  table(spec: TableSpec): void;
}

interface CellSpec {
  text: string;
  rowSpan?: number;
  colSpan?: number;
  align?: Align;
  /** One character per line, as Word prints headers of narrow columns. */
  vertical?: boolean;
}

interface TableSpec {
  /** Column widths in points. */
  widths: number[];
  /** Rows in HTML order: a cell takes the next column not covered by a row span from above. */
  rows: CellSpec[][];
  headerRows: number;
  /** The sample exists to show a table running on to the next page: fail if it does not. */
  mustSplit?: boolean;
}

interface PlacedCell {
  spec: CellSpec;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  lines: string[];
}

/** A run of table rows printed on one page, starting at `top`. */
interface Segment {
  rows: number[];
  top: number;
  newPage: boolean;
}

// Line-breaking rules for Chinese text (禁则): no closing punctuation at a line start,
// no opening punctuation at a line end.
const NO_LINE_START = "，。、；：？！）》」』”’％,.;:)";
const NO_LINE_END = "（《「『“‘(";
// Runs of Latin letters, digits and number punctuation stay together; anything else breaks per character.
const TOKEN = /[A-Za-z0-9.,:/%+\-_=&?]+|./gsu;

/** Greedy line wrapping; `firstIndent` narrows the first line (paragraph indent). */
function wrapText(text: string, width: number, measure: (s: string) => number, firstIndent = 0): string[] {
  const lines: string[] = [];
  let line = "";
  let used = firstIndent;
  for (const token of text.match(TOKEN) ?? []) {
    const w = measure(token);
    if (line !== "" && used + w > width && !NO_LINE_START.includes(token)) {
      let carry = "";
      while (line.length > 1 && NO_LINE_END.includes(line.slice(-1))) {
        carry = line.slice(-1) + carry;
        line = line.slice(0, -1);
      }
      lines.push(line);
      line = carry;
      used = measure(carry);
    }
    line += token;
    used += w;
  }
  lines.push(line);
  return lines;
}

/**
 * Distance from pdfkit's text origin (top of the line box) to the middle of the ideographic em box
 * for Noto Sans SC: ascender 1.16 em, em box centre 0.38 em above the baseline.
 */
const EM_CENTER = 0.78;
const TABLE_LEADING = 1.3;

class Composer implements ReportWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly style: PageStyle;
  y = 0;

  constructor(style: PageStyle, info: PDFKit.DocumentInfo) {
    this.style = style;
    // Margins are 0 for pdfkit: we place every line ourselves, so it must never add pages on its own.
    this.doc = new PDFDocument({ autoFirstPage: false, bufferPages: true, margin: 0, info });
    this.doc.registerFont("regular", FONT_REGULAR);
    this.doc.registerFont("bold", FONT_BOLD);
    this.newPage();
  }

  get left(): number {
    return this.style.margins.left;
  }
  get width(): number {
    return A4.width - this.style.margins.left - this.style.margins.right;
  }
  get bottom(): number {
    return A4.height - this.style.margins.bottom;
  }

  newPage(): void {
    this.doc.addPage({ size: [A4.width, A4.height], margin: 0 });
    this.y = this.style.margins.top;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  measure(text: string, font: FontName, size: number): number {
    return this.doc.font(font).fontSize(size).widthOfString(text);
  }

  wrap(text: string, width: number, font: FontName, size: number, firstIndent = 0): string[] {
    return wrapText(text, width, (s) => this.measure(s, font, size), firstIndent);
  }

  /** Draws one line whose em boxes are centred on `centerY`. */
  drawLine(text: string, x: number, centerY: number, font: FontName, size: number, color = "#000"): void {
    this.doc.font(font).fontSize(size).fillColor(color);
    this.doc.text(text, x, centerY - EM_CENTER * size, { lineBreak: false });
  }

  /** A flowing paragraph, breaking across pages line by line. */
  paragraph(text: string, opts: ParagraphOptions = {}): void {
    const font = opts.font ?? "regular";
    const size = opts.size ?? this.style.bodySize;
    const indent = opts.indent === false ? 0 : 2 * size;
    const leading = size * this.style.bodyLeading;
    this.wrap(text, this.width, font, size, indent).forEach((line, i) => {
      this.ensure(leading);
      const lineIndent = i === 0 ? indent : 0;
      const free = this.width - lineIndent - this.measure(line, font, size);
      const shift = opts.align === "center" ? free / 2 : opts.align === "right" ? free : 0;
      this.drawLine(line, this.left + lineIndent + shift, this.y + leading / 2, font, size, opts.color);
      this.y += leading;
    });
  }

  /** A section heading, kept on the same page as the first lines that follow it. */
  heading(text: string): void {
    this.ensure(this.style.bodySize * this.style.bodyLeading * 4);
    this.y += this.style.bodySize * 0.8;
    this.paragraph(text, { font: "bold", indent: false });
  }

  space(points: number): void {
    this.y += points;
  }

  /** A horizontal bar painted as a filled rectangle (web pages draw rules this way). */
  bar(height: number, color: string): void {
    this.doc.rect(this.left, this.y, this.width, height).fill(color);
    this.y += height;
  }

  table(spec: TableSpec): void {
    const placed = this.placeCells(spec);
    const heights = this.rowHeights(spec, placed);
    const segments = this.planSegments(spec, heights);
    if (spec.mustSplit && segments.length < 2) throw new Error("table expected to run on to the next page fits on one");
    const owners = textOwners(spec, placed, segments, heights);
    segments.forEach((segment, s) => {
      if (segment.newPage) this.newPage();
      const drawsText = (cell: PlacedCell) => cell.row < spec.headerRows || owners.get(cell) === s;
      this.drawSegment(spec, placed, heights, segment, drawsText);
    });
    const last = segments[segments.length - 1];
    this.y = last.top + sum(last.rows.map((r) => heights[r]));
  }

  /** Gives each cell its grid position (honouring spans) and its wrapped lines. */
  private placeCells(spec: TableSpec): PlacedCell[] {
    return placeGrid(spec).map((cell) => {
      const width = sum(spec.widths.slice(cell.col, cell.col + cell.colSpan)) - 2 * this.style.cellPadX;
      const lines = cell.spec.vertical
        ? Array.from(cell.spec.text)
        : this.wrap(cell.spec.text, width, "regular", this.style.tableSize);
      return { ...cell, lines };
    });
  }

  /** Row heights grow to fit their cells; a spanning cell that needs more grows its rows evenly. */
  private rowHeights(spec: TableSpec, placed: PlacedCell[]): number[] {
    const heights = spec.rows.map(() => this.style.minRowHeight);
    const needed = (cell: PlacedCell) =>
      cell.lines.length * this.style.tableSize * TABLE_LEADING + 2 * this.style.cellPadY;
    for (const cell of [...placed].sort((a, b) => a.rowSpan - b.rowSpan)) {
      const rows = range(cell.row, cell.row + cell.rowSpan);
      const missing = needed(cell) - sum(rows.map((r) => heights[r]));
      if (missing > 0) for (const r of rows) heights[r] += missing / rows.length;
    }
    return heights;
  }

  /** Splits the rows into page-sized runs; the header stays with the first body row. */
  private planSegments(spec: TableSpec, heights: number[]): Segment[] {
    const header = range(0, spec.headerRows);
    const segments: Segment[] = [];
    let y = this.y;
    let next = 0;
    while (next < heights.length) {
      const prefix = segments.length > 0 && this.style.repeatHeader ? header : [];
      const keep = segments.length === 0 ? spec.headerRows + 1 : 1;
      let newPage = segments.length > 0;
      if (!newPage && sum(range(0, keep).map((r) => heights[r])) > this.bottom - y) newPage = true;
      if (newPage) y = this.style.margins.top;
      let room = this.bottom - y - sum(prefix.map((r) => heights[r]));
      let end = next;
      while (end < heights.length && heights[end] <= room) room -= heights[end++];
      if (end === next) throw new Error(`table row ${next} is taller than a page`);
      segments.push({ rows: [...prefix, ...range(next, end)], top: y, newPage });
      next = end;
    }
    return segments;
  }

  private drawSegment(
    spec: TableSpec,
    placed: PlacedCell[],
    heights: number[],
    segment: Segment,
    drawsText: (cell: PlacedCell) => boolean,
  ): void {
    const rowTop = new Map<number, number>();
    let y = segment.top;
    for (const r of segment.rows) {
      rowTop.set(r, y);
      y += heights[r];
    }
    const colX = spec.widths.map((_, c) => this.left + sum(spec.widths.slice(0, c)));
    for (const cell of placed) {
      const visible = range(cell.row, cell.row + cell.rowSpan).filter((r) => rowTop.has(r));
      if (visible.length === 0) continue;
      const box = {
        x: colX[cell.col],
        y: rowTop.get(visible[0])!,
        w: sum(spec.widths.slice(cell.col, cell.col + cell.colSpan)),
        h: sum(visible.map((r) => heights[r])),
      };
      this.drawBorder(box);
      if (drawsText(cell)) this.drawCellText(cell, box);
    }
  }

  private drawBorder(box: Box): void {
    const { doc } = this;
    if (this.style.border === "stroke") {
      doc.lineWidth(0.5).strokeColor("#000").rect(box.x, box.y, box.w, box.h).stroke();
      return;
    }
    // Each cell paints its own four edges inside its box, as a browser does with separate borders.
    const t = 0.6;
    doc.rect(box.x, box.y, box.w, t);
    doc.rect(box.x, box.y + box.h - t, box.w, t);
    doc.rect(box.x, box.y, t, box.h);
    doc.rect(box.x + box.w - t, box.y, t, box.h);
    doc.fill("#555");
  }

  private drawCellText(cell: PlacedCell, box: Box): void {
    const size = this.style.tableSize;
    const leading = size * TABLE_LEADING;
    const blockHeight = cell.lines.length * leading;
    // A cell split by a page break prints its text in one part only; it must fit there.
    if (blockHeight > box.h + 0.01) throw new Error(`text "${cell.spec.text}" does not fit its cell`);
    const top = box.y + (box.h - blockHeight) / 2;
    cell.lines.forEach((line, i) => {
      const free = box.w - this.measure(line, "regular", size);
      const align = cell.spec.align ?? "center";
      const x = align === "left" ? this.style.cellPadX : align === "right" ? free - this.style.cellPadX : free / 2;
      this.drawLine(line, box.x + x, top + (i + 0.5) * leading, "regular", size);
    });
  }
}

/** Each cell's grid position, honouring the spans (the rows are in HTML order), checked to cover the grid exactly. */
function placeGrid(spec: TableSpec): Omit<PlacedCell, "lines">[] {
  const taken: boolean[][] = spec.rows.map(() => []);
  const placed: Omit<PlacedCell, "lines">[] = [];
  spec.rows.forEach((cells, row) => {
    let col = 0;
    for (const cell of cells) {
      while (taken[row][col]) col++;
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      for (let r = row; r < row + rowSpan; r++) for (let c = col; c < col + colSpan; c++) taken[r][c] = true;
      placed.push({ spec: cell, row, col, rowSpan, colSpan });
      col += colSpan;
    }
  });
  // A mistake in the spans would silently give a malformed table, so check the grid is exactly covered.
  taken.forEach((cols, row) => {
    if (cols.length !== spec.widths.length || cols.some((t) => !t))
      throw new Error(`table row ${row} is not fully covered`);
  });
  return placed;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Picks the segment in which each body cell prints its text: a cell split by a page break prints
 * it in the part where it is tallest. (Header cells print wherever they appear.)
 */
function textOwners(
  spec: TableSpec,
  placed: PlacedCell[],
  segments: Segment[],
  heights: number[],
): Map<PlacedCell, number> {
  const owners = new Map<PlacedCell, number>();
  for (const cell of placed) {
    if (cell.row < spec.headerRows) continue;
    let best = 0;
    segments.forEach((segment, s) => {
      const height = sum(
        segment.rows.filter((r) => r >= cell.row && r < cell.row + cell.rowSpan).map((r) => heights[r]),
      );
      if (height > best) {
        best = height;
        owners.set(cell, s);
      }
    });
  }
  return owners;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

// ---------------------------------------------------------------------------------------------
// The report's tables
// ---------------------------------------------------------------------------------------------

/** Value columns of an active-disclosure group share three slots: 1 value spans 3, 2 values split 1+2. */
const ACTIVE_VALUE_SPANS: Record<number, number[]> = { 1: [3], 2: [1, 2], 3: [1, 1, 1] };

function activeTable(report: Report, width: number): TableSpec {
  // Word reports centre everything; the web page left-aligns its labels.
  const labelAlign: Align = report.style === "web" ? "left" : "center";
  const rows: CellSpec[][] = [];
  for (const group of ACTIVE_GROUPS[report.template]) {
    const spans = ACTIVE_VALUE_SPANS[group.columns.length];
    rows.push([{ text: group.label, colSpan: 4 }]);
    rows.push([{ text: "信息内容" }, ...group.columns.map(([, text], i) => ({ text, colSpan: spans[i] }))]);
    for (const [row, label] of group.rows) {
      const values = group.columns.map(([col], i) => ({
        text: printed(report, `active_disclosure/${row}/${col}`),
        colSpan: spans[i],
      }));
      rows.push([{ text: label, align: labelAlign }, ...values]);
    }
  }
  const fractions = report.style === "web" ? [0.34, 0.22, 0.22, 0.22] : [0.31, 0.23, 0.23, 0.23];
  return { widths: fractions.map((f) => f * width), rows, headerRows: 0 };
}

function applicationsTable(report: Report, width: number): TableSpec {
  const web = report.style === "web";
  // Word narrows the requester columns and prints their headers one character per line;
  // the browser just wraps them at the column width.
  const vertical = !web;
  const labelWidths = web ? [22, 56, 122] : [26, 52, 137];
  const valueWidth = (width - sum(labelWidths)) / APPLICATION_COLUMNS.length;
  const labelAlign: Align = web ? "left" : "center";
  const label = (id: string, text: string) => report.labels[id] ?? text;
  const values = (row: string): CellSpec[] =>
    APPLICATION_COLUMNS.map((col) => ({ text: printed(report, `applications/${row}/${col}`) }));

  const header: CellSpec[][] = [
    [
      { text: BALANCE_NOTE, colSpan: 3, rowSpan: 3 },
      { text: "申请人情况", colSpan: 7 },
    ],
    [
      { text: "自然人", rowSpan: 2, vertical },
      { text: "法人或其他组织", colSpan: 5 },
      { text: "总计", rowSpan: 2, vertical },
    ],
    ORG_HEADERS.map((text) => ({ text, vertical })),
  ];
  const head = APPLICATION_HEAD.map(([id, text]) => [
    { text: label(id, text), colSpan: 3, align: labelAlign },
    ...values(id),
  ]);
  const results: CellSpec[][] = [];
  for (const block of resultBlocks(report.template)) {
    if ("items" in block) {
      block.items.forEach(([id, text], i) => {
        const groupCell: CellSpec[] = i === 0 ? [{ text: block.label, rowSpan: block.items.length }] : [];
        results.push([...groupCell, { text: label(id, text), align: labelAlign }, ...values(id)]);
      });
    } else {
      results.push([{ text: label(block.id, block.label), colSpan: 2, align: labelAlign }, ...values(block.id)]);
    }
  }
  // The results label is one tall merged cell down the first column, one character per line.
  results[0].unshift({ text: RESULTS_LABEL, rowSpan: results.length, vertical: true });
  const [tailId, tailText] = APPLICATION_TAIL;
  const tail = [{ text: label(tailId, tailText), colSpan: 3, align: labelAlign }, ...values(tailId)];
  return {
    widths: [...labelWidths, ...APPLICATION_COLUMNS.map(() => valueWidth)],
    rows: [...header, ...head, ...results, tail],
    headerRows: header.length,
    mustSplit: true,
  };
}

function reviewValues(report: Report, row: string): CellSpec[] {
  return REVIEW_COLUMNS.map(([col]) => ({ text: printed(report, `review_litigation/${row}/${col}`) }));
}

/** The Word layout: one 15-column table, leaf headers one character per line. */
function reviewTable(report: Report, width: number): TableSpec {
  const leaves = (rowSpan: number) => REVIEW_COLUMNS.map(([, text]) => ({ text, rowSpan, vertical: true }));
  return {
    widths: range(0, 15).map(() => width / 15),
    rows: [
      [
        { text: "行政复议", colSpan: 5 },
        { text: "行政诉讼", colSpan: 10 },
      ],
      [...leaves(2), { text: "未经复议直接起诉", colSpan: 5 }, { text: "复议后起诉", colSpan: 5 }],
      [...leaves(1), ...leaves(1)],
      REVIEW_ROWS.flatMap((row) => reviewValues(report, row)),
    ],
    headerRows: 3,
  };
}

/** The web layout stacks the table: 行政复议 (5 columns) above 行政诉讼 (10 columns). */
function stackedReviewTables(report: Report, width: number): TableSpec[] {
  const leaves = () => REVIEW_COLUMNS.map(([, text]) => ({ text }));
  return [
    {
      widths: range(0, 5).map(() => width / 5),
      rows: [[{ text: "行政复议", colSpan: 5 }], leaves(), reviewValues(report, "review")],
      headerRows: 2,
    },
    {
      widths: range(0, 10).map(() => width / 10),
      rows: [
        [{ text: "行政诉讼", colSpan: 10 }],
        [
          { text: "未经复议直接起诉", colSpan: 5 },
          { text: "复议后起诉", colSpan: 5 },
        ],
        [...leaves(), ...leaves()],
        [...reviewValues(report, "litigation_direct"), ...reviewValues(report, "litigation_after_review")],
      ],
      headerRows: 3,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The report's prose: figures come from the cells so the narrative agrees with the tables
// ---------------------------------------------------------------------------------------------

function reportTitle(report: Report): string {
  return `${report.agency}${report.year}年政府信息公开工作年度报告`;
}

/** Sum of the total column over the application rows whose id starts with `prefix`. */
function applicationTotal(report: Report, prefix: string): number {
  return sum(
    applicationRowIds(report.template)
      .filter((id) => id.startsWith(prefix))
      .map((id) => report.cells[`applications/${id}/total`]),
  );
}

function activeSummary(report: Report): string {
  const v = (key: string) => report.cells[`active_disclosure/${key}`];
  if (report.template === "2019") {
    return `全年新制作规范性文件${v("normative_documents/made")}件，新公开${v("normative_documents/published")}件，对外公开规范性文件总数${v("normative_documents/total_public")}件；公开行政许可处理决定${v("licensing/decisions")}件，行政处罚决定${v("penalty/decisions")}件。`;
  }
  return `全年制发行政规范性文件${v("normative_documents/issued")}件，废止${v("normative_documents/repealed")}件，现行有效${v("normative_documents/in_force")}件；公开行政许可处理决定${v("licensing/decisions")}件，行政处罚决定${v("penalty/decisions")}件，行政强制决定${v("enforcement/decisions")}件。`;
}

function applicationSummary(report: Report): string {
  const a = (row: string) => report.cells[`applications/${row}/total`];
  return `全年共收到政府信息公开申请${report.prose?.received ?? a("new_received")}件，上年结转${a("carried_over")}件。已办结${a("total")}件，其中予以公开${a("granted")}件，部分公开${a("partially_granted")}件，不予公开${applicationTotal(report, "denied_")}件，无法提供${applicationTotal(report, "unavailable_")}件，不予处理${applicationTotal(report, "rejected_")}件，其他处理${applicationTotal(report, "other")}件；结转下年度继续办理${a("carried_forward")}件。`;
}

function reviewSummary(report: Report): string {
  const t = (row: string) => report.cells[`review_litigation/${row}/total`];
  return `全年因政府信息公开被申请行政复议${t("review")}件，被提起行政诉讼${t("litigation_direct") + t("litigation_after_review")}件。`;
}

function overview(c: ReportWriter, report: Report): void {
  const { year, agency } = report;
  c.heading("一、总体情况");
  c.paragraph(
    `${year}年，${agency}坚持以公开为常态、不公开为例外，认真贯彻《中华人民共和国政府信息公开条例》，围绕中心工作做好政府信息公开，依法办理政府信息公开申请，政务公开工作稳步推进。本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
  );
  c.paragraph("（一）主动公开");
  c.paragraph(
    `依托${report.site}政府信息公开专栏，及时发布机构职能、政策文件、财政预决算、重点领域信息等内容。${activeSummary(report)}`,
  );
  c.paragraph("（二）依申请公开");
  c.paragraph(`${applicationSummary(report)}${reviewSummary(report)}`);
  c.paragraph("（三）政府信息管理");
  c.paragraph("落实公开前保密审查和合法性审查，动态更新主动公开基本目录，对现行有效的规范性文件进行清理并集中公布。");
  c.paragraph("（四）政府信息公开平台建设");
  c.paragraph(
    `以${report.site}为第一平台，规范专栏栏目设置，同步通过政务新媒体发布信息，提高信息发布的及时性和准确性。`,
  );
  c.paragraph("（五）监督保障");
  c.paragraph("将政务公开工作纳入年度目标考核，明确专人负责，定期开展业务培训和自查整改，主动接受社会监督。");
}

function closingSections(c: ReportWriter, report: Report): void {
  c.heading("五、存在的主要问题及改进情况");
  c.paragraph(
    `${report.year}年政府信息公开工作取得一定成效，但仍存在政策解读形式较为单一、部分栏目更新不够及时、依申请公开答复规范性有待加强等问题。`,
  );
  c.paragraph(
    `${report.year + 1}年将进一步完善信息发布审核流程，丰富图文、视频等解读形式，加强业务培训，提升依申请公开办理质量。`,
  );
  c.heading("六、其他需要报告的事项");
  c.paragraph("本年度未收取信息处理费。");
  c.paragraph("本年度无其他需要报告的事项。");
  c.space(c.style.bodySize * 2);
  c.paragraph(report.agency, { indent: false, align: "right" });
  c.paragraph(report.issued.text, { indent: false, align: "right" });
}

/** Everything below the title: the prose and the three tables, in the order every format prints them. */
function reportBody(w: ReportWriter, report: Report, width: number, reviewTables: TableSpec[]): void {
  overview(w, report);
  w.heading("二、主动公开政府信息情况");
  w.table(activeTable(report, width));
  w.heading("三、收到和处理政府信息公开申请情况");
  w.table(applicationsTable(report, width));
  w.heading("四、政府信息公开行政复议、行政诉讼情况");
  reviewTables.forEach((table, i) => {
    if (i > 0) w.space(w.style.bodySize);
    w.table(table);
  });
  closingSections(w, report);
}

// ---------------------------------------------------------------------------------------------
// The two layouts
// ---------------------------------------------------------------------------------------------

const WEB_BLUE = "#1d4f91";
const WEB_GREY = "#666";

function composeReport(report: Report): Composer {
  const info = { Title: reportTitle(report), Author: report.agency, CreationDate: new Date(report.issued.iso) };
  const c = new Composer(PAGE_STYLES[report.style], info);
  if (report.style === "web") webMasthead(c, report);
  else c.paragraph(reportTitle(report), { font: "bold", size: c.style.titleSize, indent: false, align: "center" });
  c.space(c.style.bodySize * 0.5);
  // The web print stacks the review/litigation table as two tables; Word prints one.
  reportBody(
    c,
    report,
    c.width,
    report.style === "web" ? stackedReviewTables(report, c.width) : [reviewTable(report, c.width)],
  );
  if (report.style === "web") webPrintMarks(c, report);
  else wordPageNumbers(c);
  return c;
}

/** The top of the article page: site name, breadcrumb, title and publication line. */
function webMasthead(c: Composer, report: Report): void {
  c.paragraph(report.site, { font: "bold", size: 18, indent: false, color: WEB_BLUE });
  c.bar(2, WEB_BLUE);
  c.space(4);
  c.paragraph("当前位置：首页 > 政府信息公开 > 政府信息公开工作年度报告", { size: 8, indent: false, color: WEB_GREY });
  c.space(6);
  c.paragraph(reportTitle(report), { font: "bold", size: c.style.titleSize, indent: false, align: "center" });
  const published = report.issued.iso.slice(0, 10);
  c.paragraph(`发布时间：${published}　　来源：${report.agency}　　字号：大 中 小`, {
    size: 8,
    indent: false,
    align: "center",
    color: WEB_GREY,
  });
  c.bar(0.6, "#ccc");
  c.space(6);
}

/** What the browser prints in the page margins: date and page title on top, URL and page count below. */
function webPrintMarks(c: Composer, report: Report): void {
  if (!report.print) throw new Error(`${report.file}: the web layout needs print marks`);
  const { url, at } = report.print;
  const { doc } = c;
  const { count } = doc.bufferedPageRange();
  const title = `${reportTitle(report)}_${report.site}`;
  for (let page = 0; page < count; page++) {
    doc.switchToPage(page);
    c.drawLine(at, 24, 20, "regular", 7.5);
    c.drawLine(title, (A4.width - c.measure(title, "regular", 7.5)) / 2, 20, "regular", 7.5);
    c.drawLine(url, 24, A4.height - 20, "regular", 7.5);
    const pageMark = `${page + 1}/${count}`;
    c.drawLine(pageMark, A4.width - 24 - c.measure(pageMark, "regular", 7.5), A4.height - 20, "regular", 7.5);
  }
}

/** Word's page-number footer, centred: "- 2 -". */
function wordPageNumbers(c: Composer): void {
  const { doc } = c;
  const { count } = doc.bufferedPageRange();
  for (let page = 0; page < count; page++) {
    doc.switchToPage(page);
    const mark = `- ${page + 1} -`;
    c.drawLine(mark, (A4.width - c.measure(mark, "regular", 10.5)) / 2, A4.height - 42, "regular", 10.5);
  }
}

// ---------------------------------------------------------------------------------------------
// The same reports as web pages and Word files
// ---------------------------------------------------------------------------------------------

/** A web-page or Word version of one of REPORTS: same prose, same three tables, same merges. */
interface MarkupSample {
  /** Output file name in samples/. */
  file: string;
  /** The PDF sample (REPORTS) it is made from. */
  from: string;
  format: "html" | "docx";
  /** Web pages: the site around the article (the report's own data is taken from REPORTS). */
  site?: WebSite;
}

/** A web page's furniture: its address, look and the filing numbers in its footer. */
interface WebSite {
  host: string;
  /** Where the article sits under the host. */
  path: string;
  /** "modern": HTML5 in UTF-8 with <meta charset>; "classic": an older CMS page in GBK with no charset declared. */
  look: "modern" | "classic";
  icp: string;
  police: string;
  siteCode: string;
  views: number;
}

const MARKUP_SAMPLES: MarkupSample[] = [
  {
    file: "sample-fengyang-2024-page.html",
    from: "sample-fengyang-2024-web.pdf",
    format: "html",
    site: {
      host: "www.fengyang.gov.cn",
      path: "/xxgk/ndbg/2025/art_20250116_8841.html",
      look: "modern",
      icp: "皖ICP备10203040号-1",
      police: "皖公网安备 34112602000108号",
      siteCode: "3411260001",
      views: 1286,
    },
  },
  {
    file: "sample-hexi-2019-gbk.htm",
    from: "sample-hexi-2019-ruled.pdf",
    format: "html",
    site: {
      host: "www.hexiqu.gov.cn",
      path: "/zwgk/xxgknb/202001/t20200120_40516.htm",
      look: "classic",
      icp: "津ICP备10203041号",
      police: "津公网安备 12010302000217号",
      siteCode: "1201030002",
      views: 437,
    },
  },
  { file: "sample-xinan-2022.docx", from: "sample-xinan-2022-ruled.pdf", format: "docx" },
  { file: "sample-hexi-2019.docx", from: "sample-hexi-2019-ruled.pdf", format: "docx" },
];

/** Text width of an A4 Word page with the 公文 margins (GB/T 9704: left 28 mm, right 26 mm), in points. */
const WORD_PAGE = { width: 11906, height: 16838, top: 2098, right: 1474, bottom: 1984, left: 1588 };
const WORD_TEXT_WIDTH = (WORD_PAGE.width - WORD_PAGE.left - WORD_PAGE.right) / 20;

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The article's body as HTML: paragraphs, section headings and the tables with their rowspan/colspan. */
class HtmlWriter implements ReportWriter {
  readonly style = { bodySize: 16 };
  readonly html: string[] = [];

  constructor(private readonly look: WebSite["look"]) {}

  heading(text: string): void {
    // The modern CMS marks sections up as headings; the old one as bold paragraphs.
    this.html.push(
      this.look === "modern"
        ? `<h3>${escapeXml(text)}</h3>`
        : `<p style="text-indent:2em"><strong>${escapeXml(text)}</strong></p>`,
    );
  }

  paragraph(text: string, opts: ParagraphOptions = {}): void {
    const style = opts.align === "right" ? "text-align:right" : opts.indent === false ? "" : "text-indent:2em";
    this.html.push(`<p${style ? ` style="${style}"` : ""}>${escapeXml(text)}</p>`);
  }

  space(): void {
    // Space is the style sheet's business.
  }

  table(spec: TableSpec): void {
    const px = (pt: number) => Math.round((pt * 96) / 72);
    const out = ['<table border="1" cellspacing="0" cellpadding="4" width="100%" style="border-collapse:collapse">'];
    out.push(`<colgroup>${spec.widths.map((w) => `<col width="${px(w)}">`).join("")}</colgroup>`);
    out.push("<tbody>");
    for (const row of spec.rows) {
      const cells = row.map((cell) => {
        const span = `${(cell.rowSpan ?? 1) > 1 ? ` rowspan="${cell.rowSpan}"` : ""}${(cell.colSpan ?? 1) > 1 ? ` colspan="${cell.colSpan}"` : ""}`;
        // A blank cell holds a non-breaking space, as CMS editors leave it.
        return `<td${span} align="${cell.align ?? "center"}" valign="middle">${cell.text === "" ? "&nbsp;" : escapeXml(cell.text)}</td>`;
      });
      out.push(`<tr>${cells.join("")}</tr>`);
    }
    out.push("</tbody>", "</table>");
    this.html.push(out.join("\n"));
  }
}

/** The whole article page: the site's header, navigation and breadcrumb around the article, and its footer. */
function webPage(report: Report, site: WebSite): string {
  const title = reportTitle(report);
  const body = new HtmlWriter(site.look);
  reportBody(body, report, WORD_TEXT_WIDTH, [reviewTable(report, WORD_TEXT_WIDTH)]);
  const published = `${report.issued.iso.slice(0, 10)} ${report.issued.iso.slice(11, 16)}`;
  const siteName = escapeXml(report.site);
  const related = [1, 2, 3].map((n) => {
    const year = report.year - n;
    return `<li><a href="/${site.path.split("/")[1]}/ndbg/${year + 1}/index.html">${escapeXml(`${report.agency}${year}年政府信息公开工作年度报告`)}</a><span>${year + 1}-01-${String(15 + n).padStart(2, "0")}</span></li>`;
  });
  const footer = [
    `<p>主办单位：${siteName.replace(/网站$|门户网站$/, "")}办公室　承办单位：${escapeXml(report.agency)}</p>`,
    `<p>网站标识码：${site.siteCode}　<a href="https://beian.miit.gov.cn/" target="_blank">${escapeXml(site.icp)}</a>　${escapeXml(site.police)}</p>`,
    `<p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/wzsm/">网站声明</a></p>`,
  ];
  const nav = ["首页", "政务公开", "政务服务", "互动交流", "走进" + report.site.slice(0, 2)].map(
    (label, i) => `<a href="/${["", "zwgk", "zwfw", "hdjl", "zjxq"][i]}${i ? "/" : ""}">${escapeXml(label)}</a>`,
  );
  const crumbs = `<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; <a href="/xxgk/ndbg/">政府信息公开工作年度报告</a>`;
  const info = `发布时间：${published}　来源：${escapeXml(report.agency)}　浏览次数：${site.views}`;
  const tools = `<a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a>`;
  if (site.look === "modern") {
    return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="SiteName" content="${siteName}">
<meta name="ArticleTitle" content="${escapeXml(title)}">
<meta name="PubDate" content="${published}">
<meta name="ContentSource" content="${escapeXml(report.agency)}">
<title>${escapeXml(title)}_${siteName}</title>
<link rel="stylesheet" href="/static/css/common.css">
<script src="/static/js/jquery.min.js"></script>
</head>
<body>
<header class="site-header">
<div class="logo"><a href="/"><img src="/static/images/logo.png" alt="${siteName}"></a></div>
<div class="top-links"><a href="/wza/">无障碍</a> <a href="/ydb/">移动版</a> <a href="/en/">English</a></div>
</header>
<nav class="main-nav">${nav.join("\n")}</nav>
<div class="container">
<div class="breadcrumb">当前位置：${crumbs}</div>
<article class="article">
<h1>${escapeXml(title)}</h1>
<div class="article-info">${info}　字号：<a href="javascript:void(0)">大</a> <a href="javascript:void(0)">中</a> <a href="javascript:void(0)">小</a></div>
<div class="article-content">
${body.html.join("\n")}
</div>
<div class="article-tools">${tools}</div>
</article>
<aside class="related"><h3>相关阅读</h3><ul>
${related.join("\n")}
</ul></aside>
</div>
<footer class="site-footer">
${footer.join("\n")}
</footer>
<script>var _hmt = _hmt || []; /* 统计代码 */</script>
</body>
</html>
`;
  }
  // An older CMS: XHTML transitional, no charset declared (the server sent it in the HTTP header), layout by ids.
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<title>${escapeXml(title)}-${siteName}</title>
<meta name="keywords" content="政府信息公开,年度报告" />
<link href="../../../images/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="../../../images/common.js"></script>
</head>
<body>
<div id="top"><div class="banner"><img src="../../../images/banner.jpg" width="1000" height="120" alt="${siteName}" /></div>
<div id="menu">${nav.join(" | ")}</div></div>
<div id="main">
<div class="position">您当前的位置：${crumbs}</div>
<div class="detail">
<h1 class="detail-title">${escapeXml(title)}</h1>
<div class="detail-info">${info}</div>
<div id="zoom" class="TRS_Editor">
${body.html.join("\n")}
</div>
<div class="detail-tools">${tools}</div>
<div class="detail-related"><b>相关文章：</b><ul>
${related.join("\n")}
</ul></div>
</div>
</div>
<div id="footer">
${footer.join("\n")}
</div>
</body>
</html>
`;
}

/**
 * Encodes text as GB18030/GBK for a page saved in that encoding. Node has no GBK encoder, so one is built from its
 * decoder: every two-byte sequence of the GBK code space decoded once, the first sequence giving a character kept.
 * ASCII is one byte; anything outside the two-byte space is refused rather than written wrongly.
 */
let gbkCodes: Map<string, number> | undefined;
function encodeGbk(text: string): Buffer {
  if (!gbkCodes) {
    gbkCodes = new Map();
    const decoder = new TextDecoder("gb18030");
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== "\ufffd" && !gbkCodes.has(ch)) gbkCodes.set(ch, (lead << 8) | trail);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else {
      const code = gbkCodes.get(ch);
      if (code === undefined) throw new Error(`character ${ch} (U+${cp.toString(16)}) has no two-byte GBK code`);
      bytes.push(code >> 8, code & 0xff);
    }
  }
  return Buffer.from(bytes);
}

const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A run of text; `props` is its w:rPr content. */
const wordRun = (text: string, props = "") =>
  `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;

/** The report's body as WordprocessingML: paragraphs as typed in Word, tables with w:gridSpan and w:vMerge. */
class DocxWriter implements ReportWriter {
  readonly style = { bodySize: 16 };
  readonly xml: string[] = [];

  title(text: string): void {
    this.xml.push(`<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>${wordRun(text)}</w:p>`);
  }

  heading(text: string): void {
    // Section headings are typed, not styled: 黑体 on the body's size.
    this.xml.push(
      `<w:p><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>${wordRun(text, '<w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体"/>')}</w:p>`,
    );
  }

  paragraph(text: string, opts: ParagraphOptions = {}): void {
    const pPr =
      opts.align === "right"
        ? '<w:jc w:val="right"/>'
        : opts.indent === false
          ? ""
          : '<w:ind w:firstLineChars="200" w:firstLine="640"/>';
    this.xml.push(`<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${wordRun(text)}</w:p>`);
  }

  space(): void {
    this.xml.push("<w:p/>");
  }

  table(spec: TableSpec): void {
    const twips = spec.widths.map((w) => Math.round(w * 20));
    const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
    const out = [
      `<w:tbl><w:tblPr><w:tblW w:w="${sum(twips)}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${["top", "left", "bottom", "right", "insideH", "insideV"].map(border).join("")}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>`,
      `<w:tblGrid>${twips.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>`,
    ];
    const placed = placeGrid(spec);
    spec.rows.forEach((_, r) => {
      // Word writes every grid row whole: a cell merged down from above is an empty w:vMerge continuation cell.
      const cells = placed.filter((c) => c.row <= r && r < c.row + c.rowSpan).sort((a, b) => a.col - b.col);
      const tcs = cells.map((c) => {
        const width = sum(twips.slice(c.col, c.col + c.colSpan));
        const span = c.colSpan > 1 ? `<w:gridSpan w:val="${c.colSpan}"/>` : "";
        const merge = c.rowSpan > 1 ? (c.row === r ? '<w:vMerge w:val="restart"/>' : "<w:vMerge/>") : "";
        const text =
          c.row === r && c.spec.text !== "" ? wordRun(c.spec.text, '<w:sz w:val="21"/><w:szCs w:val="21"/>') : "";
        const jc = `<w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="${c.spec.align ?? "center"}"/></w:pPr>`;
        return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${span}${merge}<w:vAlign w:val="center"/></w:tcPr><w:p>${jc}${text}</w:p></w:tc>`;
      });
      const header = r < spec.headerRows ? "<w:trPr><w:tblHeader/></w:trPr>" : "";
      out.push(`<w:tr>${header}${tcs.join("")}</w:tr>`);
    });
    out.push("</w:tbl>");
    this.xml.push(out.join("\n"));
  }
}

/** The report as a .docx: hand-written WordprocessingML zipped with fflate, every timestamp fixed. */
function wordFile(report: Report): Uint8Array {
  const w = new DocxWriter();
  w.title(reportTitle(report));
  w.space();
  reportBody(w, report, WORD_TEXT_WIDTH, [reviewTable(report, WORD_TEXT_WIDTH)]);
  const p = WORD_PAGE;
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W_NS}><w:body>
${w.xml.join("\n")}
<w:sectPr><w:pgSz w:w="${p.width}" w:h="${p.height}"/><w:pgMar w:top="${p.top}" w:right="${p.right}" w:bottom="${p.bottom}" w:left="${p.left}" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>
</w:body></w:document>`;
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${W_NS}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:line="700" w:lineRule="exact"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="方正小标宋简体" w:hAnsi="Times New Roman"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>`;
  const created = report.issued.iso.replace(/\.\d+Z$/, "Z");
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escapeXml(reportTitle(report))}</dc:title><dc:creator>${escapeXml(report.agency)}</dc:creator><cp:lastModifiedBy>${escapeXml(report.agency)}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`;
  const app = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity><Company>${escapeXml(report.agency)}</Company></Properties>`;
  const rels = (items: [id: string, type: string, target: string][]) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join("")}</Relationships>`;
  const OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;
  // Word's own part order: the content types first, then the package relationships and the main document.
  const parts: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(contentTypes),
    "_rels/.rels": strToU8(
      rels([
        ["rId1", `${OD}/officeDocument`, "word/document.xml"],
        [
          "rId2",
          "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
          "docProps/core.xml",
        ],
        ["rId3", `${OD}/extended-properties`, "docProps/app.xml"],
      ]),
    ),
    "word/document.xml": strToU8(document),
    "word/_rels/document.xml.rels": strToU8(rels([["rId1", `${OD}/styles`, "styles.xml"]])),
    "word/styles.xml": strToU8(styles),
    "docProps/core.xml": strToU8(core),
    "docProps/app.xml": strToU8(app),
  };
  // fflate writes the zip's DOS timestamps in local time: a date built from local fields is the same everywhere.
  const [y, mo, d, h, mi] = created.match(/\d+/g)!.map(Number);
  return zipSync(parts, { level: 6, mtime: new Date(y, mo - 1, d, h, mi) });
}

/** The bytes of a web-page or Word sample. */
function markupBytes(sample: MarkupSample): Buffer {
  const report = REPORTS.find((r) => r.file === sample.from);
  if (!report) throw new Error(`${sample.file}: no sample ${sample.from}`);
  if (sample.format === "docx") return Buffer.from(wordFile(report));
  if (!sample.site) throw new Error(`${sample.file}: a web page needs its site`);
  const page = webPage(report, sample.site);
  return sample.site.look === "modern" ? Buffer.from(page, "utf8") : encodeGbk(page);
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

async function render(report: Report): Promise<Buffer> {
  const { doc } = composeReport(report);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => doc.on("end", resolve));
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The truth of a sample: its file name and the sha256 of its bytes, the report's agency, year, template and cells. */
function truthFile(report: Report, bytes: Buffer, file = report.file, style: string = report.style): object {
  return {
    file,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    agency: report.agency,
    year: report.year,
    template: report.template,
    style,
    cells: report.cells,
  };
}

async function writeReports(dir: string, reports: Report[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const report of reports) {
    const pdf = await render(report);
    writeFileSync(join(dir, report.file), pdf);
    const truthPath = join(dir, report.file.replace(/\.pdf$/, ".truth.json"));
    writeFileSync(truthPath, `${JSON.stringify(truthFile(report, pdf), null, 2)}\n`);
    console.log(`${report.file}: ${pdf.length} bytes, ${Object.keys(report.cells).length} cells`);
  }
}

/** The web-page and Word samples, each with its X.truth.json (truth style: its format). */
function writeMarkupSamples(dir: string): void {
  for (const sample of MARKUP_SAMPLES) {
    const bytes = markupBytes(sample);
    const report = REPORTS.find((r) => r.file === sample.from)!;
    writeFileSync(join(dir, sample.file), bytes);
    const truthPath = join(dir, sample.file.replace(/\.[a-z]+$/, ".truth.json"));
    writeFileSync(truthPath, `${JSON.stringify(truthFile(report, bytes, sample.file, sample.format), null, 2)}\n`);
    console.log(`${sample.file}: ${bytes.length} bytes, ${Object.keys(report.cells).length} cells`);
  }
}

async function main(): Promise<void> {
  if (!process.argv.includes("--fixtures")) {
    await writeReports(SAMPLES_DIR, REPORTS);
    writeMarkupSamples(SAMPLES_DIR);
  }
  await writeReports(FIXTURES_DIR, FIXTURES);
}

await main();
