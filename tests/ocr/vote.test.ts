import { describe, expect, it } from "vitest";
import { voteFigure } from "../../src/ocr/vote.js";

const r = (text: string, confidence = 80) => ({ text, confidence });
const s = { agreedConfidence: 90 };

describe("voteFigure", () => {
  it("takes the figure most readings agree on, sure when they are most of the votes", () => {
    expect(voteFigure(r("3948", 98), [r("5948"), r("5948"), r("3948"), r("5948"), r("5948")], s)).toEqual({
      text: "5948",
      confidence: 90,
    });
  });

  it("keeps the first reading on a tie, unsure", () => {
    expect(voteFigure(r("25"), [r("23"), r(""), r(""), r(""), r("")], s)).toEqual({ text: "25", confidence: 17 });
  });

  it("lets a sure first reading stand alone when the others read nothing (a lone 4)", () => {
    expect(voteFigure(r("4", 95), [r(""), r(""), r("")], s)).toEqual({ text: "4", confidence: 95 });
    expect(voteFigure(r("4", 60), [r(""), r(""), r("")], s).confidence).toBe(25);
  });

  it("reads a figure for an inked cell the first reading left empty, and ignores what is no figure", () => {
    expect(voteFigure(r("", 0), [r("12"), r("12"), r("也"), r("12")], s)).toEqual({ text: "12", confidence: 90 });
    expect(voteFigure(r("", 0), [r("-"), r("")], s)).toEqual({ text: "", confidence: 0 });
  });

  it("counts 1,234 and １２３４ as the same figure", () => {
    expect(voteFigure(r("1,234"), [r("１２３４"), r("1284")], s)).toEqual({ text: "1234", confidence: 90 });
  });
});
