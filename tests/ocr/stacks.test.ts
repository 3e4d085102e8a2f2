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
    const blocks = [
      label,
      b("204", "figure", 120, 8, 135, 14),
      b("95", "figure", 125, 16, 135, 22),
      b("435", "figure", 150, 12, 165, 18),
    ];
    const out = joinWrappedFigures(blocks, [label]);
    expect(texts(out)).toEqual(["204" + "95", "435", "一、本年新收申请数量"].sort());
    expect(out.find((x) => x.text === "20495")?.box).toEqual({ x0: 120, y0: 8, x1: 135, y1: 22 });
  });

  it("keeps figures of two rows apart: the lower one has a label line of its own", () => {
    const a = b("4.保护第三方合法权益", "label", 0, 10, 100, 19);
    const c = b("5.属于三类内部事务信息", "label", 0, 22, 100, 31);
    // A group label centred between the two rows spans their gap; it must not join them.
    const group = b("（三）不予公开", "label", -40, 14, -5, 27);
    const out = joinWrappedFigures(
      [a, c, group, b("733", "figure", 120, 12, 135, 18), b("149", "figure", 120, 24, 135, 30)],
      [a, c, group],
    );
    expect(texts(out)).toContain("733");
    expect(texts(out)).toContain("149");
  });
});

describe("joinWrappedLabels", () => {
  it("joins the second line of a spaced label to the line's last block, though it starts under the first", () => {
    // The line starts with its numbering, misread as a figure.
    const out = joinWrappedLabels(
      [
        b("1", "figure", 10, 10, 24, 16),
        b("部分公开", "label", 30, 10, 60, 16),
        b("（区分处理的，不计其他情", "label", 66, 10, 150, 16),
        b("形）", "other", 6, 18, 18, 24),
        b("182", "figure", 170, 10, 185, 16),
        b("3", "figure", 180, 18, 185, 24),
      ],
      0.8,
    );
    expect(texts(out.filter((x) => x.kind === "label"))).toEqual(["部分公开", "（区分处理的，不计其他情形）"]);
    expect(out.find((x) => x.text.endsWith("形）"))?.box).toEqual({ x0: 6, y0: 10, x1: 150, y1: 24 });
  });

  it("joins widely spaced lines of a label when its figures stand centred between them, not otherwise", () => {
    const lines = [
      b("（二）部分公开（区分处理的，只计", "label", 10, 10, 100, 16),
      b("这一情形，不计其他情形）", "label", 10, 21, 90, 27),
    ];
    const between = joinWrappedLabels([...lines, b("25", "figure", 120, 15, 130, 21)], 0.5);
    expect(texts(between.filter((x) => x.kind === "label"))).toEqual([
      "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ]);
    const onLines = joinWrappedLabels(
      [...lines, b("25", "figure", 120, 10, 130, 16), b("3", "figure", 120, 21, 130, 27)],
      0.5,
    );
    expect(onLines.filter((x) => x.kind === "label")).toHaveLength(2);
  });

  it("does not join a row label to a header line above it that has no figures beside it", () => {
    const out = joinWrappedLabels(
      [
        b("第二十条第（五）项", "label", 10, 10, 100, 16),
        b("本年处理决定", "label", 110, 10, 190, 16),
        b("数量", "label", 130, 18, 170, 24),
        b("行政许可", "label", 10, 26, 50, 32),
        b("4", "figure", 180, 26, 185, 32),
      ],
      0.8,
    );
    expect(texts(out.filter((x) => x.kind === "label"))).toEqual([
      "本年处理决定数量",
      "第二十条第（五）项",
      "行政许可",
    ]);
  });

  it("joins a label's second line, not the next numbered row", () => {
    const out = joinWrappedLabels(
      [
        b("2.其他法律行政法规禁止", "label", 0, 10, 100, 19),
        b("公开", "label", 40, 21, 60, 30),
        b("3.危及三安全一稳定", "label", 0, 32, 90, 41),
        b("12", "figure", 120, 15, 130, 21),
      ],
      0.5,
    );
    expect(texts(out)).toEqual(["12", "2.其他法律行政法规禁止公开", "3.危及三安全一稳定"].sort());
  });

  it("starts a new row at an unnumbered label line with figures of its own, and still joins a wrapped one", () => {
    const row = (y: number, values: string[]) =>
      values.map((v, k) => b(v, "figure", 120 + 20 * k, y, 130 + 20 * k, y + 6));
    // 4.无正当理由大量反复 / 申请 with figures between its lines; then a two-line label without a number.
    const blocks = [
      b("4.无正当理由大量反复", "label", 0, 10, 100, 16),
      b("申请", "label", 40, 18, 60, 24),
      b("要求行政机关确认或重", "label", 0, 28, 100, 34),
      b("新出具已获取信息", "label", 10, 36, 90, 42),
      ...row(14, ["1", "1", "0", "2"]),
      ...row(32, ["2", "0", "0", "2"]),
    ];
    expect(texts(joinWrappedLabels(blocks, 0.8).filter((x) => x.kind === "label"))).toEqual(
      ["4.无正当理由大量反复申请", "要求行政机关确认或重新出具已获取信息"].sort(),
    );
  });

  it("joins a wrapped label whose long figures wrapped with it, the short ones standing between its lines", () => {
    const f = (v: string, k: number, y: number) => b(v, "figure", 120 + 20 * k, y, 130 + 20 * k, y + 6);
    const blocks = [
      b("（二）部分公开（区分处理的，只计这", "label", 0, 10, 100, 16),
      b("一情形，不计其他情形）", "label", 10, 18, 90, 24),
      ...["182", "43", "25", "274"].map((v, k) => f(v, k, 10)),
      ...["3", "6", "8", "0"].map((v, k) => f(v, k, 18)),
      f("71", 4, 14),
    ];
    expect(texts(joinWrappedLabels(blocks, 0.8).filter((x) => x.kind === "label"))).toEqual([
      "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ]);
  });
});
