/**
 * The report's six sections as text (一、总体情况 … 六、其他需要报告的事项): headings found by their numbering
 * (一、 （三） 3. …, as reports renumber them) and their wording, in the template's order; each section's text
 * is what follows its heading up to the next one, tables left out.
 */
import type { Section } from "../report/types.js";
import { startsNumbered } from "../text/numbering.js";

/** The template's sections: number, heading, and words that only that heading holds. */
const SECTIONS = [
  { number: "一", heading: "总体情况", words: ["总体情况"] },
  { number: "二", heading: "主动公开政府信息情况", words: ["主动公开政府信息"] },
  { number: "三", heading: "收到和处理政府信息公开申请情况", words: ["收到和处理"] },
  { number: "四", heading: "政府信息公开行政复议、行政诉讼情况", words: ["行政复议"] },
  { number: "五", heading: "存在的主要问题及改进情况", words: ["存在的主要问题", "主要问题及改进"] },
  { number: "六", heading: "其他需要报告的事项", words: ["其他需要报告"] },
];

/** Headings are short lines. */
const MAX_HEADING_CHARS = 40;

/** One line of the report's running text (tables left out), with its page (null for a web page or Word file). */
export interface TextLineOf {
  text: string;
  page: number | null;
}

export function readSections(lines: TextLineOf[]): Section[] {
  const found: { def: (typeof SECTIONS)[number]; at: number }[] = [];
  let next = 0;
  lines.forEach((l, at) => {
    const t = l.text.replace(/\s+/g, "");
    if (t.length > MAX_HEADING_CHARS || !startsNumbered(t)) return;
    // In the template's order: a subheading of section 一 (（一）主动公开情况) cannot be section 二's heading.
    for (let k = next; k < SECTIONS.length; k++)
      if (SECTIONS[k].words.some((w) => t.includes(w))) {
        found.push({ def: SECTIONS[k], at });
        next = k + 1;
        return;
      }
  });
  return found.map(({ def, at }, k) => {
    const body = lines.slice(at + 1, found[k + 1]?.at ?? lines.length);
    const pages = [...new Set([lines[at], ...body].flatMap((l) => (l.page === null ? [] : [l.page])))];
    return {
      number: def.number,
      heading: lines[at].text.trim(),
      text: body.map((l) => l.text.trim()).join("\n"),
      pages,
    };
  });
}
