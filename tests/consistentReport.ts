import type { ReportCell, ReportJson } from "../src/report/types.js";
import { placeAgency } from "../src/extract/divisions.js";
import { standardCells, type TemplateVersion } from "../src/template/templates.js";

// A consistent applications table (split 其他处理 rows): organisation columns then 总计; unlisted rows are all 0.
const ORGS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"];
const APPS: Record<string, number[]> = {
  new_received: [5, 2, 0, 0, 0, 1],
  carried_over: [1, 0, 0, 0, 0, 0],
  granted: [3, 1, 0, 0, 0, 0],
  partially_granted: [1, 0, 0, 0, 0, 0],
  rejected_duplicate: [1, 0, 0, 0, 0, 1],
  total: [5, 1, 0, 0, 0, 1], // sum of the outcome rows
  carried_forward: [1, 1, 0, 0, 0, 0], // new + carried over - total
};
const REVIEW: Record<string, number[]> = {
  review: [2, 1, 0, 0],
  litigation_direct: [0, 0, 0, 1],
};
const REVIEW_COLS = ["upheld", "corrected", "other", "pending"];
const PAGE = { active_disclosure: 2, applications: 3, review_litigation: 4 } as const;

function value(table: string, row: string, column: string): number {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (table === "applications") {
    const r = APPS[row] ?? [0, 0, 0, 0, 0, 0];
    return column === "total" ? sum(r) : r[ORGS.indexOf(column)];
  }
  if (table === "review_litigation") {
    const r = REVIEW[row] ?? [0, 0, 0, 0];
    return column === "total" ? sum(r) : r[REVIEW_COLS.indexOf(column)];
  }
  return column === "amount_10k_yuan" || column === "amount" ? 12.5 : 3;
}

/** A complete report whose cells keep every relation of the template. */
export function consistentReport(
  template: TemplateVersion = "2021",
  otherRows: "split" | "single" = "split",
): ReportJson {
  const cells: ReportCell[] = standardCells(template, otherRows).map((c) => {
    const v = value(c.table, c.row, c.column);
    return {
      table: c.table,
      row: c.row,
      column: c.column,
      row_label: c.rowLabel,
      column_label: c.columnLabel,
      value: v,
      raw: String(v),
      blank: false,
      page: PAGE[c.table],
      bbox: [0, 0, 10, 10],
      strategy: "lattice",
      label_score: 1,
    };
  });
  return {
    extractor: { name: "xxgk", version: "test" },
    source: { file: "t.pdf", sha256: "0".repeat(64), format: "pdf", pages: 5, bytes: 1 },
    report: {
      agency: "测试局",
      ...placeAgency("测试局"),
      year: template === "2021" ? 2022 : 2019,
      template,
      title: null,
      other_rows: otherRows,
    },
    tables: [],
    cells,
    narrative: [],
    sections: [],
    warnings: [],
  };
}

export function set(report: ReportJson, key: string, v: number): ReportJson {
  const c = report.cells.find((x) => `${x.table}/${x.row}/${x.column}` === key);
  if (!c) throw new Error(`no cell ${key}`);
  c.value = v;
  return report;
}
export const add = (report: ReportJson, key: string, d: number) =>
  set(report, key, report.cells.find((x) => `${x.table}/${x.row}/${x.column}` === key)!.value + d);
