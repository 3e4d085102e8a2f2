import { describe, expect, it } from "vitest";
import { readSections } from "../src/extract/sections.js";
import { sectionHeading } from "../src/text/headings.js";

const lines = (texts: string[], page: number | null = 1) => texts.map((text) => ({ text, page }));

describe("readSections", () => {
  it("finds the six headings in order, renumbered or not, and not a subheading that shares a word", () => {
    const s = readSections([
      ...lines([
        "XX局2023年政府信息公开工作年度报告",
        "一、总体情况",
        "本年度……",
        "（一）主动公开情况",
        "全年主动公开信息120条。",
      ]),
      ...lines(
        ["二、主动公开政府信息情况", "（三）收到和处理政府信息公开申请情况", "3.政府信息公开行政复议、行政诉讼情况"],
        2,
      ),
      ...lines(["五、存在的主要问题及改进情况", "一是……", "二是……", "六、其他需要报告的事项", "无。"], 3),
    ]);
    expect(s.map((x) => x.number)).toEqual(["一", "二", "三", "四", "五", "六"]);
    expect(s[0]).toMatchObject({
      heading: "一、总体情况",
      text: "本年度……\n（一）主动公开情况\n全年主动公开信息120条。",
      pages: [1],
    });
    expect(s[2].heading).toBe("（三）收到和处理政府信息公开申请情况");
    expect(s[4]).toMatchObject({ text: "一是……\n二是……", pages: [3] });
  });

  it("gives no pages for a web page's or Word file's text, and nothing when no heading is there", () => {
    expect(readSections(lines(["一、总体情况", "正文"], null))[0].pages).toEqual([]);
    expect(readSections(lines(["没有标题的正文"]))).toEqual([]);
  });
  it("knows a heading worded a little differently, and only at its place in the order", () => {
    expect(sectionHeading("三、收到处理政府信息公开申请情况")).toBe(2);
    expect(sectionHeading("4.政府信息公开行政法复议、行政诉讼情况")).toBe(3);
    expect(sectionHeading("（一）主动公开情况", 1)).toBe(-1);
    expect(sectionHeading("一、总体情况", 1)).toBe(-1);
    expect(sectionHeading("总体情况")).toBe(-1);
  });
});
