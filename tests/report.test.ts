import { describe, expect, it } from "vitest";
import { grid } from "./grid.js";
import { buildReport } from "../src/extract/report.js";
import { incompleteTables } from "../src/validate/rules.js";

const source = { file: "x.pdf", sha256: "0", format: "pdf" as const, pages: 1, bytes: 1 };
const header = ["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];

describe("buildReport: figures in a row the template does not have", () => {
  it("marks the cells beside them unsure, and the table is not checked by its relations", () => {
    // 122 wrapped round its label: 12 on the label's line, 2 on a line of its own beside a group label.
    const table = grid([
      header,
      ["4.保护第三方合法权益", "98", "12", "0", "1", "5", "6", "12"],
      ["（三）不予", "", "", "", "", "", "", "2"],
      ["5.属于三类内部事务信息", "0", "3", "0", "0", "0", "0", "3"],
    ]);
    const report = buildReport(
      { tables: [table], meta: { title: null, agency: null, year: 2023 }, narrative: [], sections: [] },
      source,
    );
    const unplaced = report.warnings.find((w) => w.rule === "table.figures_unplaced");
    expect(unplaced?.cells.sort()).toEqual([
      "applications/denied_internal_affairs/total",
      "applications/denied_third_party/total",
    ]);
    // Alone (without the table's missing cells), it still keeps the relations from being checked.
    expect(incompleteTables({ warnings: [unplaced!] })).toEqual(new Set(["applications"]));
  });

  it("says nothing when every row with figures has its place", () => {
    const table = grid([header, ["4.保护第三方合法权益", "98", "12", "0", "1", "5", "6", "122"]]);
    const report = buildReport(
      { tables: [table], meta: { title: null, agency: null, year: 2023 }, narrative: [], sections: [] },
      source,
    );
    expect(report.warnings.some((w) => w.rule === "table.figures_unplaced")).toBe(false);
  });

  it("says nothing of figures read twice by two overlapping tables, once placed", () => {
    const rows = [header, ["4.保护第三方合法权益", "98", "12", "0", "1", "5", "6", "122"]];
    const report = buildReport(
      {
        tables: [grid(rows), grid(rows)],
        meta: { title: null, agency: null, year: 2023 },
        narrative: [],
        sections: [],
      },
      source,
    );
    expect(report.warnings.some((w) => w.rule === "table.figures_unplaced")).toBe(false);
  });
});

describe("buildReport: an agency read by OCR", () => {
  const table = grid([header, ["4.保护第三方合法权益", "98", "12", "0", "1", "5", "6", "122"]]);
  const build = (agency: string, agencyByOcr: boolean) =>
    buildReport(
      { tables: [table], meta: { title: null, agency, year: 2023, agencyByOcr }, narrative: [], sections: [] },
      source,
    ).warnings.filter((w) => w.rule === "meta.agency_unverified");

  it("is flagged when it names no real place at its start (重州 for 孟州)", () => {
    const [w] = build("重州市商务局", true);
    expect(w.message).toContain("重州市商务局");
    expect(w.severity).toBe("warning");
  });
  it("is not flagged when it names a real place, nor when a text layer gave it", () => {
    expect(build("孟州市商务局", true)).toEqual([]);
    expect(build("重州市商务局", false)).toEqual([]);
  });
});
