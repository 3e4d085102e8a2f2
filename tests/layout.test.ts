import { describe, expect, it } from "vitest";
import { findLatticeTables } from "../src/layout/lattice.js";
import { buildRulings, type Ruling } from "../src/layout/rulings.js";
import type { Table } from "../src/layout/table.js";
import { blockText, toLines } from "../src/layout/text.js";
import type { Glyph } from "../src/pdf/types.js";

/** A 10 pt glyph whose box starts at (x, y). */
const g = (text: string, x: number, y: number, size = 10): Glyph => ({
  text,
  x0: x,
  y0: y,
  x1: x + size,
  y1: y + size,
  size,
  vertical: false,
});
/** Glyphs of a string laid left to right from (x, y). */
const word = (text: string, x: number, y: number, size = 10) =>
  Array.from(text).map((ch, k) => g(ch, x + k * size, y, size));

const hr = (y: number, x0: number, x1: number): Ruling => ({ at: y, a: x0, b: x1 });
const vr = (x: number, y0: number, y1: number): Ruling => ({ at: x, a: y0, b: y1 });

const cellAt = (t: Table, row: number, col: number) => t.cells.find((c) => c.row === row && c.col === col);

describe("buildRulings", () => {
  it("snaps near-equal lines and joins collinear pieces drawn cell by cell", () => {
    const { h, v } = buildRulings([
      { x0: 0, y0: 100, x1: 50, y1: 100 },
      { x0: 52, y0: 100.8, x1: 100, y1: 100.8 },
      { x0: 0, y0: 200, x1: 40, y1: 200 },
      { x0: 60, y0: 200, x1: 100, y1: 200 }, // 20 pt gap: stays two lines
      { x0: 30, y0: 0, x1: 30, y1: 80 },
      { x0: 30, y0: 82, x1: 30, y1: 150 },
    ]);
    expect(h).toHaveLength(3);
    expect(h).toContainEqual({ at: 100.4, a: 0, b: 100 });
    expect(h).toContainEqual({ at: 200, a: 0, b: 40 });
    expect(h).toContainEqual({ at: 200, a: 60, b: 100 });
    expect(v).toEqual([{ at: 30, a: 0, b: 150 }]);
  });

  it("drops short ticks and diagonal segments", () => {
    const { h, v } = buildRulings([
      { x0: 0, y0: 10, x1: 3, y1: 10 },
      { x0: 0, y0: 0, x1: 50, y1: 50 },
    ]);
    expect(h).toEqual([]);
    expect(v).toEqual([]);
  });
});

describe("findLatticeTables", () => {
  it("reads a 2x2 grid and puts text into the right cells", () => {
    const h = [hr(100, 0, 200), hr(120, 0, 200), hr(140, 0, 200)];
    const v = [vr(0, 100, 140), vr(100, 100, 140), vr(200, 100, 140)];
    const glyphs = [...word("规章", 10, 105), ...word("12", 150, 125), g("X", 300, 300)];
    const tables = findLatticeTables(3, h, v, glyphs);
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(t).toMatchObject({ page: 3, strategy: "lattice", xs: [0, 100, 200], ys: [100, 120, 140] });
    expect(t.box).toEqual({ x0: 0, y0: 100, x1: 200, y1: 140 });
    expect(t.cells).toHaveLength(4);
    expect(cellAt(t, 0, 0)?.text).toBe("规章");
    expect(cellAt(t, 1, 1)?.text).toBe("12");
    expect(cellAt(t, 0, 1)?.text).toBe("");
    expect(t.cells.flatMap((c) => c.glyphs).some((x) => x.text === "X")).toBe(false);
  });

  it("places hanging punctuation by its left edge, not its centre", () => {
    const h = [hr(0, 0, 200), hr(20, 0, 200)];
    const v = [vr(0, 0, 20), vr(100, 0, 20), vr(200, 0, 20)];
    const comma: Glyph = { text: "，", x0: 96, y0: 5, x1: 106, y1: 15, size: 10, vertical: false };
    const t = findLatticeTables(1, h, v, [g("5", 86, 5), comma, g("7", 150, 5)])[0];
    expect(cellAt(t, 0, 0)?.text).toBe("5，");
    expect(cellAt(t, 0, 1)?.text).toBe("7");
  });

  it("merges cells where an inner border is missing (colSpan and rowSpan)", () => {
    // 3 rows x 3 columns; the header cell over columns 1-2 has no border between them,
    // and the label in column 0 spans rows 1-2 (no horizontal under it at y=40).
    const h = [hr(0, 0, 300), hr(20, 0, 300), hr(40, 100, 300), hr(60, 0, 300)];
    const v = [vr(0, 0, 60), vr(100, 0, 60), vr(200, 20, 60), vr(300, 0, 60)];
    const glyphs = [...word("申请人", 110, 5), ...word("不予公开", 10, 35), g("1", 150, 25), g("2", 250, 45)];
    const t = findLatticeTables(1, h, v, glyphs)[0];
    expect(t.xs).toEqual([0, 100, 200, 300]);
    expect(t.ys).toEqual([0, 20, 40, 60]);
    expect(cellAt(t, 0, 1)).toMatchObject({ colSpan: 2, rowSpan: 1, text: "申请人" });
    expect(cellAt(t, 0, 2)).toBeUndefined();
    expect(cellAt(t, 1, 0)).toMatchObject({ rowSpan: 2, colSpan: 1, text: "不予公开" });
    expect(cellAt(t, 2, 0)).toBeUndefined();
    expect(cellAt(t, 1, 1)?.text).toBe("1");
    expect(cellAt(t, 2, 2)?.text).toBe("2");
    expect(t.cells).toHaveLength(7); // 9 grid cells, 2 merges
  });

  it("keeps the top row of a table cut by a page break, empty cells included", () => {
    // The verticals start at y=50 but the first horizontal is at y=100: the previous page holds the header.
    const h = [hr(100, 0, 200), hr(120, 0, 200)];
    const v = [vr(0, 50, 120), vr(100, 50, 120), vr(200, 50, 120)];
    const glyphs = [...word("续表", 10, 70), ...word("合计", 10, 105), g("9", 150, 105)];
    const t = findLatticeTables(2, h, v, glyphs)[0];
    expect(t.ys).toEqual([50, 100, 120]);
    expect(cellAt(t, 0, 0)?.text).toBe("续表");
    expect(cellAt(t, 0, 1)).toMatchObject({ text: "", box: { x0: 100, x1: 200, y0: 50, y1: 100 } });
    expect(cellAt(t, 1, 1)?.text).toBe("9");
  });

  it("drops an empty region open to the outside (beside a narrower header row)", () => {
    const h = [hr(0, 100, 300), hr(20, 0, 300), hr(40, 0, 300)];
    const v = [vr(0, 20, 40), vr(100, 0, 40), vr(300, 0, 40)];
    const t = findLatticeTables(1, h, v, [...word("本年", 150, 5), ...word("合计", 10, 25), g("4", 150, 25)])[0];
    expect(cellAt(t, 0, 0)).toBeUndefined();
    expect(cellAt(t, 0, 1)?.text).toBe("本年");
    expect(t.cells).toHaveLength(3);
  });

  it("takes no text into a region that is not a rectangle (the strip between a table and a page frame)", () => {
    // A frame (x=0, x=300, y=0) around a 2x1 table at x 100–200, y 20–60: the frame's strip is one L-shaped region.
    const h = [hr(0, 0, 300), hr(20, 100, 200), hr(40, 100, 200), hr(60, 100, 200)];
    const v = [vr(0, 0, 80), vr(300, 0, 80), vr(100, 0, 60), vr(200, 0, 60)];
    const glyphs = [...word("页眉", 10, 5), g("1", 150, 25), g("2", 150, 45)];
    const t = findLatticeTables(1, h, v, glyphs)[0];
    expect(
      t.cells
        .map((c) => c.text)
        .filter(Boolean)
        .sort(),
    ).toEqual(["1", "2"]);
    expect(t.cells.flatMap((c) => c.glyphs).some((x) => x.text === "页")).toBe(false);
  });

  it("leaves out text printed across a border (a print footer over a table cut by the page), not cell texts set close", () => {
    const h = [hr(0, 0, 200), hr(20, 0, 200), hr(40, 0, 200)];
    const v = [vr(0, 0, 40), vr(100, 0, 40), vr(200, 0, 40)];
    // "合计" ends 2 points before the border and "4" starts 2 points after it; the footer runs on over it.
    const glyphs = [...word("合计", 78, 5), g("4", 102, 5), ...word("httpwwwgovcn", 40, 25)];
    const t = findLatticeTables(1, h, v, glyphs)[0];
    expect(cellAt(t, 0, 0)?.text).toBe("合计");
    expect(cellAt(t, 0, 1)?.text).toBe("4");
    expect(t.cells.flatMap((c) => c.glyphs).some((x) => x.text === "h")).toBe(false);
  });

  it("trims empty grid columns and rows at the table's edges", () => {
    const h = [hr(0, 0, 300), hr(20, 0, 300), hr(40, 0, 300), hr(60, 0, 300)];
    const v = [vr(0, 0, 60), vr(100, 0, 60), vr(200, 0, 60), vr(300, 0, 60)];
    const t = findLatticeTables(1, h, v, [...word("合计", 110, 25), g("4", 250, 25)])[0];
    expect(t.xs).toEqual([100, 200, 300]);
    expect(t.ys).toEqual([20, 40]);
    expect(cellAt(t, 0, 0)?.text).toBe("合计");
    expect(cellAt(t, 0, 1)?.text).toBe("4");
  });

  it("needs at least two lines each way", () => {
    expect(findLatticeTables(1, [hr(0, 0, 100)], [vr(0, 0, 50), vr(100, 0, 50)], [])).toEqual([]);
  });

  it("returns separate grids in reading order", () => {
    const grid = (y: number) => ({
      h: [hr(y, 0, 100), hr(y + 20, 0, 100), hr(y + 40, 0, 100)],
      v: [vr(0, y, y + 40), vr(50, y, y + 40), vr(100, y, y + 40)],
    });
    const a = grid(400);
    const b = grid(100);
    const tables = findLatticeTables(1, [...a.h, ...b.h], [...a.v, ...b.v], []);
    expect(tables.map((t) => t.box.y0)).toEqual([100, 400]);
  });
});

describe("toLines / blockText", () => {
  it("groups glyphs into lines top to bottom, left to right, tolerating baseline jitter", () => {
    const glyphs = [g("行", 20, 32), g("二", 10, 30), g("第", 0, 30), g("一", 10, 2), g("第", 0, 0)];
    const lines = toLines(glyphs);
    expect(lines.map((l) => l.text)).toEqual(["第一", "第二行"]);
    expect(lines[1]).toMatchObject({ x0: 0, x1: 30, y0: 30, y1: 42 });
  });

  it("splits a line at a wide gap only when asked", () => {
    const glyphs = [...word("本年", 0, 0), ...word("12", 100, 0)];
    expect(toLines(glyphs).map((l) => l.text)).toEqual(["本年12"]);
    expect(toLines(glyphs, true).map((l) => l.text)).toEqual(["本年", "12"]);
  });

  it("splits two figures whose digits touch at a narrow gap, not a letter-spaced figure", () => {
    // 103 and 1,492 set 2 points apart (0.2 em) in columns almost edge to edge.
    const glyphs = [...word("103", 0, 0), ...word("1,492", 32, 0)];
    expect(toLines(glyphs, true).map((l) => l.text)).toEqual(["103", "1,492"]);
    const spaced = Array.from("1492").map((ch, k) => g(ch, k * 12, 0));
    expect(toLines(spaced, true).map((l) => l.text)).toEqual(["1492"]);
  });

  it("joins the lines of a wrapped cell without separators", () => {
    const glyphs = [...word("行制作", 0, 15), ...word("没有现成信息需要另", 0, 0)];
    expect(blockText(glyphs)).toBe("没有现成信息需要另行制作");
    expect(blockText([])).toBe("");
  });
});
