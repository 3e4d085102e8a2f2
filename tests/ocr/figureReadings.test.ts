import { describe, expect, it } from "vitest";
import { misreadFigures } from "../../src/ocr/figureReadings.js";

/** A ruled table's readings, row by row: a label column and three value columns. */
function table(rows: string[][]) {
  const texts = rows.flat();
  const places = rows.flatMap((r, y) => r.map((_, x) => ({ row: `${y}`, col: `${x}` })));
  const at = (y: number, x: number) => y * rows[0].length + x;
  return { may: misreadFigures(texts, places), at };
}

describe("misreadFigures", () => {
  const rows = [
    ["信息内容", "自然人", "商业企业", "总计"],
    ["本年新收政府信息公开申请数量", "64", "也", "70"],
    ["上年结转政府信息公开申请数量", "品", "间", "恬"],
    ["予以公开", "27", "0", "30"],
  ];

  it("takes short readings in a row of figures for misread figures", () => {
    const { may, at } = table(rows);
    expect(may(at(1, 2))).toBe(true);
  });

  it("takes one character in a column of figures for one, though its whole row misread", () => {
    const { may, at } = table(rows);
    expect([1, 2, 3].map((x) => may(at(2, x)))).toEqual([true, true, true]);
  });

  it("leaves labels and header words alone", () => {
    const { may, at } = table(rows);
    expect(may(at(2, 0))).toBe(false);
    expect([1, 2, 3].map((x) => may(at(0, x)))).toEqual([false, false, false]);
  });

  it("knows a borderless table's text block by its length alone", () => {
    const may = misreadFigures(
      ["也", "行政许可"],
      [
        { row: null, col: null },
        { row: null, col: null },
      ],
    );
    expect([may(0), may(1)]).toEqual([true, false]);
  });
});
