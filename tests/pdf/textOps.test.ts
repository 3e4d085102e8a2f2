import { describe, expect, it } from "vitest";
import type { Matrix } from "../../src/pdf/paths.js";
import { decodeText, type ShownGlyph, type TextFont, type TextOps } from "../../src/pdf/textOps.js";

const OPS: TextOps = {
  save: 10,
  restore: 11,
  transform: 12,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  beginAnnotation: 80,
  endAnnotation: 81,
  setGState: 9,
  beginText: 31,
  setFont: 37,
  setTextMatrix: 42,
  moveText: 40,
  setLeadingMoveText: 41,
  nextLine: 43,
  setLeading: 36,
  setCharSpacing: 33,
  setWordSpacing: 34,
  setHScale: 35,
  setTextRise: 39,
  showText: 44,
};
const VIEWPORT: Matrix = [1, 0, 0, -1, 0, 842];
const FONTS: Record<string, TextFont> = {
  F1: { fontMatrix: [0.001, 0, 0, 0.001, 0, 0] },
  T3: { isType3Font: true },
  V: { vertical: true },
};
const fontOf = (name: string) => FONTS[name] ?? null;
const g = (unicode: string, width = 1000, isSpace = false): ShownGlyph => ({ unicode, width, isSpace });

/** Decodes [op name, args] pairs. */
function decode(ops: [keyof TextOps, unknown[] | null][]) {
  return decodeText(
    ops.map(([op]) => OPS[op]),
    ops.map(([, args]) => args),
    OPS,
    VIEWPORT,
    fontOf,
  );
}

describe("decodeText", () => {
  it("places each glyph by its own width, character spacing and TJ adjustments", () => {
    const glyphs = decode([
      ["beginText", null],
      ["setFont", ["F1", 12]],
      ["setCharSpacing", [1]],
      ["setTextMatrix", [[1, 0, 0, 1, 100, 700]]],
      ["showText", [[g("规"), g("1", 500), -500, g("2", 500)]]],
    ])!;
    expect(glyphs.map((x) => x.text)).toEqual(["规", "1", "2"]);
    const [gui, one, two] = glyphs;
    expect(gui.x0).toBeCloseTo(100);
    expect(gui.x1).toBeCloseTo(112);
    expect(one.x0).toBeCloseTo(113);
    expect(one.x1).toBeCloseTo(119);
    // 6 pt of "1", 1 of spacing, 6 of the TJ's -500 thousandths of 12 pt.
    expect(two.x0).toBeCloseTo(126);
    // Baseline at 842 - 700 = 142; the box from the ascent (0.88 em) to the descent (0.12 em).
    expect(gui.y0).toBeCloseTo(142 - 0.88 * 12);
    expect(gui.y1).toBeCloseTo(142 + 0.12 * 12);
    expect(gui.size).toBeCloseTo(12);
  });
  it("carries the position across operators, moves by lines, and scales with Tz, the CTM and the font size", () => {
    const glyphs = decode([
      ["save", null],
      ["transform", [2, 0, 0, 2, 0, 0]],
      ["beginText", null],
      ["setFont", ["F1", 10]],
      ["setHScale", [50]],
      ["setLeadingMoveText", [20, -15]],
      ["showText", [[g("a", 500)]]],
      ["showText", [[g("b", 500)]]],
      ["nextLine", null],
      ["showText", [[g("c", 500)]]],
      ["restore", null],
    ])!;
    const [a, b, c] = glyphs;
    expect(a.x0).toBeCloseTo(40);
    expect(a.x1).toBeCloseTo(45); // 5 pt of text space, halved by Tz, doubled by the CTM
    expect(b.x0).toBeCloseTo(45);
    expect(a.size).toBeCloseTo(20);
    expect(a.y1 - 0.12 * 20).toBeCloseTo(842 + 2 * 15); // down the page: PDF y runs up, the viewport's down
    expect(c.x0).toBeCloseTo(40);
    expect(c.y1 - 0.12 * 20).toBeCloseTo(842 + 2 * 30);
  });
  it("applies word spacing to single-byte spaces only, and leaves whitespace and format marks out", () => {
    const glyphs = decode([
      ["beginText", null],
      ["setFont", ["F1", 10]],
      ["setWordSpacing", [5]],
      ["moveText", [0, 700]],
      ["showText", [[g("x", 500), g(" ", 250, true), g("\u200b", 0), g("y", 500)]]],
    ])!;
    expect(glyphs.map((x) => x.text)).toEqual(["x", "y"]);
    expect(glyphs[1].x0).toBeCloseTo(5 + 2.5 + 5);
  });
  it("restores the text state with the graphics state, and forms move their content", () => {
    const glyphs = decode([
      ["beginText", null],
      ["setFont", ["F1", 10]],
      ["setTextMatrix", [[1, 0, 0, 1, 0, 700]]],
      ["save", null],
      ["setFont", ["F1", 20]],
      ["restore", null],
      ["showText", [[g("a", 500)]]],
      ["paintFormXObjectBegin", [[1, 0, 0, 1, 50, 0], null]],
      ["beginText", null],
      ["setTextMatrix", [[1, 0, 0, 1, 0, 700]]],
      ["showText", [[g("b", 500)]]],
      ["paintFormXObjectEnd", null],
    ])!;
    expect(glyphs[0].size).toBeCloseTo(10);
    expect(glyphs[1].x0).toBeCloseTo(50);
  });
  it("splits a glyph printing several characters, folds compatibility forms and leaves annotations out", () => {
    const glyphs = decode([
      ["beginText", null],
      ["setFont", ["F1", 10]],
      ["showText", [[g("ﬁ", 600), g("⺠", 1000)]]],
      ["beginAnnotation", null],
      ["showText", [[g("z", 500)]]],
      ["endAnnotation", null],
    ])!;
    expect(glyphs.map((x) => x.text)).toEqual(["f", "i", "民"]);
    expect(glyphs[1].x0).toBeCloseTo(3);
    expect(glyphs[2].original).toBe("⺠");
  });
  it("drops text set at a slant and gives up on fonts it cannot place (Type 3, vertical, not loaded)", () => {
    const slant = decode([
      ["beginText", null],
      ["setFont", ["F1", 10]],
      ["setTextMatrix", [[0.7, 0.7, -0.7, 0.7, 100, 100]]],
      ["showText", [[g("印")]]],
    ]);
    expect(slant).toEqual([]);
    for (const font of ["T3", "V", "missing"])
      expect(
        decode([
          ["setFont", [font, 10]],
          ["showText", [[g("a")]]],
        ]),
        font,
      ).toBeNull();
    expect(decode([["setGState", [[["Font", ["V", 10]]]]]])).toBeNull();
  });
});
