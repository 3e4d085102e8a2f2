import { describe, expect, it } from "vitest";
import { bandSvg } from "../../src/output/cropSvg.js";
import type { Glyph, PageModel } from "../../src/pdf/types.js";

const glyph = (text: string, x0: number, y0: number, size = 10): Glyph => ({
  text,
  x0,
  y0,
  x1: x0 + size,
  y1: y0 + size,
  size,
  vertical: false,
});

const page: PageModel = {
  number: 2,
  width: 600,
  height: 800,
  glyphs: [
    glyph("合", 100, 200),
    glyph("1", 300, 200.5),
    glyph("计", 110, 200),
    glyph("<", 320, 200),
    glyph("远", 100, 700),
  ],
  segments: [
    { x0: 90, y0: 195, x1: 400, y1: 195 },
    { x0: 90, y0: 600, x1: 400, y1: 600 },
  ],
  images: [],
  graphicsRead: true,
  textLayer: "ok",
  source: "text",
};

describe("bandSvg", () => {
  const svg = bandSvg(page, [[295, 198, 315, 212]], { scale: 2, context: 40 });
  it("spans the page's width and the cells' rows with their context, at the scale asked", () => {
    expect(svg).toMatch(/viewBox="0 158 600 94"/);
    expect(svg).toMatch(/width="1200" height="188"/);
  });
  it("sets each printed line's glyphs in one element, each at its own place, on the baseline", () => {
    expect(svg).toContain('<text x="100 110 300 320" y="208.8" font-size="10">合计1&lt;</text>');
    expect(svg).not.toContain("远");
  });
  it("draws the ruling lines in the band only, and outlines the cells", () => {
    expect(svg).toContain('d="M90 195L400 195"');
    expect(svg).not.toContain("600L");
    expect(svg).toContain('<rect x="293.5" y="196.5" width="23" height="17"/>');
  });
  it("keeps the band inside the page", () => {
    expect(bandSvg(page, [[0, 10, 10, 20]], { scale: 1, context: 40 })).toMatch(/viewBox="0 0 600 60"/);
  });
});
