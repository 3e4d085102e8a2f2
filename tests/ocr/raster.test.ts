import { describe, expect, it } from "vitest";
import { paperLevel, whiten } from "../../src/ocr/raster.js";

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
