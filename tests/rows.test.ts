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
