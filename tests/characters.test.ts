import { describe, expect, it } from "vitest";
import { normalizeChar, normalizeText } from "../src/text/characters.js";
import { runsToGlyphs } from "../src/pdf/glyphs.js";

describe("normalizeChar", () => {
  it("maps Kangxi radicals and CJK Radicals Supplement code points to the ideographs they stand for", () => {
    expect(normalizeText("⼈⺠政府")).toBe("人民政府");
    expect(normalizeText("⻘川县交通运输局")).toBe("青川县交通运输局");
    expect(normalizeText("⽣态环境局⻓")).toBe("生态环境局长");
    expect(normalizeText("⾸⻚")).toBe("首页");
  });

  it("leaves ordinary text, full-width forms and circled numbers as printed", () => {
    expect(normalizeText("（三）１２３①")).toBe("（三）１２３①");
    expect(normalizeChar("人")).toBe("人");
  });
});

describe("runsToGlyphs", () => {
  it("normalises each glyph and keeps what the text layer printed", () => {
    const glyphs = runsToGlyphs(
      [{ str: "⼈⺠", transform: [10, 0, 0, 10, 0, 100], width: 20, height: 10, fontName: "f" }],
      {},
      [1, 0, 0, -1, 0, 200],
    );
    expect(glyphs.map((g) => [g.text, g.original])).toEqual([
      ["人", "⼈"],
      ["民", "⺠"],
    ]);
  });
});
