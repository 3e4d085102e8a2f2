import { describe, expect, it } from "vitest";
import { grid } from "./grid.js";
import { tableRows } from "../src/extract/rows.js";

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

  it("takes a row whose every cell spans down from the row above as part of it, not as a header", () => {
    const t = grid([
      ["", "自然人", "总计"],
      ["一、本年新收政府信息公开申请数量", "1", "1"],
      ["二、上年结转政府信息公开申请数量", "2", "2"],
    ]);
    // A rule stub cut the first data row in two: its cells span both halves.
    t.ys.splice(2, 0, 15);
    t.cells = t.cells.map((c) => (c.row === 0 ? c : c.row === 1 ? { ...c, rowSpan: 2 } : { ...c, row: c.row + 1 }));
    const rows = tableRows([t]);
    expect(rows.map((r) => r.values.map((v) => v.header))).toEqual([
      ["自然人", "总计"],
      ["自然人", "总计"],
    ]);
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
