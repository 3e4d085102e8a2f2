import { describe, expect, it } from "vitest";
import { markReading, markShape } from "../../src/ocr/marks.js";

/** A mask from rows of text art: '#' is ink. */
function mask(art: string[]): {
  data: Uint8Array;
  width: number;
  box: { x0: number; y0: number; x1: number; y1: number };
} {
  const width = art[0].length;
  const data = Uint8Array.from(
    art
      .join("")
      .split("")
      .map((c) => (c === "#" ? 1 : 0)),
  );
  return { data, width, box: { x0: 0, y0: 0, x1: width, y1: art.length } };
}

const shape = (art: string[]) => {
  const m = mask(art);
  return markShape(m.data, m.width, m.box);
};

describe("markShape", () => {
  it("tells a dash by its flat stroke, whatever its length", () => {
    expect(shape(["..........", ".########.", ".########.", ".........."])).toBe("dash");
  });

  it("tells a slash by a stroke whose top leans right", () => {
    expect(
      shape(["....##", "....##", "...##.", "...##.", "..##..", "..##..", ".##...", ".##...", "##....", "##...."]),
    ).toBe("slash");
  });

  it("takes an upright 1 (its flag leaning left) and a round 0 for no mark", () => {
    expect(
      shape(["..##..", ".###..", "#.##..", "..##..", "..##..", "..##..", "..##..", "..##..", "######"]),
    ).toBeNull();
    expect(shape([".####.", "##..##", "##..##", "##..##", "##..##", ".####."])).toBeNull();
  });

  it("ignores specks of the paper around the mark", () => {
    expect(shape(["#.........", "..........", ".########.", ".########.", ".........#"])).toBe("dash");
  });

  it("finds nothing in an empty box", () => {
    expect(shape(["....", "...."])).toBeNull();
  });
});

describe("markReading", () => {
  it("takes flat ink read as one character for a dash, not a long figure or a label", () => {
    expect(markReading("4", "dash", false)).toBe("dash");
    expect(markReading("", "dash", false)).toBe("dash");
    expect(markReading("12868.18", "dash", true)).toBeNull();
    expect(markReading("一一", "dash", false)).toBeNull();
  });

  it("takes a leaning stroke for a slash only when the reading is nothing, a stroke or a lone character among figures", () => {
    expect(markReading("1", "slash", false)).toBe("slash");
    expect(markReading("1/", "slash", false)).toBe("slash");
    expect(markReading("1/", null, true)).toBeNull();
    expect(markReading("册", "slash", true)).toBe("slash");
    expect(markReading("册", "slash", false)).toBeNull();
    expect(markReading("17", "slash", true)).toBeNull();
    expect(markReading("7", null, true)).toBeNull();
  });
});
