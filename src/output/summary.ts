/**
 * One row per report for dashboards and panels: where the agency is (division code, level, province, kind),
 * the headline figures, and the same figure under one column name whichever template the report follows.
 * The two templates nest for applications, reviews and suits (2021's three 其他处理 rows add up to 2019's
 * one); they do not for the active-disclosure columns, which keep their template in their name and stay empty
 * for the other template. The codebook is written from these definitions.
 */
import { cellKey, type ReportJson } from "../report/types.js";
import { APPLICATION_ROWS } from "../template/templates.js";

export interface SummaryColumn {
  name: string;
  meaning: string;
  unit?: string;
  /** The templates the column has a value for. */
  templates: "both" | "2019" | "2021";
  /** The cells it adds up (table/row/column); none: a column of the report itself. */
  cells?: string[];
}

const app = (rows: string[], col = "total") => rows.map((r) => `applications/${r}/${col}`);
const rowsStarting = (prefix: string) => APPLICATION_ROWS.split.map((r) => r.id).filter((id) => id.startsWith(prefix));
const review = (row: string, col: string) => [`review_litigation/${row}/${col}`];
const suits = (col: string) => [
  `review_litigation/litigation_direct/${col}`,
  `review_litigation/litigation_after_review/${col}`,
];
const active = (row: string, col: string) => [`active_disclosure/${row}/${col}`];

const place = (name: string, meaning: string): SummaryColumn => ({ name, meaning, templates: "both" });
const figure = (
  name: string,
  meaning: string,
  cells: string[],
  templates: SummaryColumn["templates"] = "both",
  unit = "件",
): SummaryColumn => ({
  name,
  meaning,
  unit,
  templates,
  cells,
});

export const SUMMARY_COLUMNS: SummaryColumn[] = [
  place("file", "the input file"),
  place("format", "pdf, html, docx or doc"),
  place("agency", "the agency as the report's title names it"),
  place(
    "agency_normalized",
    "the name with spaces, full-width forms, radical code points and 政府 abbreviations normalised",
  ),
  place(
    "division_code",
    "6-digit administrative division code (GB/T 2260) of the place the agency belongs to; empty when the name does not settle it (see division_note)",
  ),
  place("division_name", "the division the code stands for"),
  place(
    "division_level",
    "province, city, county, or township (a township or street office: the code is its county's)",
  ),
  place("province", "the province of the division"),
  place("agency_kind", "government, general_office, department, township, development_zone or other"),
  place("division_note", "why the division is empty, or what the code stands for"),
  place("year", "the report year"),
  place("template", "2019 or 2021: the template the report's tables follow"),
  place("status", "complete, or incomplete: the tables with standard cells that could not be read"),
  place("warnings", "warnings of the report (see warnings.csv)"),
  figure("applications_new", "本年新收政府信息公开申请数量 (all applicants)", app(["new_received"])),
  figure("applications_carried_over", "上年结转政府信息公开申请数量", app(["carried_over"])),
  figure("granted", "（一）予以公开", app(["granted"])),
  figure("partially_granted", "（二）部分公开", app(["partially_granted"])),
  figure("denied", "（三）不予公开, its eight reasons added", app(rowsStarting("denied_"))),
  figure("unavailable", "（四）无法提供, its three reasons added", app(rowsStarting("unavailable_"))),
  figure("not_processed", "（五）不予处理, its five reasons added", app(rowsStarting("rejected_"))),
  figure("other_handling", "（六）其他处理: 2019's one row, 2021's three rows added", [
    ...app(["other"]),
    ...app(rowsStarting("other_")),
  ]),
  figure("applications_total", "（七）总计 of the outcomes", app(["total"])),
  figure("applications_carried_forward", "四、结转下年度继续办理", app(["carried_forward"])),
  figure("applications_natural_person", "本年新收 from natural persons", app(["new_received"], "natural_person")),
  figure("review_upheld", "行政复议 结果维持", review("review", "upheld")),
  figure("review_corrected", "行政复议 结果纠正", review("review", "corrected")),
  figure("review_other", "行政复议 其他结果", review("review", "other")),
  figure("review_pending", "行政复议 尚未审结", review("review", "pending")),
  figure("review_total", "行政复议 总计", review("review", "total")),
  figure("suits_upheld", "行政诉讼 结果维持 (未经复议直接起诉 and 复议后起诉 added)", suits("upheld")),
  figure("suits_corrected", "行政诉讼 结果纠正 (both kinds added)", suits("corrected")),
  figure("suits_other", "行政诉讼 其他结果 (both kinds added)", suits("other")),
  figure("suits_pending", "行政诉讼 尚未审结 (both kinds added)", suits("pending")),
  figure("suits_total", "行政诉讼 总计 (both kinds added)", suits("total")),
  figure("licensing_decisions", "行政许可 处理决定数量", active("licensing", "decisions")),
  figure("penalty_decisions", "行政处罚 处理决定数量", active("penalty", "decisions")),
  figure("enforcement_decisions", "行政强制 处理决定数量", active("enforcement", "decisions")),
  figure("rules_issued_2021", "规章 本年制发件数 (2021 template only)", active("rules", "issued"), "2021"),
  figure("rules_in_force_2021", "规章 现行有效件数 (2021 template only)", active("rules", "in_force"), "2021"),
  figure(
    "normative_documents_issued_2021",
    "行政规范性文件 本年制发件数 (2021 template only)",
    active("normative_documents", "issued"),
    "2021",
  ),
  figure(
    "normative_documents_in_force_2021",
    "行政规范性文件 现行有效件数 (2021 template only)",
    active("normative_documents", "in_force"),
    "2021",
  ),
  figure("rules_made_2019", "规章 本年新制作数量 (2019 template only)", active("rules", "made"), "2019"),
  figure(
    "normative_documents_made_2019",
    "规范性文件 本年新制作数量 (2019 template only)",
    active("normative_documents", "made"),
    "2019",
  ),
  figure(
    "fees_10k_yuan_2021",
    "行政事业性收费 本年收费金额 (2021 template only; 2019 counts fee items, not amounts)",
    active("fees", "amount_10k_yuan"),
    "2021",
    "万元",
  ),
  {
    name: "prose_applications_received",
    meaning: "applications received as the report's prose states them (compare applications_new)",
    unit: "件",
    templates: "both",
  },
  {
    name: "prose_processing_fee_yuan",
    meaning: "processing fees as the prose states them",
    unit: "元",
    templates: "both",
  },
];

type Value = string | number | null;

/** The summary row of one report. */
export function summaryRow(r: ReportJson): Record<string, Value> {
  const values = new Map(r.cells.map((c) => [cellKey(c), c.value]));
  const incomplete = [
    ...new Set(
      r.warnings.filter((w) => w.rule === "table.cells_missing").flatMap((w) => w.cells.map((k) => k.split("/")[0])),
    ),
  ];
  const own: Record<string, Value> = {
    file: r.source.file,
    format: r.source.format ?? "pdf",
    ...Object.fromEntries(
      (
        [
          "agency",
          "agency_normalized",
          "division_code",
          "division_name",
          "division_level",
          "province",
          "agency_kind",
          "division_note",
          "year",
          "template",
        ] as const
      ).map((k) => [k, r.report[k] ?? null]),
    ),
    status: incomplete.length ? `incomplete: ${incomplete.join(", ")}` : "complete",
    warnings: r.warnings.length,
    prose_applications_received: r.narrative.find((s) => s.kind === "applications_received")?.value ?? null,
    prose_processing_fee_yuan: r.narrative.find((s) => s.kind === "processing_fee")?.value ?? null,
  };
  const row: Record<string, Value> = {};
  for (const col of SUMMARY_COLUMNS) {
    if (!col.cells) {
      row[col.name] = own[col.name] ?? null;
      continue;
    }
    // A figure is given only when every cell it adds up, of the rows the report's template has, was read.
    const cells = col.cells.filter((k) => knownFor(r, k));
    const applies = col.templates === "both" || col.templates === r.report.template;
    row[col.name] =
      applies && cells.length && cells.every((k) => values.has(k))
        ? Number(cells.reduce((s, k) => s + values.get(k)!, 0).toFixed(6))
        : null;
  }
  return row;
}

/** Whether a cell id belongs to the report's template (2021's split 其他处理 rows or 2019's one). */
function knownFor(r: ReportJson, key: string): boolean {
  const [table, row] = key.split("/");
  if (table !== "applications") return true;
  const rows = APPLICATION_ROWS[r.report.other_rows].map((d) => d.id);
  return rows.includes(row);
}
