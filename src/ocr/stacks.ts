import type { Box } from "../pdf/types.js";
import { startsNumbered } from "../text/numbering.js";

/** A text block of a borderless table with what OCR read in it. */
export interface ReadBlock {
  box: Box;
  text: string;
  confidence: number;
  /** A figure, a blank mark (dash, slash), a label or header word (Chinese text), or anything else. */
  kind: "figure" | "mark" | "label" | "other";
  /** Height of one line of its text (a joined figure keeps that of its lines). */
  lineHeight: number;
}

const overlapX = (a: Box, b: Box) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0;
/** Vertical distance between two boxes, 0 when they overlap. */
const distY = (a: Box, b: Box) => Math.max(0, a.y0 - b.y1, b.y0 - a.y1);

/**
 * The row label of a figure: the label left of it nearest vertically; of equal ones the rightmost (the leaf label).
 * None when even that one is more than a line away: the figure stands on no row's line (a header word read as
 * a digit).
 */
export function rowLabel(value: Box, labels: ReadBlock[]): ReadBlock | null {
  let best: ReadBlock | null = null;
  for (const l of labels) {
    if (l.box.x1 > value.x0) continue;
    if (!best) best = l;
    else {
      const d = distY(value, l.box) - distY(value, best.box);
      if (d < 0 || (d === 0 && l.box.x1 > best.box.x1)) best = l;
    }
  }
  return best && distY(value, best.box) <= best.lineHeight ? best : null;
}

/**
 * Joins the lines of a figure wrapped inside its cell ("204" over "95" is 20495). Without row rules a wrapped
 * figure is two blocks, one above the other in a column; they are one when a row label spans the space
 * between them (labels are centred on their rows) and no label line stands beside the lower one alone
 * (the label of the next row).
 */
export function joinWrappedFigures(blocks: ReadBlock[], labels: ReadBlock[]): ReadBlock[] {
  const values = blocks.filter((b) => b.kind === "figure").sort((a, b) => a.box.y0 - b.box.y0);
  const joined = new Set<ReadBlock>();
  const out: ReadBlock[] = blocks.filter((b) => b.kind !== "figure");
  const overlapsY = (a: Box, b: Box) => Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0);
  for (const v of values) {
    if (joined.has(v)) continue;
    let stack = v;
    for (const w of values) {
      if (w === v || joined.has(w) || w.box.y0 < stack.box.y1 || !overlapX(w.box, stack.box)) continue;
      if (
        values.some(
          (u) =>
            u !== w &&
            !joined.has(u) &&
            u !== v &&
            overlapX(u.box, w.box) &&
            u.box.y0 >= stack.box.y1 &&
            u.box.y1 <= w.box.y0,
        )
      )
        continue;
      const left = labels.filter((l) => l.box.x1 <= Math.min(stack.box.x0, w.box.x0));
      const spans = left.some((l) => l.box.y0 <= stack.box.y1 && l.box.y1 >= w.box.y0);
      const nextRow = left.some((l) => overlapsY(l.box, w.box) && !overlapsY(l.box, stack.box));
      // Lines of one cell lie closer than a line height.
      if (!spans || nextRow || w.box.y0 - stack.box.y1 > w.lineHeight) break;
      joined.add(w);
      stack = {
        box: {
          x0: Math.min(stack.box.x0, w.box.x0),
          y0: stack.box.y0,
          x1: Math.max(stack.box.x1, w.box.x1),
          y1: w.box.y1,
        },
        text: stack.text + w.text,
        confidence: Math.min(stack.confidence, w.confidence),
        kind: "figure",
        lineHeight: Math.min(stack.lineHeight, w.lineHeight),
      };
    }
    out.push(stack);
  }
  return out;
}

/** A row label's own numbering ("3.", "（二）", "一、"): a label line that starts with one starts a new row. */

/**
 * Whether the figures beside a label and the line under it stand on two lines in most of their columns: the
 * line then starts a row of its own (an unnumbered label), it does not continue the label. The lower row's
 * figures sit about as far below the line as the line sits below the label. Figures wrapped in their
 * cells also make two lines in most columns, but then the short ones stand between the label's lines.
 */
function twoFigureRows(upper: Box, line: Box, figures: ReadBlock[]): boolean {
  const bottom = line.y1 + Math.max(0, line.y0 - upper.y1);
  const beside = figures.filter(
    (f) =>
      f.box.x0 >= Math.max(upper.x1, line.x1) &&
      (f.box.y0 + f.box.y1) / 2 >= upper.y0 &&
      (f.box.y0 + f.box.y1) / 2 <= bottom,
  );
  const columns: ReadBlock[][] = [];
  for (const f of beside.sort((a, b) => a.box.x0 - b.box.x0)) {
    const column = columns.find((c) => c.some((g) => overlapX(g.box, f.box)));
    if (column) column.push(f);
    else columns.push([f]);
  }
  const twoLines = columns.filter((c) => c.some((f) => c.some((g) => g.box.y0 >= f.box.y1))).length;
  // A one-line figure reaching into both lines stands in the middle of one cell.
  const oneCell = beside.some((f) => f.box.y0 < upper.y1 && f.box.y1 > line.y0);
  return twoLines >= 2 && twoLines * 2 >= columns.length && !oneCell;
}

/** Lines of a label a figure stands centred between may lie this many line heights apart (widely spaced lines). */
const WIDE_WRAP_GAP = 1;

/**
 * Whether a figure right of two label lines stands centred in the gap between them: the two lines are one label
 * wrapped around its row's figures, however widely spaced (a row's own figures stand on its line).
 */
function centredInGap(upper: Box, line: Box, figures: ReadBlock[]): boolean {
  const quarter = (line.y1 - line.y0) / 4;
  return figures.some((f) => {
    const cy = (f.box.y0 + f.box.y1) / 2;
    return f.box.x0 >= Math.max(upper.x1, line.x1) && cy >= upper.y1 - quarter && cy <= line.y0 + quarter;
  });
}

/**
 * Where the line of a row label starts: a spaced label line is several blocks ("（二）", "部分公开", "（区分…"),
 * one after another less than two line heights apart, of any kind (its numbering may read as a figure). A
 * line without figures right of it is no row label (a header line), and starts where its block does.
 */
function lineStart(u: ReadBlock, words: ReadBlock[]): number {
  const sameLine = (w: ReadBlock) => Math.min(w.box.y1, u.box.y1) - Math.max(w.box.y0, u.box.y0) > 0;
  if (!words.some((w) => (w.kind === "figure" || w.kind === "mark") && w.box.x0 >= u.box.x1 && sameLine(w)))
    return u.box.x0;
  let x0 = u.box.x0;
  for (const w of [...words].sort((a, b) => b.box.x1 - a.box.x1)) {
    if (w.box.x1 > x0 || x0 - w.box.x1 >= 2 * u.lineHeight) continue;
    if (sameLine(w)) x0 = w.box.x0;
  }
  return x0;
}

/**
 * Joins the lines of a label wrapped inside its cell: a label line right under another, closer than
 * `maxGap` times its line height, within the width of that line, not numbered and without a row of figures
 * of its own, continues it (its last block, when the line is spaced into several).
 */
export function joinWrappedLabels(blocks: ReadBlock[], maxGap: number): ReadBlock[] {
  const figures = blocks.filter((b) => b.kind === "figure" || b.kind === "mark");
  const labels = blocks.filter((b) => b.kind === "label" || b.kind === "other").sort((a, b) => a.box.y0 - b.box.y0);
  const out: ReadBlock[] = [];
  for (const l of labels) {
    const above = out
      .filter(
        (u) =>
          u.kind === "label" &&
          l.box.y0 >= u.box.y1 &&
          l.box.y0 - u.box.y1 < (centredInGap(u.box, l.box, figures) ? WIDE_WRAP_GAP : maxGap) * l.lineHeight &&
          l.box.x0 >= lineStart(u, blocks) - l.lineHeight &&
          l.box.x1 <= u.box.x1 + l.lineHeight &&
          !startsNumbered(l.text) &&
          !twoFigureRows(u.box, l.box, figures),
      )
      .sort((a, b) => b.box.x1 - a.box.x1)[0];
    if (!above) {
      out.push(l);
      continue;
    }
    const merged: ReadBlock = {
      box: {
        x0: Math.min(above.box.x0, l.box.x0),
        y0: above.box.y0,
        x1: Math.max(above.box.x1, l.box.x1),
        y1: l.box.y1,
      },
      text: above.text + l.text,
      confidence: Math.min(above.confidence, l.confidence),
      kind: "label",
      lineHeight: above.lineHeight,
    };
    out.splice(out.indexOf(above), 1, merged);
  }
  return [...blocks.filter((b) => b.kind !== "label" && b.kind !== "other"), ...out];
}
