/**
 * The report's section headings (一、总体情况 … 六、其他需要报告的事项), renumbered as reports do (一、 （三） 3. …)
 * and worded a little differently: where the running text turns to a new section, and where a table ends.
 */
import { similarity } from "./labels.js";
import { startsNumbered } from "./numbering.js";

/** The template's sections: number, heading, and words that only that heading holds. */
export const SECTIONS = [
  { number: "一", heading: "总体情况", words: ["总体情况"] },
  { number: "二", heading: "主动公开政府信息情况", words: ["主动公开政府信息"] },
  { number: "三", heading: "收到和处理政府信息公开申请情况", words: ["收到和处理"] },
  { number: "四", heading: "政府信息公开行政复议、行政诉讼情况", words: ["行政复议"] },
  { number: "五", heading: "存在的主要问题及改进情况", words: ["存在的主要问题", "主要问题及改进"] },
  { number: "六", heading: "其他需要报告的事项", words: ["其他需要报告"] },
] as const;

/** A heading worded a little differently (a character added or lost) is still the heading. */
const HEADING_SIMILARITY = 0.8;

/** Headings are short lines. */
const MAX_HEADING_CHARS = 40;

/**
 * The index in SECTIONS of the section a line heads, looking only at sections from `from` on (in the template's
 * order: a subheading of section 一, （一）主动公开情况, cannot be section 二's heading); -1 for any other line.
 */
export function sectionHeading(line: string, from = 0): number {
  const t = line.replace(/\s+/g, "");
  if (t.length > MAX_HEADING_CHARS || !startsNumbered(t)) return -1;
  for (let k = from; k < SECTIONS.length; k++)
    if (SECTIONS[k].words.some((w) => t.includes(w)) || similarity(t, SECTIONS[k].heading) >= HEADING_SIMILARITY)
      return k;
  return -1;
}
