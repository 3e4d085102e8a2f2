import { describe, expect, it } from "vitest";
import { estimateSkew, inkBands, paperLevel, whiten } from "../../src/ocr/raster.js";

const gray = (width: number, values: number[]) => ({
  width,
  height: values.length / width,
  data: Uint8Array.from(values),
});

describe("whiten", () => {
  it("makes everything lighter than the level white and keeps darker pixels as they are", () => {
    expect([...whiten(gray(4, [20, 150, 200, 240]), 160).data]).toEqual([20, 150, 255, 255]);
  });
});

describe("paperLevel", () => {
  it("is the median grey: the paper, which covers most of a page", () => {
    const scan = gray(4, [244, 243, 30, 245, 246, 242, 40, 243]);
    expect(paperLevel(scan, 0, 0, 4, 2, 1)).toBe(243);
    const clean = gray(3, [255, 255, 0]);
    expect(paperLevel(clean, 0, 0, 3, 1, 1)).toBe(255);
  });
});

describe("estimateSkew", () => {
  const W = 800;
  /** An 800 × 800 mask with lines of text falling by `degrees` and, optionally, a scanner's shadow along the top edge. */
  function page(degrees: number, shadow: boolean): Uint8Array {
    const m = new Uint8Array(W * W);
    const t = Math.tan((degrees * Math.PI) / 180);
    for (let line = 100; line < 700; line += 60)
      for (let x = 80; x < 720; x++) {
        if (x % 16 >= 8) continue; // characters apart
        const y = Math.round(line + x * t);
        for (let d = 0; d < 4; d++) m[(y + d) * W + x] = 1;
      }
    if (shadow) for (let y = 0; y < 32; y++) for (let x = 0; x < W; x++) m[y * W + x] = 1;
    return m;
  }

  it("measures the turn of the text lines", () => {
    expect(Math.abs(estimateSkew(page(1.5, false), W, W) - 1.5)).toBeLessThanOrEqual(0.25);
  });

  it("is not held at 0° by a shadow along the image's edge", () => {
    expect(Math.abs(estimateSkew(page(1.5, true), W, W) - 1.5)).toBeLessThanOrEqual(0.25);
  });
});

describe("inkBands", () => {
  /** A 20 × 12 mask with ink in the given [x0, y0, x1, y1) rectangles. */
  const mask = (...rects: [number, number, number, number][]) => {
    const m = new Uint8Array(20 * 12);
    for (const [x0, y0, x1, y1] of rects) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) m[y * 20 + x] = 1;
    return m;
  };
  const all = { x0: 0, y0: 0, x1: 20, y1: 12 };
  it("gives each line of ink with its extent, split by blank rows", () => {
    expect(inkBands(mask([2, 1, 18, 4], [5, 7, 9, 10]), 20, all, 2, 1)).toEqual([
      { x0: 2, y0: 1, x1: 18, y1: 4 },
      { x0: 5, y0: 7, x1: 9, y1: 10 },
    ]);
  });
  it("keeps a line whole across a gap narrower than minGap, and leaves specks out", () => {
    expect(inkBands(mask([2, 1, 8, 4], [2, 5, 8, 7], [15, 10, 16, 11]), 20, all, 2, 3)).toEqual([
      { x0: 2, y0: 1, x1: 8, y1: 7 },
    ]);
  });
  it("looks inside the rectangle only", () => {
    expect(inkBands(mask([0, 0, 20, 2], [4, 6, 6, 8]), 20, { x0: 3, y0: 3, x1: 10, y1: 12 }, 1, 1)).toEqual([
      { x0: 4, y0: 6, x1: 6, y1: 8 },
    ]);
  });
});
