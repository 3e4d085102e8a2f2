import { toLines, type TextLine } from "../layout/text.js";
import type { PageModel } from "../pdf/types.js";

export interface ReportMetadata {
  title: string | null;
  agency: string | null;
  year: number | null;
}

/** Lines of one title wrapped over two or three lines share their size and follow closely. */
const TITLE_SIZE_RATIO = 0.85;
const TITLE_LINE_GAP_EMS = 1.2;

function titleCandidates(lines: TextLine[]): { text: string; size: number; y: number }[] {
  const sizeOf = (l: TextLine) => Math.max(...l.glyphs.map((g) => g.size));
  const out: { text: string; size: number; y: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i].text;
    const size = sizeOf(lines[i]);
    let last = lines[i];
    const parts = [lines[i]];
    for (let k = i + 1; k < Math.min(lines.length, i + 3); k++) {
      const next = lines[k];
      const s = sizeOf(next);
      if (Math.min(s, size) / Math.max(s, size) < TITLE_SIZE_RATIO || next.y0 - last.y1 > TITLE_LINE_GAP_EMS * size) break;
      text += next.text;
      last = next;
      parts.push(next);
      if (/报告$/.test(text.replace(/\s/g, ""))) break;
    }
    const compact = text.replace(/\s+/g, "");
    if (/政府信息公开/.test(compact) && /报告/.test(compact) && compact.length <= 60)
      out.push({ text: compact.replace(/_.*$/, ""), size, y: lines[i].y0 });
  }
  return out;
}

const YEAR = /((?:19|20)\d{2})\s*年度?/;

/** A county-level name after its city or province ("淮安市洪泽区…"): the agency's own name starts at the county. */
const PARENT_PREFIX = /^(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,5}?(?:市|自治州|地区|盟))(?![\u4e00-\u9fff]{0,2}(?:开发区|园区|社区|景区|校区))(?=[\u4e00-\u9fff]{2,3}(?:区|县|旗)[\u4e00-\u9fff])/u;

/** The agency name without the parent divisions some titles put before it. */
export function ownAgencyName(name: string): string {
  return name.replace(PARENT_PREFIX, "");
}

/** Agency as named in the title: the words before the report year, without a leading 关于 or trailing 的. */
export function agencyFromTitle(title: string): string | null {
  const m = title.match(YEAR);
  if (!m || m.index === undefined) return null;
  const name = title
    .slice(0, m.index)
    .replace(/^关于/, "")
    .replace(/(?:关于|的)$/, "")
    .trim();
  return name.length >= 2 ? ownAgencyName(name) : null;
}

/** Title, agency and year from the first pages: the largest line that names the annual report. */
export function readMetadata(pages: PageModel[]): ReportMetadata {
  for (const page of pages.slice(0, 2)) {
    const lines = toLines(page.glyphs, true);
    const candidates = titleCandidates(lines).sort((a, b) => b.size - a.size || a.y - b.y);
    const best = candidates.find((c) => YEAR.test(c.text)) ?? candidates[0];
    if (!best) continue;
    const year = best.text.match(YEAR);
    return { title: best.text, agency: agencyFromTitle(best.text), year: year ? Number(year[1]) : null };
  }
  return { title: null, agency: null, year: null };
}
