import { describe, expect, it } from "vitest";
import { SUMMARY_COLUMNS, summaryRow } from "../src/output/summary.js";
import { consistentReport, set } from "./consistentReport.js";

describe("summaryRow: one series across the two templates", () => {
  it("adds 2021's three 其他处理 rows into the 2019 row's column, and the reasons of 不予公开/无法提供/不予处理", () => {
    const y2019 = consistentReport("2019", "single");
    set(y2019, "applications/other/total", 4);
    set(y2019, "applications/denied_state_secret/total", 1);
    set(y2019, "applications/denied_third_party/total", 2);
    const y2021 = consistentReport("2021", "split");
    set(y2021, "applications/other_no_correction/total", 1);
    set(y2021, "applications/other_unpaid_fee/total", 2);
    set(y2021, "applications/other_other/total", 3);
    set(y2021, "applications/unavailable_not_held/total", 5);
    set(y2021, "applications/unavailable_unclear/total", 1);
    set(y2021, "review_litigation/litigation_direct/upheld", 2);
    set(y2021, "review_litigation/litigation_after_review/upheld", 3);
    const [a, b] = [summaryRow(y2019), summaryRow(y2021)];
    expect([a.year, b.year]).toEqual([2019, 2022]);
    expect([a.other_handling, b.other_handling]).toEqual([4, 1 + 2 + 3]);
    expect(a.denied).toBe(1 + 2);
    expect(b.unavailable).toBe(5 + 1);
    expect(b.suits_upheld).toBe(2 + 3);
    // The templates' active-disclosure columns do not nest: each template's own, the other's empty.
    expect([a.rules_made_2019, a.rules_issued_2021]).toEqual([expect.any(Number), null]);
    expect([b.rules_made_2019, b.rules_issued_2021]).toEqual([null, expect.any(Number)]);
    expect(a.status).toBe("complete");
  });

  it("leaves a figure empty when a cell it adds up was not read, never a partial sum", () => {
    const r = consistentReport("2021", "split");
    r.cells = r.cells.filter((c) => !(c.row === "other_unpaid_fee" && c.column === "total"));
    r.warnings.push({
      rule: "table.cells_missing",
      kind: "extraction",
      severity: "error",
      message: "",
      cells: ["applications/other_unpaid_fee/total"],
      pages: [],
    });
    const row = summaryRow(r);
    expect(row.other_handling).toBeNull();
    expect(row.granted).not.toBeNull();
    expect(row.status).toBe("incomplete: applications");
  });

  it("has a row value for every column of the codebook", () => {
    expect(Object.keys(summaryRow(consistentReport()))).toEqual(SUMMARY_COLUMNS.map((c) => c.name));
  });
});
