import { describe, expect, it } from "vitest";
import type { ReportCell, ReportJson } from "../src/extract/report.js";
import { standardCells, type TemplateVersion } from "../src/template/templates.js";
import { checkReport } from "../src/validate/rules.js";

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
function consistentReport(template: TemplateVersion = "2021"): ReportJson {
  const cells: ReportCell[] = standardCells(template, "split").map((c) => {
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
    source: { file: "t.pdf", sha256: "0".repeat(64), pages: 5, bytes: 1 },
    report: { agency: "测试局", year: template === "2021" ? 2022 : 2019, template, title: null, other_rows: "split" },
    tables: [],
    cells,
    warnings: [],
  };
}

function set(report: ReportJson, key: string, v: number): ReportJson {
  const c = report.cells.find((x) => `${x.table}/${x.row}/${x.column}` === key);
  if (!c) throw new Error(`no cell ${key}`);
  c.value = v;
  return report;
}
const add = (report: ReportJson, key: string, d: number) =>
  set(report, key, report.cells.find((x) => `${x.table}/${x.row}/${x.column}` === key)!.value + d);

const rules = (report: ReportJson) => checkReport(report).map((w) => w.rule);

describe("checkReport", () => {
  it("says nothing about a consistent report (2021 and 2019 templates)", () => {
    expect(checkReport(consistentReport("2021"))).toEqual([]);
    expect(checkReport(consistentReport("2019"))).toEqual([]);
  });

  it("applications.balance: new + carried over = total + carried forward", () => {
    const r = consistentReport();
    add(r, "applications/carried_forward/natural_person", 1);
    add(r, "applications/carried_forward/total", 1);
    const ws = checkReport(r);
    expect(ws.map((w) => w.rule)).toEqual(["applications.balance", "applications.balance"]);
    expect(ws[0]).toMatchObject({
      kind: "consistency",
      severity: "error",
      pages: [3],
      left: { value: 6 },
      right: { value: 7 },
    });
    expect(ws[0].cells).toContain("applications/carried_forward/natural_person");
    expect(ws[0].message).toContain("第3页");
  });

  it("applications.outcome_sum: total = sum of the outcome rows", () => {
    const r = consistentReport();
    add(r, "applications/granted/commercial", 2);
    add(r, "applications/granted/total", 2);
    const ws = checkReport(r);
    expect(ws.map((w) => w.rule)).toEqual(["applications.outcome_sum", "applications.outcome_sum"]);
    expect(ws[0]).toMatchObject({ left: { cells: ["applications/total/commercial"], value: 1 }, right: { value: 3 } });
  });

  it("applications.row_total: a row's 总计 = sum of its organisation columns", () => {
    const r = consistentReport();
    add(r, "applications/granted/natural_person", 1);
    add(r, "applications/partially_granted/natural_person", -1);
    const ws = checkReport(r);
    expect(ws.map((w) => w.rule)).toEqual(["applications.row_total", "applications.row_total"]);
    expect(ws.map((w) => w.left?.cells[0]).sort()).toEqual(["applications/granted/total", "applications/partially_granted/total"]);
  });

  it("review_litigation.row_total names both sides' values and the page", () => {
    const r = consistentReport();
    set(r, "review_litigation/review/upheld", 10);
    set(r, "review_litigation/review/corrected", 1);
    set(r, "review_litigation/review/total", 0);
    const ws = checkReport(r);
    expect(ws).toHaveLength(1);
    const w = ws[0];
    expect(w.rule).toBe("review_litigation.row_total");
    expect(w.left).toEqual({ cells: ["review_litigation/review/total"], value: 0 });
    expect(w.right?.value).toBe(11);
    expect(w.message).toContain("行政复议");
    expect(w.message).toContain("总计 0");
    expect(w.message).toContain("结果维持 10");
    expect(w.message).toContain("结果纠正 1");
    expect(w.message).toContain("第4页");
    expect(w.pages).toEqual([4]);
  });

  it("stays silent about a relation over a cell that was not read", () => {
    const r = consistentReport();
    set(r, "review_litigation/review/total", 99);
    r.cells = r.cells.filter((c) => !(c.table === "review_litigation" && c.row === "review" && c.column === "pending"));
    expect(checkReport(r)).toEqual([]);
  });

  // Bug: the outcome rows are taken from the cells that were read, so a row that was not read at all drops out
  // of the sum instead of silencing the relation.
  it("stays silent when a whole outcome row was not read", () => {
    const r = consistentReport();
    r.cells = r.cells.filter((c) => !(c.table === "applications" && c.row === "granted"));
    expect(checkReport(r)).toEqual([]);
  });

  it("value.invalid: negative or fractional counts", () => {
    const neg = set(consistentReport(), "active_disclosure/rules/issued", -1);
    const ws = checkReport(neg);
    expect(ws.map((w) => w.rule)).toEqual(["value.invalid"]);
    expect(ws[0]).toMatchObject({ kind: "consistency", cells: ["active_disclosure/rules/issued"], pages: [2] });
    expect(ws[0].message).toContain("-1");
    expect(rules(set(consistentReport(), "active_disclosure/licensing/decisions", 2.5))).toEqual(["value.invalid"]);
  });

  it("allows fractions in amount columns and negatives in the 2019 change column", () => {
    expect(rules(set(consistentReport("2021"), "active_disclosure/fees/amount_10k_yuan", 5949.088667))).toEqual([]);
    expect(rules(set(consistentReport("2019"), "active_disclosure/licensing/change", -3))).toEqual([]);
    expect(rules(set(consistentReport("2019"), "active_disclosure/licensing/prior_items", -3))).toEqual(["value.invalid"]);
  });
});
