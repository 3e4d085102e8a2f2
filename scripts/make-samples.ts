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
 * The same run writes test fixtures into tests/fixtures/ (`--fixtures` writes only those): reports
 * that break a consistency check on purpose (a carry-over that disagrees with last year's report,
 * prose that contradicts its table, a review table whose 总计 does not add up).
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
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
      rows: [["rules", "规章"], ["normative_documents", "行政规范性文件"]],
      columns: [["issued", "本年制发件数"], ["repealed", "本年废止件数"], ["in_force", "现行有效件数"]],
    },
    { label: "第二十条第（五）项", rows: [["licensing", "行政许可"]], columns: [["decisions", "本年处理决定数量"]] },
    {
      label: "第二十条第（六）项",
      rows: [["penalty", "行政处罚"], ["enforcement", "行政强制"]],
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
      rows: [["rules", "规章"], ["normative_documents", "规范性文件"]],
      columns: [["made", "本年新制作数量"], ["published", "本年新公开数量"], ["total_public", "对外公开总数量"]],
    },
    {
      label: "第二十条第（五）项",
      rows: [["licensing", "行政许可"], ["other_services", "其他对外管理服务事项"]],
      columns: [["prior_items", "上一年项目数量"], ["change", "本年增/减"], ["decisions", "处理决定数量"]],
    },
    {
      label: "第二十条第（六）项",
      rows: [["penalty", "行政处罚"], ["enforcement", "行政强制"]],
      columns: [["prior_items", "上一年项目数量"], ["change", "本年增/减"], ["decisions", "处理决定数量"]],
    },
    {
      label: "第二十条第（八）项",
      rows: [["fees", "行政事业性收费"]],
      columns: [["prior_items", "上一年项目数量"], ["change", "本年增/减"]],
    },
    {
      label: "第二十条第（九）项",
      rows: [["procurement", "政府集中采购"]],
      columns: [["items", "采购项目数量"], ["amount", "采购总金额"]],
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
        "rules/issued": 0, "rules/repealed": 0, "rules/in_force": 0,
        "normative_documents/issued": 14, "normative_documents/repealed": 3, "normative_documents/in_force": 87,
        "licensing/decisions": 1265, "penalty/decisions": 38, "enforcement/decisions": 5,
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
        "rules/made": 0, "rules/published": 0, "rules/total_public": 0,
        "normative_documents/made": 6, "normative_documents/published": 6, "normative_documents/total_public": 42,
        "licensing/prior_items": 12, "licensing/change": -3, "licensing/decisions": 12385,
        "other_services/prior_items": 8, "other_services/change": 2, "other_services/decisions": 356,
        "penalty/prior_items": 5, "penalty/change": 0, "penalty/decisions": 3,
        "enforcement/prior_items": 2, "enforcement/change": 0, "enforcement/decisions": 0,
        "fees/prior_items": 3, "fees/change": -1,
        "procurement/items": 47, "procurement/amount": 1286.35,
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
        "rules/issued": 0, "rules/repealed": 0, "rules/in_force": 0,
        "normative_documents/issued": 2, "normative_documents/repealed": 1, "normative_documents/in_force": 9,
        "licensing/decisions": 3568, "penalty/decisions": 214, "enforcement/decisions": 37,
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
        "rules/issued": 0, "rules/repealed": 0, "rules/in_force": 0,
        "normative_documents/issued": 11, "normative_documents/repealed": 5, "normative_documents/in_force": 93,
        "licensing/decisions": 1310, "penalty/decisions": 41, "enforcement/decisions": 4,
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
        "rules/issued": 0, "rules/repealed": 0, "rules/in_force": 0,
        "normative_documents/issued": 4, "normative_documents/repealed": 1, "normative_documents/in_force": 45,
        "licensing/decisions": 860, "penalty/decisions": 6, "enforcement/decisions": 0,
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
        "rules/issued": 0, "rules/repealed": 0, "rules/in_force": 0,
        "normative_documents/issued": 3, "normative_documents/repealed": 0, "normative_documents/in_force": 7,
        "licensing/decisions": 3120, "penalty/decisions": 187, "enforcement/decisions": 29,
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

class Composer {
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
  paragraph(text: string, opts: { font?: FontName; size?: number; indent?: boolean; align?: Align; color?: string } = {}): void {
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
    const taken: boolean[][] = spec.rows.map(() => []);
    const placed: PlacedCell[] = [];
    spec.rows.forEach((cells, row) => {
      let col = 0;
      for (const cell of cells) {
        while (taken[row][col]) col++;
        const rowSpan = cell.rowSpan ?? 1;
        const colSpan = cell.colSpan ?? 1;
        for (let r = row; r < row + rowSpan; r++) for (let c = col; c < col + colSpan; c++) taken[r][c] = true;
        const width = sum(spec.widths.slice(col, col + colSpan)) - 2 * this.style.cellPadX;
        const lines = cell.vertical ? Array.from(cell.text) : this.wrap(cell.text, width, "regular", this.style.tableSize);
        placed.push({ spec: cell, row, col, rowSpan, colSpan, lines });
        col += colSpan;
      }
    });
    // A mistake in the spans would silently give a malformed table, so check the grid is exactly covered.
    taken.forEach((cols, row) => {
      if (cols.length !== spec.widths.length || cols.some((t) => !t)) throw new Error(`table row ${row} is not fully covered`);
    });
    return placed;
  }

  /** Row heights grow to fit their cells; a spanning cell that needs more grows its rows evenly. */
  private rowHeights(spec: TableSpec, placed: PlacedCell[]): number[] {
    const heights = spec.rows.map(() => this.style.minRowHeight);
    const needed = (cell: PlacedCell) => cell.lines.length * this.style.tableSize * TABLE_LEADING + 2 * this.style.cellPadY;
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
function textOwners(spec: TableSpec, placed: PlacedCell[], segments: Segment[], heights: number[]): Map<PlacedCell, number> {
  const owners = new Map<PlacedCell, number>();
  for (const cell of placed) {
    if (cell.row < spec.headerRows) continue;
    let best = 0;
    segments.forEach((segment, s) => {
      const height = sum(segment.rows.filter((r) => r >= cell.row && r < cell.row + cell.rowSpan).map((r) => heights[r]));
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
    [{ text: BALANCE_NOTE, colSpan: 3, rowSpan: 3 }, { text: "申请人情况", colSpan: 7 }],
    [{ text: "自然人", rowSpan: 2, vertical }, { text: "法人或其他组织", colSpan: 5 }, { text: "总计", rowSpan: 2, vertical }],
    ORG_HEADERS.map((text) => ({ text, vertical })),
  ];
  const head = APPLICATION_HEAD.map(([id, text]) => [{ text: label(id, text), colSpan: 3, align: labelAlign }, ...values(id)]);
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
      [{ text: "行政复议", colSpan: 5 }, { text: "行政诉讼", colSpan: 10 }],
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
        [{ text: "未经复议直接起诉", colSpan: 5 }, { text: "复议后起诉", colSpan: 5 }],
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
  return sum(applicationRowIds(report.template).filter((id) => id.startsWith(prefix)).map((id) => report.cells[`applications/${id}/total`]));
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

function overview(c: Composer, report: Report): void {
  const { year, agency } = report;
  c.heading("一、总体情况");
  c.paragraph(`${year}年，${agency}坚持以公开为常态、不公开为例外，认真贯彻《中华人民共和国政府信息公开条例》，围绕中心工作做好政府信息公开，依法办理政府信息公开申请，政务公开工作稳步推进。本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`);
  c.paragraph("（一）主动公开");
  c.paragraph(`依托${report.site}政府信息公开专栏，及时发布机构职能、政策文件、财政预决算、重点领域信息等内容。${activeSummary(report)}`);
  c.paragraph("（二）依申请公开");
  c.paragraph(`${applicationSummary(report)}${reviewSummary(report)}`);
  c.paragraph("（三）政府信息管理");
  c.paragraph("落实公开前保密审查和合法性审查，动态更新主动公开基本目录，对现行有效的规范性文件进行清理并集中公布。");
  c.paragraph("（四）政府信息公开平台建设");
  c.paragraph(`以${report.site}为第一平台，规范专栏栏目设置，同步通过政务新媒体发布信息，提高信息发布的及时性和准确性。`);
  c.paragraph("（五）监督保障");
  c.paragraph("将政务公开工作纳入年度目标考核，明确专人负责，定期开展业务培训和自查整改，主动接受社会监督。");
}

function closingSections(c: Composer, report: Report): void {
  c.heading("五、存在的主要问题及改进情况");
  c.paragraph(`${report.year}年政府信息公开工作取得一定成效，但仍存在政策解读形式较为单一、部分栏目更新不够及时、依申请公开答复规范性有待加强等问题。`);
  c.paragraph(`${report.year + 1}年将进一步完善信息发布审核流程，丰富图文、视频等解读形式，加强业务培训，提升依申请公开办理质量。`);
  c.heading("六、其他需要报告的事项");
  c.paragraph("本年度未收取信息处理费。");
  c.paragraph("本年度无其他需要报告的事项。");
  c.space(c.style.bodySize * 2);
  c.paragraph(report.agency, { indent: false, align: "right" });
  c.paragraph(report.issued.text, { indent: false, align: "right" });
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
  overview(c, report);
  c.heading("二、主动公开政府信息情况");
  c.table(activeTable(report, c.width));
  c.heading("三、收到和处理政府信息公开申请情况");
  c.table(applicationsTable(report, c.width));
  c.heading("四、政府信息公开行政复议、行政诉讼情况");
  if (report.style === "web") {
    const [review, litigation] = stackedReviewTables(report, c.width);
    c.table(review);
    c.space(c.style.bodySize);
    c.table(litigation);
  } else {
    c.table(reviewTable(report, c.width));
  }
  closingSections(c, report);
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
  c.paragraph(`发布时间：${published}　　来源：${report.agency}　　字号：大 中 小`, { size: 8, indent: false, align: "center", color: WEB_GREY });
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

function truthFile(report: Report, pdf: Buffer): object {
  return {
    file: report.file,
    sha256: createHash("sha256").update(pdf).digest("hex"),
    agency: report.agency,
    year: report.year,
    template: report.template,
    style: report.style,
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

async function main(): Promise<void> {
  if (!process.argv.includes("--fixtures")) await writeReports(SAMPLES_DIR, REPORTS);
  await writeReports(FIXTURES_DIR, FIXTURES);
}

await main();
