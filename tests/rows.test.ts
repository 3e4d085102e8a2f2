import { describe, expect, it } from "vitest";
import type { Cell, Table } from "../src/layout/table.js";
import { tableRows } from "../src/extract/rows.js";

/** A ruled table from rows of cell texts, one atomic cell each (10 × 10 points). */
function grid(rows: string[][]): Table {
  const ncols = Math.max(...rows.map((r) => r.length));
  const cells: Cell[] = rows.flatMap((texts, row) =>
    texts.map((text, col) => ({
      row,
      col,
      rowSpan: 1,
      colSpan: 1,
      text,
      glyphs: [],
      box: { x0: col * 10, y0: row * 10, x1: col * 10 + 10, y1: row * 10 + 10 },
    })),
  );
  return {
    page: 1,
    strategy: "lattice",
    box: { x0: 0, y0: 0, x1: ncols * 10, y1: rows.length * 10 },
    xs: Array.from({ length: ncols + 1 }, (_, k) => k * 10),
    ys: Array.from({ length: rows.length + 1 }, (_, k) => k * 10),
    cells,
  };
}

describe("tableRows", () => {
  it("takes a header row with one word misread as a figure for a header, not a data row", () => {
    const header = [
      "结果维持",
      "结果纠正",
      "其他结果",
      "尚未审结",
      "总计",
      "结果维持",
      "结果纠正",
      "其他结果",
      "尚未审结",
      "7",
    ];
    const rows = tableRows([grid([header, ["0", "0", "0", "0", "0", "0", "0", "0", "0", "0"]])]);
    expect(rows).toHaveLength(1);
    expect(rows[0].row).toBe(1);
    expect(rows[0].values.map((v) => v.header)).toEqual(header);
  });

  it("keeps a data row whose labels span several columns", () => {
    const rows = tableRows([
      grid([
        ["", "", "自然人", "总计"],
        ["（三）不予公开", "1.属于国家秘密", "2", "2"],
      ]),
    ]);
    expect(rows.map((r) => r.values.map((v) => v.cell.text))).toEqual([["2", "2"]]);
  });

  it("completes a header cut by a page break with the previous header's words, counted from the right", () => {
    const first = grid([["说明", "自然人", "商业企业", "总计"]]);
    const next = grid([
      ["", "", "企业", ""],
      ["一、本年新收政府信息公开申请数量", "1", "2", "3"],
    ]);
    const rows = tableRows([first, next]);
    expect(rows.map((r) => r.values.map((v) => v.header))).toEqual([["自然人", "商业企业 企业", "总计"]]);
  });
});
