import { describe, expect, it } from "vitest";
import { ocrNeed } from "../../src/pdf/ocrNeed.js";
import type { PageImage, PageModel } from "../../src/pdf/types.js";

const page = (images: PageImage[]): PageModel => ({
  number: 3,
  width: 595,
  height: 842,
  glyphs: [{ x0: 60, y0: 60, x1: 72, y1: 72, text: "四", size: 12, vertical: false }],
  segments: [],
  images,
  graphicsRead: true,
  textLayer: "ok",
  source: "text",
});
const image = (x0: number, y0: number, x1: number, y1: number): PageImage => ({
  x0,
  y0,
  x1,
  y1,
  id: "im",
  upright: true,
});

describe("ocrNeed", () => {
  it("reads a small picture shaped like a table (a review table of one row)", () => {
    const review = image(158, 120, 437, 175);
    expect(ocrNeed(page([review]))?.regions).toEqual([review]);
  });

  it("leaves a seal or a narrow picture of the same size to the text layer", () => {
    expect(ocrNeed(page([image(380, 600, 504, 724)]))).toBeNull();
    expect(ocrNeed(page([image(60, 600, 180, 660)]))).toBeNull();
  });

  it("reads any picture covering a large share of the page", () => {
    expect(ocrNeed(page([image(100, 100, 400, 400)]))?.regions).toHaveLength(1);
  });
});
