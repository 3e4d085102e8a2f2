import { describe, expect, it } from "vitest";
import { runsToGlyphs, type TextRun } from "../src/pdf/glyphs.js";
import type { Matrix } from "../src/pdf/paths.js";

const VIEWPORT: Matrix = [1, 0, 0, -1, 0, 842];

/** A horizontal run of 12 pt text with its baseline at PDF (x, y). */
const run = (str: string, x: number, y: number, width: number, fontName = "F1"): TextRun => ({
  str,
  transform: [12, 0, 0, 12, x, y],
  width,
  height: 12,
  fontName,
});

describe("runsToGlyphs", () => {
  it("gives one glyph per non-space character, wide CJK and narrow digits", () => {
    const glyphs = runsToGlyphs([run("规章 12", 100, 700, 36)], {}, VIEWPORT);
    expect(glyphs.map((g) => g.text)).toEqual(["规", "章", "1", "2"]);
    const [gui, zhang, one, two] = glyphs;
    expect(gui.x0).toBeCloseTo(100);
    expect(gui.x1 - gui.x0).toBeCloseTo(12);
    expect(zhang.x0).toBeCloseTo(112);
    expect(one.x1 - one.x0).toBeCloseTo(6);
    expect(two.x1).toBeCloseTo(136);
    // Baseline at 842 - 700 = 142: the box reaches from the ascent above to the descent below.
    expect(gui.y0).toBeCloseTo(142 - 0.88 * 12);
    expect(gui.y1).toBeCloseTo(142 + 0.12 * 12);
    expect(gui.size).toBe(12);
    expect(gui.vertical).toBe(false);
  });

  it("spreads a run's width evenly over its characters when it has no spaces", () => {
    const glyphs = runsToGlyphs([run("1234", 0, 700, 48)], {}, VIEWPORT);
    expect(glyphs.map((g) => g.x0)).toEqual([0, 12, 24, 36].map((x) => expect.closeTo(x, 6)));
  });

  it("puts a merged run's extra width on its spaces", () => {
    const glyphs = runsToGlyphs([run("12  34", 100, 700, 100)], {}, VIEWPORT);
    expect(glyphs.map((g) => g.text)).toEqual(["1", "2", "3", "4"]);
    const two = glyphs[1];
    const three = glyphs[2];
    expect(two.x1).toBeCloseTo(112);
    expect(three.x0).toBeCloseTo(188);
    expect(three.x0 - two.x1).toBeGreaterThan(50);
    expect(glyphs[3].x1).toBeCloseTo(200);
  });

  it("drops slanted (watermark) runs but keeps upright ones", () => {
    const c = Math.cos(Math.PI / 6) * 40;
    const s = Math.sin(Math.PI / 6) * 40;
    const slanted: TextRun = {
      str: "内部资料",
      transform: [c, s, -s, c, 100, 400],
      width: 160,
      height: 40,
      fontName: "F1",
    };
    const glyphs = runsToGlyphs([slanted, run("合计", 100, 700, 24)], {}, VIEWPORT);
    expect(glyphs.map((g) => g.text)).toEqual(["合", "计"]);
  });

  it("skips runs of spaces only", () => {
    expect(runsToGlyphs([run("   ", 0, 700, 20), run("", 0, 700, 0)], {}, VIEWPORT)).toEqual([]);
  });

  it("stacks the glyphs of a vertical font downward", () => {
    const vertical: TextRun = {
      str: "公开",
      transform: [12, 0, 0, 12, 300, 700],
      width: 12,
      height: 24,
      fontName: "V1",
    };
    const glyphs = runsToGlyphs([vertical], { V1: { vertical: true } }, VIEWPORT);
    expect(glyphs).toHaveLength(2);
    expect(glyphs.every((g) => g.vertical)).toBe(true);
    expect(glyphs[0]).toMatchObject({ text: "公", x0: 294, x1: 306, y0: 142, y1: 154 });
    expect(glyphs[1]).toMatchObject({ text: "开", x0: 294, x1: 306, y0: 154, y1: 166 });
  });
});
