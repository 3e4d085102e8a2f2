import { describe, expect, it } from "vitest";
import type { Cell } from "../../src/layout/table.js";
import { readArea, tallEnough, wideEnough } from "../../src/ocr/page.js";

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

describe("tallEnough", () => {
  it("takes rows that can hold a line of text, not the slices a title line's strokes cut", () => {
    // 孟州市商务局 in large type: its strokes ruled three rows of 6 pt over one line of the title.
    expect(tallEnough([67, 73.5, 79.2, 85.9])).toBe(false);
    expect(tallEnough([94.4, 125, 156.4])).toBe(true);
    // A sliver between a double border does not make a table less of one.
    expect(tallEnough([60, 61.5, 91.4])).toBe(true);
  });
});

describe("readArea", () => {
  it("covers a ruled cell whole, though its crop is inset, and a text block's padded crop", () => {
    const cell = { box: { x0: 10, y0: 10, x1: 50, y1: 20 }, crop: { x0: 26, y0: 26, x1: 94, y1: 34 } };
    expect(readArea(cell, 2)).toEqual({ x0: 18, y0: 18, x1: 102, y1: 42 });
    const block = { box: { x0: 10, y0: 10, x1: 12, y1: 13 }, crop: { x0: 17, y0: 17, x1: 27, y1: 29 } };
    expect(readArea(block, 2)).toEqual({ x0: 15, y0: 15, x1: 29, y1: 31 });
  });
});
