/**
 * Text blocks of a page image without ruling lines around its cells (three-line tables): the ink cut
 * recursively along white gaps (an XY cut), so each figure, label and header word of a borderless table
 * becomes one box that is read on its own, like a ruled cell.
 */
import type { Box } from "../pdf/types.js";

/** A rectangle of the image in pixels, x1 and y1 exclusive. */
export type PixelBox = Box;

export interface BlockSettings {
  /** White rows at least this many pixels high separate blocks (lines of one wrapped cell lie closer). */
  rowGap: number;
  /** White columns at least this many pixels wide separate blocks (wider than a gap inside a label). */
  colGap: number;
  /** Blocks with fewer ink pixels are specks, not text. */
  minInk: number;
  /** Blocks with a line of text taller than this many pixels are titles, not table text. */
  titleHeight: number;
  /** Blocks at least `ruleMinWidth` wide with ink at most this many pixels high in each column are what is left of a rule, not text. */
  ruleMaxHeight: number;
  ruleMinWidth: number;
}

/** A block of ink and the top-level band (a row of the page, cut at rowGap) it lies in. */
export interface TextBlock {
  band: number;
  box: PixelBox;
}

/** Runs of non-zero entries, as [start, end) pairs; zero gaps shorter than minGap are bridged. */
export function inkRuns(profile: ArrayLike<number>, minGap: number): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  let end = -1;
  for (let i = 0; i < profile.length; i++) {
    if (!profile[i]) continue;
    if (start < 0) start = i;
    else if (i - end >= minGap) {
      runs.push([start, end]);
      start = i;
    }
    end = i + 1;
  }
  if (start >= 0) runs.push([start, end]);
  return runs;
}

type Axis = "rows" | "cols";

/** Ink per row (or per column) of a box. */
function profile(mask: Uint8Array, width: number, b: PixelBox, axis: Axis): Uint32Array {
  const out = new Uint32Array(axis === "rows" ? b.y1 - b.y0 : b.x1 - b.x0);
  for (let y = b.y0; y < b.y1; y++)
    for (let x = b.x0; x < b.x1; x++) if (mask[y * width + x]) out[axis === "rows" ? y - b.y0 : x - b.x0]++;
  return out;
}

/** The box shrunk to its ink; null when it holds none. */
function tight(mask: Uint8Array, width: number, b: PixelBox): PixelBox | null {
  const rows = inkRuns(profile(mask, width, b, "rows"), Infinity);
  const cols = inkRuns(profile(mask, width, b, "cols"), Infinity);
  if (!rows.length || !cols.length) return null;
  return { x0: b.x0 + cols[0][0], x1: b.x0 + cols[0][1], y0: b.y0 + rows[0][0], y1: b.y0 + rows[0][1] };
}

/** The box cut across one axis at its wide enough white gaps, each piece shrunk to its ink. */
function split(mask: Uint8Array, width: number, b: PixelBox, axis: Axis, s: BlockSettings): PixelBox[] {
  const gap = axis === "rows" ? s.rowGap : s.colGap;
  return inkRuns(profile(mask, width, b, axis), gap)
    .map(([a, e]) =>
      tight(mask, width, axis === "rows" ? { ...b, y0: b.y0 + a, y1: b.y0 + e } : { ...b, x0: b.x0 + a, x1: b.x0 + e }),
    )
    .filter((p): p is PixelBox => p !== null);
}

const other = (axis: Axis): Axis => (axis === "rows" ? "cols" : "rows");

/** Cuts along `axis`, then each piece along the other one, until no gap is left. */
function cut(mask: Uint8Array, width: number, b: PixelBox, axis: Axis, s: BlockSettings): PixelBox[] {
  const pieces = split(mask, width, b, axis, s);
  if (pieces.length > 1) return pieces.flatMap((p) => cut(mask, width, p, other(axis), s));
  const across = split(mask, width, b, other(axis), s);
  if (across.length > 1) return across.flatMap((p) => cut(mask, width, p, axis, s));
  return pieces;
}

function inkCount(mask: Uint8Array, width: number, b: PixelBox): number {
  let n = 0;
  for (let y = b.y0; y < b.y1; y++) for (let x = b.x0; x < b.x1; x++) n += mask[y * width + x];
  return n;
}

/**
 * The text blocks of an area of an ink mask, top to bottom: the area is first cut into bands at white rows,
 * then each band is cut recursively (columns first, as a table row splits into its cells).
 */
export function textBlocks(mask: Uint8Array, width: number, area: PixelBox, s: BlockSettings): TextBlock[] {
  const out: TextBlock[] = [];
  split(mask, width, area, "rows", s).forEach((band, k) => {
    for (const box of cut(mask, width, band, "cols", s)) {
      // A rule of a skewed scan climbs as it goes: its ink stays thin in every column, not in the whole box.
      const ruleLeft =
        box.x1 - box.x0 >= s.ruleMinWidth && Math.max(...profile(mask, width, box, "cols")) <= s.ruleMaxHeight;
      if (!ruleLeft && inkCount(mask, width, box) >= s.minInk) out.push({ band: k, box });
    }
  });
  return out;
}

/**
 * Height of the tallest glyph line in a box: lines split at any white row, within each run of ink between
 * white columns (figures of narrow columns stand in one block, a one-line figure centred between the two
 * lines of its wrapped neighbour; together they make no tall line).
 */
function tallestLine(mask: Uint8Array, width: number, b: PixelBox): number {
  return Math.max(
    0,
    ...inkRuns(profile(mask, width, b, "cols"), 1).flatMap(([x0, x1]) =>
      inkRuns(profile(mask, width, { ...b, x0: b.x0 + x0, x1: b.x0 + x1 }, "rows"), 1).map(([a, e]) => e - a),
    ),
  );
}

/**
 * The blocks that look like table text: those of bands cut into two or more blocks (a label and its figures,
 * a header's column names), without large-type lines (a title whose words stand apart). Running text keeps
 * to one block per line.
 */
export function tableBlocks(mask: Uint8Array, width: number, area: PixelBox, s: BlockSettings): TextBlock[] {
  const blocks = textBlocks(mask, width, area, s);
  const perBand = new Map<number, number>();
  for (const b of blocks) perBand.set(b.band, (perBand.get(b.band) ?? 0) + 1);
  return blocks.filter((b) => (perBand.get(b.band) ?? 0) >= 2 && tallestLine(mask, width, b.box) <= s.titleHeight);
}

/** Glyphs of neighbouring figures stand at least this many digit pitches apart, centre to centre. */
const COLUMN_PITCH_RATIO = 1.4;

/**
 * The figures of one block of a borderless table that stand in neighbouring columns: columns narrow enough
 * to wrap their figures stand closer than the gap that separates blocks, so "25 22" is one block. It is cut
 * at white gaps through all its lines at least `minGap` wide when every gap inside a piece, on any line, is
 * at most half as wide (the gaps between a figure's digits) and a piece holds two glyphs side by side on
 * some line: evenly spaced lone glyphs are the digits of one full-width figure. Pieces with less than
 * `minInk` ink are specks and dropped. Callers pass only blocks read as figures: a label's gap after its
 * numbering is no column.
 */
export function figurePieces(mask: Uint8Array, width: number, b: PixelBox, minGap: number, minInk: number): PixelBox[] {
  const spans = inkRuns(profile(mask, width, b, "cols"), 1);
  const cuts = spans.slice(1).flatMap((s, k) => (s[0] - spans[k][1] >= minGap ? [[spans[k][1], s[0]]] : []));
  if (!cuts.length) return [b];
  const narrowest = Math.min(...cuts.map(([a, e]) => e - a));
  const pieceOf = (x: number) => cuts.filter(([a]) => a <= x).length;
  const paired = new Set<number>();
  const pitches: number[] = [];
  const across: number[] = [];
  const centre = (g: [number, number]) => (g[0] + g[1]) / 2;
  for (const [y0, y1] of inkRuns(profile(mask, width, b, "rows"), 1)) {
    const glyphs = inkRuns(profile(mask, width, { ...b, y0: b.y0 + y0, y1: b.y0 + y1 }, "cols"), 1);
    for (let k = 1; k < glyphs.length; k++) {
      const step = centre(glyphs[k]) - centre(glyphs[k - 1]);
      if (pieceOf(glyphs[k][0]) !== pieceOf(glyphs[k - 1][1] - 1)) {
        across.push(step);
        continue;
      }
      if ((glyphs[k][0] - glyphs[k - 1][1]) * 2 > narrowest) return [b];
      paired.add(pieceOf(glyphs[k][0]));
      pitches.push(step);
    }
  }
  if (!paired.size) return [b];
  // Digits stand at one pitch whatever their ink (a 1 leaves wide white around it): two figures stand
  // further apart than that.
  const pitch = pitches.sort((x, y) => x - y)[Math.floor(pitches.length / 2)];
  if (across.some((step) => step < COLUMN_PITCH_RATIO * pitch)) return [b];
  const edges = [0, ...cuts.flat(), b.x1 - b.x0];
  const pieces: PixelBox[] = [];
  for (let k = 0; k < edges.length; k += 2) {
    const p = tight(mask, width, { ...b, x0: b.x0 + edges[k], x1: b.x0 + edges[k + 1] });
    if (p && inkCount(mask, width, p) >= minInk) pieces.push(p);
  }
  return pieces.length > 1 ? pieces : [b];
}
