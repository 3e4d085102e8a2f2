import { describe, expect, it } from "vitest";
import type { Box } from "../../src/pdf/types.js";
import type { ReadBlock } from "../../src/ocr/stacks.js";
import {
  amongFigures,
  blankColumns,
  gridSegments,
  rowLabels,
  trailingHeader,
  virtualGrids,
} from "../../src/ocr/virtualGrid.js";

const b = (
  text: string,
  kind: ReadBlock["kind"],
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  confidence = 95,
): ReadBlock => ({
  box: { x0, y0, x1, y1 } as Box,
  text,
  confidence,
  kind,
  lineHeight: 6,
});
const settings = { pad: 1, minColumnRows: 2, minConfidence: 50, maxHeaderHeight: 40, minBareRowValues: 4 };

/** A three-row borderless table: header words over two value columns, labels on the left. */
function table(): ReadBlock[] {
  return [
    b("信息内容", "label", 10, 0, 40, 6),
    b("本年制发件数", "label", 100, 0, 130, 6),
    b("现行有效件数", "label", 150, 0, 180, 6),
    b("规章", "label", 10, 12, 30, 18),
    b("30", "figure", 110, 12, 120, 18),
    b("42", "figure", 160, 12, 170, 18),
    b("行政规范性文件", "label", 10, 24, 60, 30),
    b("33", "figure", 110, 24, 120, 30),
    b("—", "mark", 162, 24, 168, 30),
    b("合计", "label", 10, 36, 30, 42),
    b("63", "figure", 110, 36, 120, 42),
    b("也", "other", 160, 36, 168, 42),
  ];
}

describe("virtualGrids", () => {
  it("makes a row per row label and a column per run of figures, with a header row above", () => {
    const grids = virtualGrids(table(), [], settings);
    expect(grids).toHaveLength(1);
    const { xs, ys } = grids[0];
    // The first value column starts left of its header word, which is wider than its figures.
    expect(xs).toEqual([9, 99, 140, 171]);
    expect(ys).toEqual([-1, 11, 21, 33, 43]);
  });

  it("starts a new table where a title reaches into the value columns", () => {
    const blocks = [
      ...table(),
      b("第二十条第（五）项", "label", 60, 50, 140, 56),
      b("行政许可", "label", 10, 62, 40, 68),
      b("4", "figure", 165, 62, 170, 68),
      b("行政处罚", "label", 10, 74, 40, 80),
      b("7", "figure", 165, 74, 170, 80),
    ];
    const grids = virtualGrids(blocks, [], settings);
    expect(grids).toHaveLength(2);
    expect(grids[1].xs).toEqual([9, 164, 171]);
    expect(grids[1].ys[0]).toBe(49);
  });

  it("makes no row of a doubtful figure and no column of label brackets read as figures", () => {
    const blocks = [
      ...table(),
      b("2", "figure", 0, 24, 6, 30),
      b("其他", "label", 10, 48, 30, 54),
      b("8", "figure", 110, 48, 120, 54, 20),
    ];
    const [grid] = virtualGrids(blocks, [], settings);
    expect(grid.xs).toEqual([-1, 99, 140, 171]);
    expect(grid.ys).toEqual([-1, 11, 21, 33, 43]);
  });
  it("leaves a header word read as a figure, more than a line above the first row, in the header", () => {
    const blocks = [
      ...table().map((x) => (x.box.y0 === 0 ? x : { ...x, box: { ...x.box, y0: x.box.y0 + 20, y1: x.box.y1 + 20 } })),
      b("数量", "label", 150, 14, 170, 20),
      b("0", "figure", 112, 14, 118, 20, 70),
    ];
    const [grid] = virtualGrids(blocks, [], settings);
    expect(grid.ys).toEqual([-1, 31, 41, 53, 63]);
    expect(grid.values.map((v) => v.text)).not.toContain("0");
  });

  it("gives a row the line of its centred label that its figures stand under, not the header", () => {
    const blocks = [
      b("3.补正后申请内容", "label", 10, 0, 60, 6),
      b("仍不明确", "label", 20, 9, 50, 15),
      b("15", "figure", 110, 6.5, 120, 10.5),
      b("19", "figure", 160, 6.5, 170, 10.5),
      b("其他", "label", 10, 24, 30, 30),
      b("4", "figure", 110, 24, 120, 30),
      b("8", "figure", 160, 24, 170, 30),
    ];
    const [grid] = virtualGrids(blocks, [], settings);
    expect(grid.ys).toEqual([-1, 19.5, 31]);
  });

  it("makes no table of a header whose characters read as dashes", () => {
    const blocks = table().map((x) => ({ ...x, box: { ...x.box, y0: x.box.y0 + 30, y1: x.box.y1 + 30 } }));
    const header = [
      b("（本列数据的勾稽关系为", "label", 10, 0, 60, 6),
      b("—", "mark", 112, 0, 118, 6),
      b("第三项加第四项之和）", "label", 10, 12, 60, 18),
      b("—", "mark", 112, 12, 118, 18),
    ];
    const grids = virtualGrids([...header, ...blocks], [], settings);
    expect(grids).toHaveLength(1);
  });
});

describe("virtualGrids on a one-row table", () => {
  it("keeps a column of one figure when a header word stands over it", () => {
    const blocks = [
      ...table(),
      b("上一年项目数量", "label", 95, 62, 125, 68),
      b("本年增减", "label", 140, 62, 175, 68),
      b("行政许可", "label", 10, 74, 40, 80),
      b("12", "figure", 115, 74, 125, 80),
      b("7", "figure", 150, 74, 155, 80),
    ];
    const grids = virtualGrids(blocks, [], settings);
    expect(grids[1]).toMatchObject({ xs: [9, 94, 137.5, 156], ys: [61, 73, 81] });
  });
});

describe("virtualGrids on a row without a label", () => {
  /** The review table: group headings over column words, one line of figures under them, nothing left of it. */
  function review(): ReadBlock[] {
    return [
      b("复议", "label", 10, 0, 60, 6),
      b("诉讼", "label", 70, 0, 120, 6),
      ...["维", "纠", "总", "维", "纠", "总"].map((t, k) => b(t, "other", 12 + 20 * k, 10, 18 + 20 * k, 16)),
      b("5", "figure", 13, 24, 17, 30),
      b("了", "other", 33, 24, 37, 30),
      b("8", "figure", 53, 24, 57, 30, 20),
      b("0", "figure", 73, 24, 77, 30),
      b("/", "mark", 93, 24, 97, 30),
      b("12", "figure", 112, 24, 118, 30),
    ];
  }

  it("makes one column per figure, the doubtful and unread ones too, under a header reaching to the rule", () => {
    const grids = virtualGrids(
      review(),
      [
        { y: -2, x0: 0, x1: 130 },
        { y: 20, x0: 0, x1: 130 },
      ],
      settings,
    );
    expect(grids).toHaveLength(1);
    expect(grids[0].xs).toEqual([11, 25, 45, 65, 85, 104.5, 119]);
    expect(grids[0].ys).toEqual([-1, 23, 31]);
    expect(grids[0].values.map((v) => v.text).sort()).toEqual(["/", "0", "12", "5", "8", "了"]);
  });

  it("is no bare row when a label stands on the line (a bracket read as a dash before it)", () => {
    const nextRow = [13, 33, 53, 73, 93, 113].map((x) => b("1", "figure", x, 36, x + 4, 42));
    const labelled = [
      ...review(),
      b("-", "mark", -40, 24, -36, 30),
      b("予以公开", "label", -30, 24, 0, 30),
      b("部分公开", "label", -30, 36, 0, 42),
      ...nextRow,
    ];
    const grids = virtualGrids(labelled, [], settings);
    expect(grids).toHaveLength(1);
    expect(grids[0].ys).toHaveLength(4);
  });
});

describe("virtualGrids with a row whose label reads as lone characters", () => {
  it("keeps a line of figures between a table's rows in that table, its header not stretched over the rows", () => {
    const row = (y: number) => [100, 120, 140, 160, 180].map((x) => b("1", "figure", x, y, x + 5, y + 6));
    const blocks = [
      b("本年新收申请数量", "label", 10, 12, 60, 18),
      ...row(12),
      b("予以公开", "label", 10, 24, 40, 30),
      ...row(24),
      b("总", "other", 20, 36, 26, 42),
      b("计", "other", 40, 36, 46, 42),
      ...row(36),
      b("结转下年度继续办理", "label", 10, 48, 70, 54),
      ...row(48),
    ];
    const grids = virtualGrids(blocks, [{ y: 0, x0: 0, x1: 200 }], settings);
    expect(grids).toHaveLength(1);
    expect(grids[0].ys).toEqual([11, 21, 33, 45, 55]);
    expect(grids[0].xs).toHaveLength(7);
  });
});

describe("virtualGrids on a label wrapped around its figures", () => {
  /** （二）部分公开 wrapped onto two centred lines, its numbering lost to OCR, its figures between the lines. */
  function wrapped(): ReadBlock[] {
    // OCR's boxes of one line of figures stand a little higher or lower: some nearer each label line.
    const row = (y: number, texts: string[], jitter = 0) =>
      texts.map((t, k) => {
        const at = y + (k % 2 ? jitter : -jitter);
        return b(t, "figure", 100 + 20 * k, at, 106 + 20 * k, at + 6);
      });
    return [
      b("予以公开", "label", 30, 0, 60, 6),
      ...row(0, ["3", "0", "8", "1", "12"]),
      b("部分公开（区分处理的", "label", 10, 10, 90, 15),
      ...row(14.75, ["0", "14", "0", "2", "16"], 0.75),
      b("只计这一情形）", "label", 25, 21, 75, 26),
      b("总计", "label", 30, 30, 50, 36),
      ...row(30, ["3", "14", "8", "3", "28"]),
    ];
  }

  it("gives the figures between the lines one row, headed by both lines, and no table of their own", () => {
    const grids = virtualGrids(wrapped(), [], settings);
    expect(grids).toHaveLength(1);
    // Three rows: 予以公开, the wrapped label with its figures, 总计.
    expect(grids[0].ys).toEqual([-1, 8, 28, 37]);
  });
  it("takes a line of figures touching neither label line for that label's row, not a row without label", () => {
    const blocks = wrapped().map((x) =>
      x.box.y0 > 10 && x.box.y0 < 20 ? { ...x, box: { ...x.box, y0: 15.5, y1: 21 } } : x,
    );
    const rest = blocks.filter((x) => x.text !== "只计这一情形）");
    // The label's last line, and a last line of one character (卷), which reads as no label by itself.
    for (const last of [b("只计这一情形）", "label", 25, 21.5, 75, 26), b("卷", "other", 25, 21.5, 31, 26)]) {
      const grids = virtualGrids([...rest, last], [], settings);
      expect(grids).toHaveLength(1);
      expect(grids[0].ys).toHaveLength(4);
    }
  });
});

describe("rowLabels", () => {
  it("drops Chinese readings inside the value columns (misread figures)", () => {
    const blocks = [
      ...table(),
      b("凡凡", "label", 158, 48, 170, 54),
      b("其他", "label", 10, 48, 30, 54),
      b("5", "figure", 110, 48, 120, 54),
    ];
    const labels = rowLabels(blocks, settings).map((l) => l.text);
    expect(labels).toContain("其他");
    expect(labels).not.toContain("凡凡");
  });
});

describe("virtualGrids on a one-row table headed by stacked characters, a blank row under its header", () => {
  it("keeps the figure columns under their one-character lines and reads the header above the rule", () => {
    const header = ["本", "年", "制", "发"].flatMap((ch, k) => [
      b(ch, "other", 100, k * 8, 106, k * 8 + 6),
      b(ch, "other", 130, k * 8, 136, k * 8 + 6),
      b(ch, "other", 160, k * 8, 166, k * 8 + 6),
    ]);
    const blocks = [
      b("信息内容", "label", 10, 12, 40, 18),
      ...header,
      b("规章", "label", 10, 40, 30, 46),
      b("行政规范性文件", "label", 10, 52, 60, 58),
      b("35", "figure", 98, 52, 108, 58),
      b("46", "figure", 128, 52, 138, 58),
      b("3", "figure", 160, 52, 166, 58),
    ];
    const rules = [
      { y: -4, x0: 0, x1: 180 },
      { y: 34, x0: 0, x1: 180 },
    ];
    const [grid] = virtualGrids(blocks, rules, settings);
    expect(grid.xs).toHaveLength(5);
    expect(grid.ys).toEqual([-1, 51, 59]);
    expect(grid.values.map((v) => v.text)).toEqual(["35", "46", "3"]);
  });
});

describe("virtualGrids on a page of tables with label columns of different widths", () => {
  it("keeps the long labels of a table whose figures start right of another table's", () => {
    const blocks = [
      b("行政许可", "label", 10, 0, 40, 6),
      b("1045", "figure", 50, 0, 66, 6),
      b("5", "figure", 100, 0, 106, 6),
      b("行政强制", "label", 10, 12, 40, 18),
      b("1", "figure", 50, 12, 56, 18),
      b("5", "figure", 100, 12, 106, 18),
      b("三、收到和处理政府信息公开申请情况", "label", 10, 60, 150, 66),
      b("一、本年新收政府信息公开申请数量", "label", 10, 100, 90, 106),
      b("2116", "figure", 100, 100, 116, 106),
      b("478", "figure", 140, 100, 152, 106),
      b("二、上年结转政府信息公开申请数量", "label", 10, 112, 90, 118),
      b("31", "figure", 100, 112, 108, 118),
      b("0", "figure", 140, 112, 146, 118),
    ];
    expect(rowLabels(blocks, settings).map((l) => l.text)).toHaveLength(4);
    const grids = virtualGrids(blocks, [], settings);
    expect(grids.map((g) => g.xs)).toEqual([
      [9, 49, 83, 107],
      [9, 99, 128, 153],
    ]);
  });
});

describe("blankColumns", () => {
  const cols = [
    { x0: 10, x1: 20 },
    { x0: 40, x1: 50 },
    { x0: 100, x1: 110 },
    { x0: 130, x1: 140 },
  ];
  it("finds a column of header words where a column of figures is missing", () => {
    const header = [b("尚未", "label", 70, 0, 80, 6), b("审结", "label", 70, 8, 80, 14)];
    expect(blankColumns(cols, header)).toEqual([{ x0: 70, x1: 80 }]);
  });
  it("of two word columns where one column is missing, takes the one farther from the figures", () => {
    // Figures set right in their cells: the slash under 尚未审结 stands right of its words.
    const right = [
      { x0: 10, x1: 20 },
      { x0: 40, x1: 50 },
      { x0: 105, x1: 110 },
      { x0: 130, x1: 140 },
    ];
    const header = [b("其他结果", "label", 70, 0, 80, 6), b("尚未审结", "label", 88, 0, 100, 6)];
    expect(blankColumns(right, header)).toEqual([{ x0: 70, x1: 80 }]);
  });
  it("finds a blank last column a pitch on from the last column of figures, not a word far beyond it", () => {
    const header = [b("总计", "label", 98, 0, 112, 6), b("单位：件", "label", 200, 0, 230, 6)];
    expect(blankColumns(cols.slice(0, 2).concat({ x0: 70, x1: 80 }), header)).toEqual([{ x0: 98, x1: 112 }]);
  });
  it("finds a blank first column of a table without row labels only", () => {
    const three = [
      { x0: 40, x1: 50 },
      { x0: 70, x1: 80 },
      { x0: 100, x1: 110 },
    ];
    const header = [b("结果维持", "label", 10, 0, 24, 6)];
    expect(blankColumns(three, header, true)).toEqual([{ x0: 10, x1: 24 }]);
    expect(blankColumns(three, header)).toEqual([]);
  });
  it("makes none of a header word between columns a pitch apart, or over a column", () => {
    const header = [b("其他", "label", 22, 0, 38, 6), b("总计", "label", 125, 0, 145, 6)];
    expect(blankColumns(cols, header)).toEqual([]);
  });
});

describe("gridSegments", () => {
  it("draws every boundary across the grid", () => {
    expect(gridSegments({ xs: [0, 10], ys: [0, 5, 9] })).toEqual([
      { x0: 0, y0: 0, x1: 10, y1: 0 },
      { x0: 0, y0: 5, x1: 10, y1: 5 },
      { x0: 0, y0: 9, x1: 10, y1: 9 },
      { x0: 0, y0: 0, x1: 0, y1: 9 },
      { x0: 10, y0: 0, x1: 10, y1: 9 },
    ]);
  });
});

describe("trailingHeader", () => {
  /** The header of the applications table at a page's foot, under its rule at y 100. */
  const header = () => [
    b("本列数据的勾稽关系为", "label", 10, 110, 90, 116),
    b("申请人情况", "label", 130, 102, 170, 108),
    b("法人或其他组织", "label", 125, 110, 185, 116),
    b("自然人", "label", 100, 112, 108, 130),
    b("商业企业", "label", 120, 118, 128, 140),
    b("科研机构", "label", 140, 118, 148, 140),
    b("其他", "label", 170, 118, 178, 132),
    b("总计", "label", 190, 110, 198, 124),
  ];

  it("makes one row with a cell per column of words, group headings making none", () => {
    const g = trailingHeader(header(), [{ y: 100, x0: 0, x1: 200 }], settings);
    expect(g?.xs).toEqual([9, 95, 114, 134, 159, 184, 199]);
    expect(g?.ys).toEqual([101, 141]);
  });

  it("is none with figures under the rule (a table's rows) or words in fewer than three columns", () => {
    const rule = [{ y: 100, x0: 0, x1: 200 }];
    expect(trailingHeader([...header(), b("12", "figure", 100, 132, 108, 138)], rule, settings)).toBeNull();
    expect(trailingHeader([header()[0], header()[3]], rule, settings)).toBeNull();
    expect(trailingHeader(header(), [], settings)).toBeNull();
  });

  it("is given by virtualGrids below the page's last table", () => {
    const grids = virtualGrids([...table(), ...header()], [{ y: 100, x0: 0, x1: 200 }], settings);
    expect(grids).toHaveLength(2);
    expect(grids[1].ys).toEqual([101, 141]);
  });
});

describe("amongFigures", () => {
  it("takes a lone character in a value column on a line of figures, not in the header or the label column", () => {
    const blocks = table();
    const grid = virtualGrids(blocks, [], settings)[0];
    const misread = blocks.find((x) => x.text === "也")!;
    expect(amongFigures(misread, grid)).toBe(true);
    expect(amongFigures(b("计", "other", 160, 0, 168, 6), grid)).toBe(false);
    expect(amongFigures(b("合", "other", 10, 36, 18, 42), grid)).toBe(false);
  });
});
