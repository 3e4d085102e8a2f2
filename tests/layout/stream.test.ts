import { describe, expect, it } from "vitest";
import { findStreamTables } from "../../src/layout/stream.js";
import type { Glyph, PageModel } from "../../src/pdf/types.js";

/** Glyphs of a string laid left to right from (x, y), 10 pt each. */
const word = (text: string, x: number, y: number): Glyph[] =>
  Array.from(text).map((ch, k) => ({
    text: ch,
    x0: x + k * 10,
    y0: y,
    x1: x + k * 10 + 10,
    y1: y + 10,
    size: 10,
    vertical: false,
  }));
/** A word centred on x. */
const centred = (text: string, x: number, y: number) => word(text, x - (Array.from(text).length * 10) / 2, y);

const page = (glyphs: Glyph[]): PageModel => ({
  number: 1,
  width: 595,
  height: 842,
  glyphs,
  segments: [],
  images: [],
  graphicsRead: true,
  textLayer: "ok",
  source: "text",
});

/** Column k of a borderless table of ten 48 pt columns from x = 65. */
const centre = (k: number) => 89 + 48 * k;
const HEADS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/**
 * The 行政诉讼 half of a review table printed without borders and without row labels: a group title over two
 * groups (未经复议直接起诉 | 复议后起诉), each of five columns whose words wrap in two lines (结果维 over 持) but
 * 总计, set between the lines; the values row has figures, left-aligned in their cells, in six columns only.
 */
function litigationBlock(inked: number[]): Glyph[] {
  const glyphs = [
    ...centred("行政诉讼", 305, 100),
    ...centred("未经复议直接起诉", 185, 115),
    ...centred("复议后起诉", 425, 115),
  ];
  for (let k = 0; k < 10; k++) {
    const head = HEADS[k % 5];
    if (head === "总计") glyphs.push(...centred(head, centre(k), 137));
    else glyphs.push(...centred(head.slice(0, 3), centre(k), 130), ...centred(head.slice(3), centre(k), 145));
  }
  for (const k of inked) glyphs.push(...word(String(k), 65 + 48 * k + 4, 170));
  return glyphs;
}

describe("findStreamTables", () => {
  it("gives a borderless header's columns under a group title, blank columns before the first figures included", () => {
    const [table] = findStreamTables(page(litigationBlock([2, 3, 5, 6, 7, 9])), []);
    expect(table).toBeDefined();
    const header = table.cells.filter((c) => c.row === 0 && c.col >= table.labelColumns!);
    const values = table.cells.filter((c) => c.row === 1 && c.col >= table.labelColumns!);
    // Ten columns, each headed by its own words last (under the pieces of the titles over its group).
    expect(header.map((c) => HEADS.find((h) => c.text.endsWith(h)))).toEqual([...HEADS, ...HEADS]);
    expect(values.map((c) => c.text)).toEqual(["", "", "2", "3", "", "5", "6", "7", "", "9"]);
  });
});
