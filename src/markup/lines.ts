/**
 * Lines of text → heading and paragraph blocks, the same way for web pages and Word files.
 *
 * Both readers cut their text into lines (at paragraph ends and at line breaks) with what they know of each piece's
 * weight, size and alignment; this module decides which lines are headings (centred and bold, or centred and larger
 * than the body text; level 1 = largest) and joins a heading wrapped with a line break back into one line. Keeping the
 * rule in one place means a title reads the same whether it came from HTML or from Word.
 */
import { containment } from "../text/labels.js";
import { collapse, joinLines } from "./text.js";
import type { Block } from "./types.js";

/** A run of text with the formatting that matters for finding headings. */
export interface Segment {
  text: string;
  bold: boolean;
  /** Font size in pt, when the source states it. */
  size?: number;
  /** Link text (web pages): a line that is mostly links is navigation. */
  link?: boolean;
}

/** A line before it is classed as heading or paragraph. */
export interface LineDraft {
  kind: "line";
  segments: Segment[];
  center: boolean;
  /** The line ended at a line break inside its paragraph (<br>, w:br), not at the paragraph's end. */
  soft: boolean;
}

export type Draft = Block | LineDraft;

const TITLE_WORDS = "政府信息公开工作年度报告";
/** Share of the title's words (in order) a line must hold to be taken for the report's title. */
const TITLE_MATCH = 0.7;

/** How well a line reads as the report's title: most of 政府信息公开工作年度报告, short, not a sentence (0 = not a title). */
export function titleScore(text: string): number {
  const compact = text.replace(/\s+/g, "");
  if (compact.length < 8 || compact.length > 80 || !/报告|年报/.test(compact) || /[。；]/.test(compact)) return 0;
  const c = containment(compact, TITLE_WORDS);
  if (c < TITLE_MATCH) return 0;
  return c + (/(?:19|20)\d{2}/.test(compact) ? 0.2 : 0);
}

/** A centred line this much larger than the body text is a heading. */
const HEADING_SIZE_RATIO = 1.15;
const HEADING_MAX_CHARS = 60;

interface Line {
  text: string;
  size?: number;
  bold: boolean;
  center: boolean;
  soft: boolean;
}

const visibleLength = (s: string) => s.replace(/\s+/g, "").length;

/** Text-weighted most common value (the size most of the text is set in). */
export function weightedMode(pairs: ReadonlyArray<readonly [number, number]>): number | undefined {
  const w = new Map<number, number>();
  for (const [value, weight] of pairs) w.set(value, (w.get(value) ?? 0) + weight);
  let best: number | undefined;
  for (const [value, weight] of w) if (best === undefined || weight > (w.get(best) ?? 0)) best = value;
  return best;
}

function lineOf(d: LineDraft): Line {
  const text = collapse(d.segments.map((s) => s.text).join(""));
  const sized = d.segments
    .filter((s) => s.size !== undefined && s.text.trim())
    .map((s) => [Math.round((s.size ?? 0) * 2) / 2, visibleLength(s.text)] as const);
  return {
    text,
    size: weightedMode(sized),
    bold: d.segments.every((s) => s.bold || !s.text.trim()),
    center: d.center,
    soft: d.soft,
  };
}

/** Share of a line's visible characters that are link text. */
export function linkShare(d: LineDraft): number {
  const total = d.segments.reduce((n, s) => n + visibleLength(s.text), 0);
  const link = d.segments.filter((s) => s.link).reduce((n, s) => n + visibleLength(s.text), 0);
  return total ? link / total : 0;
}

/**
 * Headings and paragraphs from the drafted lines; other blocks pass through in place. `keep` lets the web reader
 * drop site furniture (link lines, bylines, tool bars) before the body text size is measured.
 */
export function linesToBlocks(
  drafts: Draft[],
  keep: (text: string, draft: LineDraft) => boolean = () => true,
): Block[] {
  const lines = new Map<LineDraft, Line>();
  for (const d of drafts) {
    if (d.kind !== "line") continue;
    const line = lineOf(d);
    if (line.text && keep(line.text, d)) lines.set(d, line);
  }
  const bodySize = weightedMode(
    [...lines.values()].filter((l) => l.size !== undefined).map((l) => [l.size ?? 0, visibleLength(l.text)] as const),
  );
  const isHeading = (l: Line) =>
    l.center &&
    visibleLength(l.text) <= HEADING_MAX_CHARS &&
    !/[。；;，,：:]$/.test(l.text) &&
    !/^[\d\s\-./:年月日]+$/.test(l.text) &&
    (l.bold || (l.size !== undefined && bodySize !== undefined && l.size >= HEADING_SIZE_RATIO * bodySize));
  // Levels by size, largest first: a title at 22 pt is level 1, a centred 16 pt bold section head level 2.
  const sizes = [...new Set([...lines.values()].filter(isHeading).map((l) => l.size ?? 0))].sort((a, b) => b - a);

  const out: Block[] = [];
  let previousSoft: Line | null = null;
  for (const d of drafts) {
    if (d.kind !== "line") {
      out.push(d);
      previousSoft = null;
      continue;
    }
    const l = lines.get(d);
    if (!l) continue;
    const last = out.at(-1);
    if (isHeading(l)) {
      const level = Math.min(6, sizes.indexOf(l.size ?? 0) + 1);
      // A heading wrapped with a line break ("平潭综合实验区<br>2019年度…报告") is one heading.
      if (previousSoft && last?.kind === "heading" && last.level === level) last.text = joinLines(last.text, l.text);
      else out.push({ kind: "heading", level, text: l.text });
    } else
      out.push(
        l.size !== undefined ? { kind: "paragraph", text: l.text, size: l.size } : { kind: "paragraph", text: l.text },
      );
    previousSoft = l.soft && isHeading(l) ? l : null;
  }
  return joinSplitTitle(out);
}

/** How far into the document a title typed as two or three headings is looked for. */
const TITLE_SEARCH_BLOCKS = 8;

/**
 * A title typed as consecutive paragraphs ("平潭综合实验区2019年" / "政府信息公开工作年度报告") becomes one heading
 * when the joined text reads better as the report's title than either part.
 */
function joinSplitTitle(blocks: Block[]): Block[] {
  for (let i = 0; i + 1 < Math.min(blocks.length, TITLE_SEARCH_BLOCKS); i++) {
    const a = blocks[i];
    const b = blocks[i + 1];
    if (a.kind !== "heading" || b.kind !== "heading" || a.level !== b.level) continue;
    const joined = joinLines(a.text, b.text);
    if (titleScore(joined) > Math.max(titleScore(a.text), titleScore(b.text))) {
      a.text = joined;
      blocks.splice(i + 1, 1);
      i--;
    }
  }
  return blocks;
}
