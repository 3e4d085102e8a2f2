import { describe, expect, it } from "vitest";
import { figureText, labelParagraphs, splitAtNumbering, streamRows } from "../../src/layout/streamRows.js";
import { findStreamTables, splitTrailingFigure } from "../../src/layout/stream.js";
import { union, type TextLine } from "../../src/layout/text.js";
import type { Glyph, PageModel } from "../../src/pdf/types.js";
import type { Table } from "../../src/layout/table.js";

/** A run of 10 pt glyphs from (x, y); digits and ASCII half as wide as CJK. */
function run(text: string, x: number, y: number, size = 10): TextLine {
  const glyphs: Glyph[] = [];
  let at = x;
  for (const ch of text) {
    const w = /[\x20-\x7e]/.test(ch) ? size / 2 : size;
    glyphs.push({ text: ch, x0: at, x1: at + w, y0: y, y1: y + size, size, vertical: false });
    at += w;
  }
  return Object.assign(union(glyphs), { text, glyphs });
}
/** A text page holding these runs. */
const pageOf = (lines: TextLine[]): PageModel => ({
  number: 1,
  width: 600,
  height: 800,
  glyphs: lines.flatMap((l) => l.glyphs),
  segments: [],
  images: [],
  graphicsRead: true,
  textLayer: "ok",
  source: "text",
});
const fig = (text: string, x: number, y: number, col: number) => ({ run: run(text, x, y), col });
const texts = (runs: TextLine[]) => runs.map((r) => r.text).join("");
const cellText = (row: { texts: Map<number, string> }, col: number) => row.texts.get(col) ?? "";

describe("labelParagraphs", () => {
  it("joins a wrapped label whose first line fills the column, and starts a new one at numbering or a short line", () => {
    const labels = [
      run("（二）部分公开（区分处", 0, 0), // full line: ends at the column's right edge (110)
      run("理的）", 0, 12),
      run("规章", 0, 30),
      run("行政规范性文件", 0, 42), // "规章" is short: a new label, not its continuation
      run("3.危及三安全一稳定", 0, 60),
    ];
    const { group, paragraphs } = labelParagraphs(labels);
    expect(group).toEqual([]);
    expect(paragraphs.map((p) => texts(p.runs))).toEqual([
      "（二）部分公开（区分处理的）",
      "规章",
      "行政规范性文件",
      "3.危及三安全一稳定",
    ]);
  });

  it("takes labels with another label to their right, and characters set one per line, for group labels", () => {
    const labels = [
      run("三", 0, 0),
      run("（一）予以公开", 20, 5),
      run("（三）不予", 20, 30),
      run("1.属于国家秘密", 80, 30),
      run("公开", 20, 42),
    ];
    const { group, paragraphs } = labelParagraphs(labels);
    expect(group.map((r) => r.text).sort()).toEqual(["三", "（三）不予"].sort());
    expect(paragraphs.map((p) => texts(p.runs))).toEqual(["（一）予以公开", "1.属于国家秘密", "公开"]);
  });
});

describe("splitAtNumbering / splitTrailingFigure", () => {
  it("cuts a group label from the row label set close to it", () => {
    const merged = run("（三）不予公开", 0, 0);
    const leaf = run("5、属于三类内部事务信息", 75, 0);
    const one = Object.assign(union([merged, leaf]), {
      text: merged.text + leaf.text,
      glyphs: [...merged.glyphs, ...leaf.glyphs],
    });
    expect(splitAtNumbering(one).map((r) => r.text)).toEqual(["（三）不予公开", "5、属于三类内部事务信息"]);
    // No gap: one label that happens to contain a numbering.
    expect(splitAtNumbering(run("第二十条第（一）项", 0, 0)).map((r) => r.text)).toEqual(["第二十条第（一）项"]);
  });

  it("cuts a figure set close after its label, by gap or by its own font size", () => {
    const label = run("1、本机关不掌握", 0, 0);
    const apart = run("1,06", 85, 0);
    const joined = (a: TextLine, b: TextLine) =>
      Object.assign(union([a, b]), { text: a.text + b.text, glyphs: [...a.glyphs, ...b.glyphs] });
    expect(splitTrailingFigure(joined(label, apart)).map((r) => r.text)).toEqual(["1、本机关不掌握", "1,06"]);
    const bigger = run("46", 80.5, -1, 12);
    expect(splitTrailingFigure(joined(label, bigger)).map((r) => r.text)).toEqual(["1、本机关不掌握", "46"]);
    expect(splitTrailingFigure(run("申请5830", 0, 0)).map((r) => r.text)).toEqual(["申请5830"]);
  });
});

describe("figureText", () => {
  const widths = (widest: number, header = 0) => ({ widest: new Map([[0, widest]]), header: new Map([[0, header]]) });
  it("joins a number wrapped in its cell and keeps anything else apart, so it cannot pass for a figure", () => {
    expect(figureText([run("3,57", 0, 0), run("7", 5, 11)], 0, widths(20))).toBe("3,577");
    expect(figureText([run("20", 0, 0), run("49", 0, 11), run("5", 2, 22)], 0, widths(10))).toBe("20495");
    expect(figureText([run("0", 0, 0), run("0", 0, 11)], 0, widths(5))).toBe("0 / 0");
    expect(figureText([run("12", 0, 0), run("345", 0, 11)], 0, widths(15))).toBe("12 / 345");
  });

  it("does not join figures where the column holds wider figures or wider header words (two rows' figures)", () => {
    expect(figureText([run("70", 0, 0), run("0", 0, 11)], 0, widths(15))).toBe("70 / 0");
    expect(figureText([run("70", 0, 0), run("0", 0, 11)], 0, widths(10, 30))).toBe("70 / 0");
    expect(figureText([run("70", 0, 0), run("0", 0, 11)], 0, widths(10, 12))).toBe("700");
  });

  it("joins a number broken after a thousands separator, however narrow its head (no number ends in a comma)", () => {
    expect(figureText([run("20,", 0, 0), run("495", 0, 11)], 0, widths(30, 30))).toBe("20,495");
    expect(figureText([run("１,２３４,", 0, 0), run("５６７", 0, 11)], 0, widths(40))).toBe("１,２３４,５６７");
    expect(figureText([run("12,", 0, 0), run("34", 0, 11)], 0, widths(30, 30))).toBe("12, / 34");
  });
});

describe("streamRows", () => {
  it("puts figures centred on a wrapped label, and a number wrapped around it, in the label's row", () => {
    const rows = streamRows(
      [run("（二）部分公开（区分处", 0, 0), run("理的）", 0, 12), run("1.属于国家秘密", 0, 30)],
      [fig("17", 150, 6, 0), fig("75", 200, 0, 1), fig("3", 202, 12, 1), fig("4", 150, 30, 0), fig("0", 200, 30, 1)],
      [],
    );
    expect(rows.map((r) => [texts(r.leaf), ...[0, 1].map((c) => cellText(r, c))])).toEqual([
      ["（二）部分公开（区分处理的）", "17", "753"],
      ["1.属于国家秘密", "4", "0"],
    ]);
  });

  it("cuts a label that took two rows (the second unnumbered) where its figures show two lines", () => {
    const rows = streamRows(
      [run("二、上年结转政府信息公开申请数量", 0, 0), run("予以公开", 0, 12)],
      [fig("144", 200, 0, 0), fig("6", 250, 0, 1), fig("432", 200, 12, 0), fig("793", 250, 12, 1)],
      [],
    );
    expect(rows.map((r) => [texts(r.leaf), cellText(r, 0), cellText(r, 1)])).toEqual([
      ["二、上年结转政府信息公开申请数量", "144", "6"],
      ["予以公开", "432", "793"],
    ]);
  });

  it("cuts below a three-line label centred on its figures when the next, unnumbered label follows it", () => {
    // The label's middle line lies halfway between the two figure lines, as a number wrapped round a label
    // would; but 30 over 221 in a column as wide as 221 is two figures, so two rows.
    const rows = streamRows(
      [
        run("2、申请人逾期未按收费通知", 0, 0),
        run("要求缴纳费用、行政机关不", 0, 12),
        run("再处理其政府信息公开申请", 0, 24),
        run("其他", 0, 36),
      ],
      [fig("30", 200, 12, 0), fig("8", 250, 12, 1), fig("221", 200, 36, 0), fig("42", 250, 36, 1)],
      [],
    );
    expect(rows.map((r) => [texts(r.leaf), cellText(r, 0), cellText(r, 1)])).toEqual([
      ["2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "30", "8"],
      ["其他", "221", "42"],
    ]);
  });

  it("keeps a row of figures without a label, and a label without figures, as rows of their own", () => {
    const rows = streamRows([run("重复申请", 0, 0)], [fig("1", 100, 40, 0), fig("2", 130, 40, 1)], []);
    expect(rows.map((r) => [texts(r.leaf), r.values.size])).toEqual([
      ["重复申请", 0],
      ["", 2],
    ]);
  });

  it("takes the rows between rules where rules separate them", () => {
    const rules = [20, 45].map((at) => ({ at, a: 0, b: 300 }));
    const rows = streamRows(
      [run("一、本年新收政府信息公开申请数", 0, 2), run("量", 0, 13), run("予以公开", 0, 28)],
      [fig("698", 200, 7, 0), fig("5", 200, 30, 0)],
      rules,
    );
    expect(rows.map((r) => [texts(r.leaf), cellText(r, 0)])).toEqual([
      ["一、本年新收政府信息公开申请数量", "698"],
      ["予以公开", "5"],
    ]);
  });
});

describe("findStreamTables", () => {
  it("reads a three-line table whose figures wrap and whose labels wrap, the header above the figures", () => {
    const lines = [
      run("信息内容", 0, 0),
      run("本", 200, 0),
      run("其他", 260, 0),
      run("一、本年新收政府信息公开申", 0, 20),
      run("20", 200, 20),
      run("3", 262, 26),
      run("请数量", 0, 32),
      run("49", 200, 32),
      run("二、上年结转", 0, 50),
      run("4", 202, 50),
      run("0", 262, 50),
    ];
    const [t] = findStreamTables(pageOf(lines), []);
    const text = (row: number, col: number) => t.cells.find((c) => c.row === row && c.col === col)?.text;
    expect(t.ys.length - 1).toBe(3);
    expect([text(0, 0), text(0, 1), text(0, 2)]).toEqual(["信息内容", "本", "其他"]);
    expect([text(1, 0), text(1, 1), text(1, 2)]).toEqual(["一、本年新收政府信息公开申请数量", "2049", "3"]);
    expect([text(2, 0), text(2, 1), text(2, 2)]).toEqual(["二、上年结转", "4", "0"]);
  });
  it("ends a table at the next section's heading, however close below the last row and where the labels start", () => {
    const lines = [
      run("信息内容", 0, 0),
      run("本年制发件数", 200, 0),
      run("规章", 0, 20),
      run("3", 220, 20),
      run("行政规范性文件", 0, 32),
      run("12", 220, 32),
      run("3.收到和处理政府信息公开申请情况", 0, 44),
    ];
    const [t] = findStreamTables(pageOf(lines), []);
    expect(t.cells.some((c) => c.text.includes("收到和处理"))).toBe(false);
    expect(t.cells.filter((c) => c.col === 0 && c.row > 0).map((c) => c.text)).toEqual(["规章", "行政规范性文件"]);
  });
  it("gives stacked header words their own columns when the figures stand right-aligned under them", () => {
    const lines = [
      run("信息内容", 0, 0),
      run("自然", 100, 0),
      run("商业", 140, 0),
      run("人", 105, 12),
      run("企业", 140, 12),
      run("一、本年新收", 0, 30),
      run("80", 122, 30),
      run("1", 168, 30),
      run("二、上年结转", 0, 42),
      run("20", 122, 42),
      run("3", 168, 42),
    ];
    const [t] = findStreamTables(pageOf(lines), []);
    const header = t.cells.filter((c) => c.row === 0 && c.col > 0).map((c) => c.text.replace(/\s/g, ""));
    expect(header).toEqual(["自然人", "商业企业"]);
  });
  it("gives a borderless header's columns under a group title, blank columns before the first figures included", () => {
    // The 行政诉讼 half of a review table without borders or row labels: a group title over two groups, each of
    // five 48 pt columns whose words wrap in two lines (结果维 over 持) but 总计, set between the lines; figures,
    // left-aligned in their cells, in six columns only.
    const heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    const centred = (text: string, x: number, y: number) => run(text, x - [...text].length * 5, y);
    const centre = (k: number) => 89 + 48 * k;
    const lines = [
      centred("行政诉讼", 305, 100),
      centred("未经复议直接起诉", 185, 115),
      centred("复议后起诉", 425, 115),
    ];
    for (let k = 0; k < 10; k++) {
      const head = heads[k % 5];
      if (head === "总计") lines.push(centred(head, centre(k), 137));
      else lines.push(centred(head.slice(0, 3), centre(k), 130), centred(head.slice(3), centre(k), 145));
    }
    for (const k of [2, 3, 5, 6, 7, 9]) lines.push(run(String(k), 69 + 48 * k, 170));
    const [t] = findStreamTables(pageOf(lines), []);
    const row = (r: number) => t.cells.filter((c) => c.row === r && c.col >= t.labelColumns!);
    // Ten columns, each headed by its own words last (under the pieces of the titles over its group).
    expect(row(0).map((c) => heads.find((h) => c.text.endsWith(h)))).toEqual([...heads, ...heads]);
    expect(row(1).map((c) => c.text)).toEqual(["", "", "2", "3", "", "5", "6", "7", "", "9"]);
  });
  it("takes every column of a ruled header over borderless figures set left in wide cells", () => {
    // Five 40 pt header cells drawn with borders; the one row below, without borders or label, has its figures
    // at each cell's left edge, so the last figure ends well short of the last cell's middle.
    const xs = [100, 140, 180, 220, 260, 300];
    const header: Table = {
      page: 1,
      strategy: "lattice",
      box: { x0: 100, y0: 80, x1: 300, y1: 100 },
      ys: [80, 100],
      xs,
      cells: ["维持", "纠正", "其他", "尚未", "总计"].map((text, col) => ({
        row: 0,
        col,
        rowSpan: 1,
        colSpan: 1,
        text,
        box: { x0: xs[col], x1: xs[col + 1], y0: 80, y1: 100 },
        glyphs: [],
      })),
    };
    const figures = ["1", "2", "0", "3", "6"].map((text, k) => run(text, xs[k] + 2, 104));
    const [t] = findStreamTables(pageOf(figures), [header]);
    const values = t.cells.filter((c) => c.col >= t.labelColumns!).map((c) => c.text);
    expect(values).toEqual(["1", "2", "0", "3", "6"]);
    expect(t.xs.slice(-6)).toEqual(xs);
  });
  it("leaves out a decorated page number in the bottom margin however close the table above it comes", () => {
    const rows = (footer: string) => [
      run("信息内容", 0, 690),
      run("本", 200, 690),
      run("其他", 260, 690),
      run("一、本年新收", 0, 710),
      run("20", 200, 710),
      run("3", 262, 710),
      run("二、上年结转", 0, 722),
      run("4", 202, 722),
      run("0", 262, 722),
      // 6 pt below the last row: closer than the 1.5 em that sets a bare page number apart.
      ...footer.split(" ").map((part, k) => run(part, 255 + 11 * k, 738)),
    ];
    const columns = (lines: TextLine[]) => findStreamTables(pageOf(lines), [])[0].xs.length - 1;
    expect(columns(rows("- 2 -"))).toBe(3);
  });
});
