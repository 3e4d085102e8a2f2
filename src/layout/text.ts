import type { Box, Glyph } from "../pdf/types.js";

export interface TextLine extends Box {
  text: string;
  glyphs: Glyph[];
}

export function center(b: Box): { x: number; y: number } {
  return { x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2 };
}

const midY = (b: Box) => (b.y0 + b.y1) / 2;
// Comparators made once: V8 drops the compiled code of a callback made anew per call at every full collection.
const byMidYThenX = (a: Box, b: Box) => midY(a) - midY(b) || a.x0 - b.x0;
const byX0 = (a: Box, b: Box) => a.x0 - b.x0;
const byTopThenX0 = (a: Box, b: Box) => a.y0 - b.y0 || a.x0 - b.x0;

export function union(boxes: Box[]): Box {
  const u = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const b of boxes) {
    if (b.x0 < u.x0) u.x0 = b.x0;
    if (b.y0 < u.y0) u.y0 = b.y0;
    if (b.x1 > u.x1) u.x1 = b.x1;
    if (b.y1 > u.y1) u.y1 = b.y1;
  }
  return u;
}

/**
 * The point that places a glyph in a cell: its centre, except that punctuation hangs past the end of a line
 * in Chinese typesetting (a comma may stick out into the next cell), so it is placed by its left edge.
 */
export function anchor(g: Glyph): { x: number; y: number } {
  const c = center(g);
  return /^[\p{P}]$/u.test(g.text) ? { x: g.x0 + Math.min(1, (g.x1 - g.x0) / 4), y: c.y } : c;
}

export function contains(outer: Box, x: number, y: number): boolean {
  return x >= outer.x0 && x <= outer.x1 && y >= outer.y0 && y <= outer.y1;
}

/** Share of a glyph's line height two glyphs' vertical centres may differ by and still sit on one line. */
const SAME_LINE_SHARE = 0.5;
/** Rows still open to a new glyph (they overlap in height when sizes differ). */
const RECENT_ROWS = 4;
/** A horizontal gap wider than this many font sizes separates two runs of text on one line. */
const RUN_GAP_EMS = 1.5;
/** Digits of one number touch; a visible gap between digits separates two numbers in narrow columns. */
const NUMBER_GAP_EMS = 0.35;
/**
 * A narrower gap does too where the figures on either side of it touch (103 1,492 in columns set almost edge
 * to edge): it is not the even spacing of a letter-spaced number.
 */
const TIGHT_NUMBER_GAP_EMS = 0.15;
/** Glyphs this close touch (rounding in the text layer). */
const TOUCHING_EMS = 0.02;
/** Figures and the marks printed for nothing: neighbours in narrow value columns are told apart by a small gap. */
const NUMERIC = /^[0-9０-９.,，．—–―\-－/／]$/u;

/**
 * Groups glyphs into reading-order lines (top to bottom, then left to right).
 * With `splitRuns`, a wide gap starts a new line, so columns of a borderless layout stay apart.
 */
export function toLines(glyphs: Glyph[], splitRuns = false): TextLine[] {
  // Most table cells hold one glyph or none (a figure, a blank).
  if (glyphs.length <= 1) return glyphs.map((g) => Object.assign(union([g]), { text: g.text, glyphs: [g] }));
  const sorted = [...glyphs].sort(byMidYThenX);
  const rows: Glyph[][] = [];
  for (const g of sorted) {
    const cy = midY(g);
    // Glyphs come sorted by height on the page, so only the last few rows can take this one.
    let row: Glyph[] | undefined;
    for (let k = rows.length - 1; k >= Math.max(0, rows.length - RECENT_ROWS) && !row; k--) {
      const ref = rows[k][rows[k].length - 1];
      if (Math.abs(midY(ref) - cy) <= SAME_LINE_SHARE * Math.max(ref.size, g.size, 1) && !g.vertical) row = rows[k];
    }
    if (row) row.push(g);
    else rows.push([g]);
  }
  const lines: TextLine[] = [];
  for (const row of rows) {
    row.sort(byX0);
    let run: Glyph[] = [];
    const flush = () => {
      if (!run.length) return;
      const line: TextLine = Object.assign(union(run), { text: "", glyphs: run });
      for (const g of run) line.text += g.text;
      lines.push(line);
      run = [];
    };
    const numericGap = (k: number) =>
      k > 0 && k < row.length && NUMERIC.test(row[k - 1].text) && NUMERIC.test(row[k].text)
        ? row[k].x0 - row[k - 1].x1
        : Infinity;
    row.forEach((g, k) => {
      const prev = run[run.length - 1];
      const gap = prev ? g.x0 - prev.x1 : 0;
      const em = prev ? Math.max(prev.size, g.size) : 0;
      const numeric = prev && NUMERIC.test(prev.text) && NUMERIC.test(g.text);
      const tight =
        numeric &&
        gap > TIGHT_NUMBER_GAP_EMS * em &&
        Math.min(numericGap(k - 1), numericGap(k + 1)) <= TOUCHING_EMS * em;
      if (splitRuns && prev && (gap > (numeric ? NUMBER_GAP_EMS : RUN_GAP_EMS) * em || tight)) flush();
      run.push(g);
    });
    flush();
  }
  return lines.sort(byTopThenX0);
}

/** The text of a block of glyphs (a table cell), lines joined without separators as Chinese wraps. */
export function blockText(glyphs: Glyph[]): string {
  return toLines(glyphs)
    .map((l) => l.text)
    .join("");
}
