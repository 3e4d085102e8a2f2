import { describe, expect, it } from "vitest";
import type { Box } from "../../src/pdf/types.js";
import { joinWrappedFigures, joinWrappedLabels, type ReadBlock } from "../../src/ocr/stacks.js";

const b = (text: string, kind: ReadBlock["kind"], x0: number, y0: number, x1: number, y1: number): ReadBlock => ({
  box: { x0, y0, x1, y1 } as Box,
  text,
  confidence: 95,
  kind,
  lineHeight: 6,
});
const texts = (blocks: ReadBlock[]) => blocks.map((x) => x.text).sort();

describe("joinWrappedFigures", () => {
  it("joins a figure wrapped around the middle of its row label", () => {
    const label = b("一、本年新收申请数量", "label", 0, 10, 100, 19);
    const blocks = [label, b("204", "figure", 120, 8, 135, 14), b("95", "figure", 125, 16, 135, 22), b("435", "figure", 150, 12, 165, 18)];
    const out = joinWrappedFigures(blocks, [label]);
    expect(texts(out)).toEqual(["204" + "95", "435", "一、本年新收申请数量"].sort());
    expect(out.find((x) => x.text === "20495")?.box).toEqual({ x0: 120, y0: 8, x1: 135, y1: 22 });
  });

  it("keeps figures of two rows apart: the lower one has a label line of its own", () => {
    const a = b("4.保护第三方合法权益", "label", 0, 10, 100, 19);
    const c = b("5.属于三类内部事务信息", "label", 0, 22, 100, 31);
    // A group label centred between the two rows spans their gap; it must not join them.
    const group = b("（三）不予公开", "label", -40, 14, -5, 27);
    const out = joinWrappedFigures([a, c, group, b("733", "figure", 120, 12, 135, 18), b("149", "figure", 120, 24, 135, 30)], [a, c, group]);
    expect(texts(out)).toContain("733");
    expect(texts(out)).toContain("149");
  });
});

describe("joinWrappedLabels", () => {
  it("joins a label's second line, not the next numbered row", () => {
    const out = joinWrappedLabels(
      [b("2.其他法律行政法规禁止", "label", 0, 10, 100, 19), b("公开", "label", 40, 21, 60, 30), b("3.危及三安全一稳定", "label", 0, 32, 90, 41), b("12", "figure", 120, 15, 130, 21)],
      0.5,
    );
    expect(texts(out)).toEqual(["12", "2.其他法律行政法规禁止公开", "3.危及三安全一稳定"].sort());
  });
});
