import { describe, expect, it } from "vitest";
import type { Cell } from "../../src/layout/table.js";
import { wideEnough } from "../../src/ocr/page.js";

const cell = (x0: number, x1: number): Cell => ({
  row: 0,
  col: 0,
  rowSpan: 1,
  colSpan: 1,
  box: { x0, y0: 0, x1, y1: 12 },
  text: "",
  glyphs: [],
});

describe("wideEnough", () => {
  it("takes cells as wide as a table, not the boxes a title character's strokes draw", () => {
    expect(wideEnough([cell(100, 180), cell(180, 260)])).toBe(true);
    expect(wideEnough([cell(333.8, 338), cell(338, 341.9)])).toBe(false);
    expect(wideEnough([])).toBe(false);
  });
});
