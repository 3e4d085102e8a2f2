import { describe, expect, it } from "vitest";
import { figurePieces, inkRuns, tableBlocks, textBlocks, type PixelBox } from "../../src/ocr/blocks.js";

/** An ink mask of `width` × `height` with the given rectangles (x1, y1 exclusive) inked. */
function mask(width: number, height: number, rects: PixelBox[]): Uint8Array {
  const m = new Uint8Array(width * height);
  for (const r of rects) for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) m[y * width + x] = 1;
  return m;
}
const box = (x0: number, y0: number, x1: number, y1: number): PixelBox => ({ x0, y0, x1, y1 });
const settings = { rowGap: 4, colGap: 6, minInk: 4, titleHeight: 12, ruleMaxHeight: 2, ruleMinWidth: 30 };

describe("inkRuns", () => {
  it("bridges gaps shorter than minGap", () => {
    expect(inkRuns([0, 1, 1, 0, 1, 0, 0, 0, 1, 0], 3)).toEqual([
      [1, 5],
      [8, 9],
    ]);
    expect(inkRuns([0, 0], 1)).toEqual([]);
  });
});

describe("textBlocks", () => {
  it("drops what is left of a rule, even one a skewed scan makes climb, and keeps a line of text", () => {
    // A 2-pixel stroke rising one pixel every 20 (8 pixels over 160), and a line of text under it.
    const stroke = Array.from({ length: 8 }, (_, k) => box(k * 20, 10 - k, k * 20 + 20, 12 - k));
    const m = mask(170, 30, [...stroke, box(2, 20, 60, 26)]);
    expect(textBlocks(m, 170, box(0, 0, 170, 30), settings)).toEqual([{ band: 1, box: box(2, 20, 60, 26) }]);
  });

  it("cuts a row of a borderless table into its label and figures, bands top to bottom", () => {
    // Band 0: a label (with a 2-pixel gap inside) and two figures; band 1: a line of prose.
    const m = mask(60, 30, [
      box(2, 2, 10, 8),
      box(12, 2, 20, 8),
      box(30, 2, 36, 8),
      box(44, 3, 50, 8),
      box(2, 16, 58, 22),
    ]);
    const blocks = textBlocks(m, 60, box(0, 0, 60, 30), settings);
    expect(blocks).toEqual([
      { band: 0, box: box(2, 2, 20, 8) },
      { band: 0, box: box(30, 2, 36, 8) },
      { band: 0, box: box(44, 3, 50, 8) },
      { band: 1, box: box(2, 16, 58, 22) },
    ]);
  });

  it("keeps the lines of a wrapped cell together and splits a column's cells at row gaps", () => {
    // A figure over two lines 2 pixels apart, then the next row's figure 6 pixels below.
    const m = mask(20, 40, [box(2, 2, 8, 8), box(2, 10, 8, 16), box(2, 22, 8, 28), box(14, 2, 18, 28)]);
    const blocks = textBlocks(m, 20, box(0, 0, 20, 40), settings);
    expect(blocks.map((b) => b.box)).toEqual([box(2, 2, 8, 16), box(2, 22, 8, 28), box(14, 2, 18, 28)]);
  });

  it("drops specks", () => {
    expect(textBlocks(mask(20, 20, [box(5, 5, 6, 6)]), 20, box(0, 0, 20, 20), settings)).toEqual([]);
  });
});

describe("tableBlocks", () => {
  it("keeps bands of several blocks, not running text or large-type titles", () => {
    const m = mask(80, 60, [
      box(2, 2, 70, 18), // a title line 16 pixels high, words apart
      box(74, 2, 78, 18),
      box(2, 24, 70, 30), // prose
      box(2, 40, 20, 46), // label
      box(40, 40, 46, 46), // figure
    ]);
    expect(tableBlocks(m, 80, box(0, 0, 80, 60), settings).map((b) => b.box)).toEqual([
      box(2, 40, 20, 46),
      box(40, 40, 46, 46),
    ]);
  });
});

describe("tableBlocks with narrow columns", () => {
  it("keeps a block of a one-line figure centred beside a wrapped one: no line in it is tall", () => {
    // Label; then "12" centred (rows 6–12) 3 pixels left of "25" over "8" (rows 2–8 and 10–16): one block 14 high.
    const m = mask(60, 20, [box(2, 5, 20, 11), box(30, 6, 36, 12), box(39, 2, 45, 8), box(39, 10, 45, 16)]);
    expect(tableBlocks(m, 60, box(0, 0, 60, 20), settings).map((b) => b.box)).toEqual([
      box(2, 5, 20, 11),
      box(30, 2, 45, 16),
    ]);
  });
});

describe("figurePieces", () => {
  // Digits 4 pixels wide, 1 pixel apart, on a line 6 pixels high.
  const digits = (x: number, n: number, pitch = 5) =>
    Array.from({ length: n }, (_, k) => box(x + k * pitch, 2, x + k * pitch + 4, 8));

  it("cuts two figures of neighbouring narrow columns apart at the wider gap", () => {
    // "25" and "22" with 4 pixels between them (under the block gap of 6), over a wrapped line "0" and "40"
    // whose digits fill the gaps between those above.
    const m = mask(40, 20, [
      ...digits(2, 2),
      ...digits(15, 2),
      box(5, 10, 11, 16),
      box(15, 10, 18, 16),
      box(19, 10, 24, 16),
    ]);
    expect(figurePieces(m, 40, box(2, 2, 24, 16), 4, 4)).toEqual([box(2, 2, 11, 16), box(15, 2, 24, 16)]);
  });

  it("keeps a figure whose gaps are all alike: digits, a thousands comma, full-width digits", () => {
    const plain = mask(40, 10, digits(2, 4));
    expect(figurePieces(plain, 40, box(2, 2, 21, 8), 4, 4)).toEqual([box(2, 2, 21, 8)]);
    // Full-width digits: glyphs 4 pixels wide, 5 pixels apart, none of them with a neighbour close by.
    const full = mask(60, 10, digits(2, 5, 9));
    expect(figurePieces(full, 60, box(2, 2, 42, 8), 4, 4)).toEqual([box(2, 2, 42, 8)]);
  });

  it("keeps a figure of tabular digits whose 1 leaves wide white beside it: its digits stand at one pitch", () => {
    // "1526" at a pitch of 8: the 1 is 2 pixels wide, so 5 pixels of white follow it; the others leave 1.
    const m = mask(60, 10, [box(5, 2, 7, 8), box(11, 2, 18, 8), box(19, 2, 26, 8), box(27, 2, 34, 8)]);
    expect(figurePieces(m, 60, box(5, 2, 34, 8), 4, 4)).toEqual([box(5, 2, 34, 8)]);
  });

  it("keeps a block whose wide gap is not much wider than the gaps inside its pieces", () => {
    // Gaps of 3 inside, 4 between: no clear column gap.
    const m = mask(40, 10, [box(2, 2, 6, 8), box(9, 2, 13, 8), box(17, 2, 21, 8), box(24, 2, 28, 8)]);
    expect(figurePieces(m, 40, box(2, 2, 28, 8), 4, 4)).toEqual([box(2, 2, 28, 8)]);
  });
});
