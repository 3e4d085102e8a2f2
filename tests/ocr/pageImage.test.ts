import { ImageKind } from "../../src/pdf/pdfjs.js";
import { describe, expect, it } from "vitest";
import { fullPageImage, toRgba } from "../../src/ocr/pageImage.js";

const A4 = { width: 595.28, height: 841.89 };
const image = (x0: number, y0: number, x1: number, y1: number, upright = true, id: string | null = "img_p0_1") => ({
  x0,
  y0,
  x1,
  y1,
  upright,
  id,
});

describe("fullPageImage", () => {
  it("takes one upright image that covers the page, to within a few points", () => {
    const scan = image(0, 0, 595.44, 841.92);
    expect(fullPageImage([scan], A4.width, A4.height)).toBe(scan);
    expect(fullPageImage([image(1, 2, 594, 840)], A4.width, A4.height)).not.toBeNull();
  });

  it("leaves a pasted picture, a rotated scan, an inline image and a page of several images to rendering", () => {
    expect(fullPageImage([image(50, 100, 545, 500)], A4.width, A4.height)).toBeNull();
    expect(fullPageImage([image(0, 0, 595.28, 841.89, false)], A4.width, A4.height)).toBeNull();
    expect(fullPageImage([image(0, 0, 595.28, 841.89, true, null)], A4.width, A4.height)).toBeNull();
    expect(fullPageImage([image(0, 0, 595.28, 420), image(0, 420, 595.28, 841.89)], A4.width, A4.height)).toBeNull();
  });
});

describe("toRgba", () => {
  it("spreads RGB and 1-bit grey (rows start on a byte, a set bit is white) to RGBA", () => {
    expect([
      ...toRgba({ width: 2, height: 1, kind: ImageKind.RGB_24BPP, data: new Uint8Array([1, 2, 3, 4, 5, 6]) })!,
    ]).toEqual([1, 2, 3, 255, 4, 5, 6, 255]);
    // 3 × 2 pixels: row 0 = 1 0 1, row 1 = 0 1 1 (each row its own byte).
    const bits = toRgba({
      width: 3,
      height: 2,
      kind: ImageKind.GRAYSCALE_1BPP,
      data: new Uint8Array([0b10100000, 0b01100000]),
    })!;
    expect(Array.from({ length: 6 }, (_, i) => bits[4 * i])).toEqual([255, 0, 255, 0, 255, 255]);
    expect(toRgba({ width: 1, height: 1, kind: 99, data: new Uint8Array(4) })).toBeNull();
  });
});
