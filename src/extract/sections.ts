/**
 * The report's six sections as text (一、总体情况 … 六、其他需要报告的事项): headings found by their numbering
 * (一、 （三） 3. …, as reports renumber them) and their wording, in the template's order; each section's text
 * is what follows its heading up to the next one, tables left out.
 */
import type { Section } from "../report/types.js";
import { SECTIONS, sectionHeading } from "../text/headings.js";

/** One line of the report's running text (tables left out), with its page (null for a web page or Word file). */
export interface TextLineOf {
  text: string;
  page: number | null;
}

export function readSections(lines: TextLineOf[]): Section[] {
  const found: { def: (typeof SECTIONS)[number]; at: number }[] = [];
  let next = 0;
  lines.forEach((l, at) => {
    const k = sectionHeading(l.text, next);
    if (k < 0) return;
    found.push({ def: SECTIONS[k], at });
    next = k + 1;
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
