import { toLines, type TextLine } from "../layout/text.js";
import type { PageModel } from "../pdf/types.js";
import { containment, similarity } from "../text/labels.js";
import { placesOneOff, startsWithPlace } from "./places.js";

export interface ReportMetadata {
  title: string | null;
  agency: string | null;
  year: number | null;
  /** The agency's name was read by OCR (from a scanned title), so it may be misread. */
  agencyByOcr?: boolean;
}

/**
 * Lines of one title wrapped over two or three lines share their size and follow closely. OCR gives each
 * character its ink box, not its font size, and a short line's tallest character may be a fifth lower than a
 * long one's (作年度报告 under 云溪市…公开工), so OCR'd lines may differ more.
 */
const TITLE_SIZE_RATIO = 0.85;
const OCR_TITLE_SIZE_RATIO = 0.7;
const TITLE_LINE_GAP_EMS = 1.2;

interface TitleCandidate {
  text: string;
  size: number;
  y: number;
  /** Index of the title's first line. */
  line: number;
  ocr: boolean;
  /** Mean OCR confidence of the title's characters (100 for a text layer). */
  confidence: number;
}

const TITLE_WORDS = "政府信息公开工作年度报告";
const TITLE_MATCH = 0.6;

const isOcr = (l: TextLine) => l.glyphs.some((g) => g.confidence !== undefined);

function titleCandidates(lines: TextLine[]): TitleCandidate[] {
  const sizeOf = (l: TextLine) => Math.max(...l.glyphs.map((g) => g.size));
  const out: TitleCandidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i].text;
    const size = sizeOf(lines[i]);
    let last = lines[i];
    const parts = [lines[i]];
    for (let k = i + 1; k < Math.min(lines.length, i + 3); k++) {
      const next = lines[k];
      const s = sizeOf(next);
      const ratio = isOcr(next) && isOcr(last) ? OCR_TITLE_SIZE_RATIO : TITLE_SIZE_RATIO;
      if (Math.min(s, size) / Math.max(s, size) < ratio || next.y0 - last.y1 > TITLE_LINE_GAP_EMS * size) break;
      text += next.text;
      last = next;
      parts.push(next);
      if (/报告$/.test(text.replace(/\s/g, ""))) break;
    }
    const compact = text.replace(/\s+/g, "");
    // Most of the title's own words, in order: OCR misreads a character or two ("公斤" for "公开").
    if (containment(compact, TITLE_WORDS) >= TITLE_MATCH && !/[，。；]/.test(compact) && compact.length <= 60)
      out.push({
        text: compact.replace(/_.*$/, ""),
        size,
        y: lines[i].y0,
        line: i,
        ocr: parts.some(isOcr),
        confidence: meanConfidence(parts.flatMap((p) => p.glyphs)),
      });
  }
  return out;
}

const YEAR = /((?:19|20)\d{2})\s*年度?/;

/** A county-level name after its city or province ("淮安市洪泽区…"): the agency's own name starts at the county. */
const PARENT_PREFIX =
  /^(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,5}?(?:市|自治州|地区|盟))(?![\u4e00-\u9fff]{0,2}(?:开发区|园区|社区|景区|校区))(?=[\u4e00-\u9fff]{2,3}(?:区|县|旗)[\u4e00-\u9fff])/u;

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

/**
 * The agency as the report names it elsewhere: in running headers and the signature (short lines of their own).
 * An OCR'd title may garble the name ("炎潭综合实验X" for 平潭综合实验区, "重州市" for 孟州市): of the title's
 * reading and the similar names on lines of their own, those naming a real place come first (OCR rarely turns
 * one real place into another), then the one OCR read most surely wins.
 */
function confirmAgency(agency: string, titleConfidence: number, pages: PageModel[]): string {
  const readings = new Map<string, number>([[agency, titleConfidence]]);
  for (const page of pages)
    for (const line of toLines(page.glyphs, true)) {
      const t = line.text.replace(/\s+/g, "");
      if (t.length < 3 || t.length > 24 || /\d/.test(t) || !/[局委办府区县市院会室厅部处心站所署]$/u.test(t)) continue;
      if (similarity(t, agency) < AGENCY_SIMILARITY) continue;
      const confidence = meanConfidence(line.glyphs);
      readings.set(t, Math.max(readings.get(t) ?? 0, confidence));
    }
  const real = new Map([...readings.keys()].map((t) => [t, startsWithPlace(ownAgencyName(t))]));
  const best = ownAgencyName(
    [...readings].sort((a, b) => Number(real.get(b[0])) - Number(real.get(a[0])) || b[1] - a[1])[0][0],
  );
  return startsWithPlace(best) ? best : placeFromText(best, pages);
}

/**
 * An agency name whose place OCR misread everywhere it was read on its own ("易城区…" for 鼎城区): the real
 * place one character away that the rest of the report's text names most often, if it names one.
 */
function placeFromText(name: string, pages: PageModel[]): string {
  const candidates = placesOneOff(name);
  if (!candidates.length) return name;
  const text = pages.flatMap((p) => p.glyphs.map((g) => g.text)).join("");
  const count = (place: string) => text.split(place).length - 1;
  const [top, next] = candidates.map((c) => ({ c, n: count(c) })).sort((a, b) => b.n - a.n || b.c.length - a.c.length);
  if (!top.n || (next && next.n === top.n && next.c.length === top.c.length)) return name;
  return top.c + name.slice(top.c.length);
}

/**
 * A title that starts at its year ("2023年政府信息公开工作年度报告") has the agency on the line above it, in
 * another size: a short line of its own, close above, with no sentence or figure in it.
 */
function agencyAbove(lines: TextLine[], title: TitleCandidate): string | null {
  const above = lines[title.line - 1];
  if (!above || lines[title.line].y0 - above.y1 > 2 * title.size) return null;
  const name = above.text.replace(/\s+/g, "");
  return name.length >= 3 && name.length <= 30 && !/[，。；：:,.\d]/.test(name) ? ownAgencyName(name) : null;
}

const meanConfidence = (glyphs: TextLine["glyphs"]) =>
  glyphs.reduce((s, g) => s + (g.confidence ?? 100), 0) / Math.max(1, glyphs.length);

const AGENCY_SIMILARITY = 0.5;

/** Title, agency and year from the first pages: the largest line that names the annual report. */
export function readMetadata(pages: PageModel[]): ReportMetadata {
  for (const page of pages.slice(0, 2)) {
    const lines = toLines(page.glyphs, true);
    const candidates = titleCandidates(lines).sort((a, b) => b.size - a.size || a.y - b.y);
    const best = candidates.find((c) => YEAR.test(c.text)) ?? candidates[0];
    if (!best) continue;
    const year = best.text.match(YEAR);
    const agency = agencyFromTitle(best.text) ?? agencyAbove(lines, best);
    return {
      title: best.text,
      agency: agency && best.ocr ? confirmAgency(agency, best.confidence, pages) : agency,
      year: year ? Number(year[1]) : null,
      ...(agency && best.ocr ? { agencyByOcr: true } : {}),
    };
  }
  return { title: null, agency: null, year: null };
}
