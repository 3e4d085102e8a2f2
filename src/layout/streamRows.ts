/**
 * Rows of a borderless table. Its labels anchor the rows: each row label (a paragraph of one or more lines,
 * started by its numbering) is one row, and every figure goes to the label whose middle is nearest, so labels
 * and figures wrapped onto several lines, centred or top-aligned, stay together. Where rules are drawn
 * between the rows (tables with horizontal borders only), the rules delimit the rows instead.
 */
import type { Glyph } from "../pdf/types.js";
import { startsNumbered } from "../text/numbering.js";
import type { Ruling } from "./rulings.js";
import { center, union, type TextLine } from "./text.js";

export interface StreamRowSettings {
  /** Lines of one label or one figure are at most this many font sizes apart (their leading). */
  wrapGapEms: number;
  /** Two figures' middles this close (in font sizes) are on one line. */
  alignEms: number;
  /** A figure further than this many font sizes from every label's middle is a row of its own (no label). */
  reachEms: number;
  /** A label line ending this many font sizes short of the label column's right edge is a label's last line. */
  fullLineEms: number;
}

export const defaultStreamRowSettings: StreamRowSettings = {
  wrapGapEms: 0.8,
  alignEms: 0.35,
  reachEms: 2.5,
  fullLineEms: 1.5,
};

/** One row: its label runs (group labels left of the row's own label apart) and its figure runs per column. */
export interface StreamRow {
  group: TextLine[];
  leaf: TextLine[];
  /** Figure runs per value column, top to bottom. */
  values: Map<number, TextLine[]>;
  /** The text of each value column's cell (see figureText). */
  texts: Map<number, string>;
}

/** Digits, separators and signs only: a figure or a piece of one wrapped in its cell. */
export const FIGURE_PART = /^[-−+]?[0-9０-９][0-9０-９,，.．]*$/u;

const cy = (b: TextLine) => center(b).y;
const sizeOf = (r: TextLine) => Math.max(...r.glyphs.map((g) => g.size));
const xOverlap = (a: TextLine, b: TextLine) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0;
const vOverlap = (a: { y0: number; y1: number }, b: { y0: number; y1: number }) =>
  Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);

interface Paragraph {
  runs: TextLine[];
  y0: number;
  y1: number;
}

/**
 * Splits label runs into group labels (a run with another label run to its right at the same height: 三、本年度
 * 办理结果, （三）不予公开) and the rows' own labels, and joins the own labels into paragraphs: an unnumbered
 * line right under another one continues it.
 */
export function labelParagraphs(
  runs: TextLine[],
  settings: StreamRowSettings = defaultStreamRowSettings,
): { group: TextLine[]; paragraphs: Paragraph[] } {
  const numbered = runs.flatMap(splitAtNumbering);
  const starts = columnStarts(numbered);
  const labels = numbered.flatMap((r) => splitAtColumnStart(r, starts));
  const group = labels.filter((r) => labels.some((s) => s !== r && s.x0 >= r.x1 - 1 && vOverlap(r, s) > 0));
  const leaf = labels.filter((r) => !group.includes(r)).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  // Labels wrap only when a line is full: it then reaches the right edge of the label column.
  const right = Math.max(...leaf.map((r) => r.x1));
  const paragraphs: Paragraph[] = [];
  for (const run of leaf) {
    const last = paragraphs[paragraphs.length - 1];
    const tail = last?.runs[last.runs.length - 1];
    const sameLine = tail && vOverlap(tail, run) > 0.5 * (run.y1 - run.y0);
    const continues =
      tail &&
      !startsNumbered(run.text) &&
      tail.x1 >= right - settings.fullLineEms * sizeOf(tail) &&
      xOverlap(tail, run) &&
      run.y0 - tail.y1 < settings.wrapGapEms * sizeOf(run) &&
      run.y0 > tail.y0;
    if (last && (sameLine || continues)) {
      last.runs.push(run);
      last.y0 = Math.min(last.y0, run.y0);
      last.y1 = Math.max(last.y1, run.y1);
    }
    // A character alone that continues no label is one of a group label set one character per line (三、本年度办理结果).
    else if (run.text.replace(/[\s\p{P}]/gu, "").length <= 1) group.push(run);
    else paragraphs.push({ runs: [run], y0: run.y0, y1: run.y1 });
  }
  return { group, paragraphs };
}

/** A visible gap (this share of the font size) before a numbering inside a run separates two labels. */
const LABEL_GAP_SHARE = 0.2;

/**
 * Cuts a run where a numbered label starts after a gap: a group label set close to the rows' own labels
 * ("（三）不予公开  5、属于三类内部事务信息") comes out of the text layer as one run.
 */
export function splitAtNumbering(run: TextLine): TextLine[] {
  const g = run.glyphs;
  for (let k = 1; k < g.length; k++) {
    if (g[k].x0 - g[k - 1].x1 <= LABEL_GAP_SHARE * g[k].size) continue;
    const rest = g
      .slice(k)
      .map((x) => x.text)
      .join("");
    if (!startsNumbered(rest)) continue;
    return [lineOf(g.slice(0, k)), ...splitAtNumbering(lineOf(g.slice(k)))];
  }
  return [run];
}

/** Label runs starting at one x (within a point) this many times mark a left-aligned label column. */
const COLUMN_START_RUNS = 3;

/** The left edges shared by several label runs: where left-aligned label columns start. */
function columnStarts(runs: TextLine[]): number[] {
  const xs = runs.map((r) => r.x0).sort((a, b) => a - b);
  const starts: number[] = [];
  for (let i = 0; i < xs.length;) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] - xs[i] < 1) j++;
    if (j - i + 1 >= COLUMN_START_RUNS) starts.push(xs[i]);
    i = j + 1;
  }
  return starts;
}

/**
 * Cuts a run where a label column starts after a gap: a group label's line set close to the next column's
 * line ("（三）不予公" + "规禁止公开") comes out of the text layer as one run.
 */
function splitAtColumnStart(run: TextLine, starts: number[]): TextLine[] {
  const g = run.glyphs;
  for (let k = 1; k < g.length; k++)
    if (g[k].x0 - g[k - 1].x1 > 0.1 * g[k].size && starts.some((x) => Math.abs(g[k].x0 - x) < 1))
      return [lineOf(g.slice(0, k)), ...splitAtColumnStart(lineOf(g.slice(k)), starts)];
  return [run];
}

function lineOf(glyphs: Glyph[]): TextLine {
  return Object.assign(union(glyphs), { text: glyphs.map((x) => x.text).join(""), glyphs });
}

/** What the rows of one borderless table know of its value columns' widths. */
export interface ColumnWidths {
  /** The widest figure of each column. */
  widest: Map<number, number>;
  /** The widest header word of each column: its cells are at least that wide. */
  header: Map<number, number>;
}

/**
 * A cell is at least one Chinese character wide, so only a piece at least that wide can have filled its cell
 * and wrapped: "41" or "３" can, a lone "0" cannot.
 */
const fillsACharacter = (r: TextLine) => r.x1 - r.x0 >= 0.9 * sizeOf(r);

/** A number's head broken after a thousands separator ("20,"), and the groups that end it ("495", "495.5"). */
const BROKEN_AT_SEPARATOR = /^[-−+]?[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})*[,，]$/u;
const SEPARATED_TAIL = /^[0-9０-９]{3}(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?$/u;

/**
 * Whether two figures stacked in one cell are one number wrapped in it: digits only, the upper one at least
 * a character wide and filling the cell (no other figure of the column is wider, no header word is wider than it
 * plus a digit), the lower one no wider; or a number broken where its thousands separator allows ("20," over
 * "495"), whose head fills no cell but is no number alone.
 */
function wrapsInCell(upper: TextLine, lower: TextLine, col: number, widths: ColumnWidths): boolean {
  if (BROKEN_AT_SEPARATOR.test(upper.text) && SEPARATED_TAIL.test(lower.text)) return true;
  const width = (r: TextLine) => r.x1 - r.x0;
  // The cell had no room for one more digit: as wide as the upper piece plus one of its characters.
  const nextDigit = width(upper) / Math.max(1, [...upper.text].length);
  return (
    FIGURE_PART.test(upper.text) &&
    FIGURE_PART.test(lower.text) &&
    !/^[-−+]/.test(lower.text) &&
    fillsACharacter(upper) &&
    width(lower) <= width(upper) + 1 &&
    width(upper) + nextDigit > (widths.widest.get(col) ?? 0) &&
    width(upper) + nextDigit > (widths.header.get(col) ?? 0)
  );
}

/**
 * A paragraph that took several rows' labels (the later ones unnumbered, as some reports print them, or
 * short labels such as 行政处罚 / 行政强制 / 合计 that look like one wrapped label) shows in its figures: lines
 * of figures, each level with a label line. It is cut between those lines, unless the figures are numbers
 * wrapped in their cells: a one-line figure or label line sits centred between two figure lines, or every
 * column's stacked figures wrap in their cell while some figure line has no label beside it.
 */
function splitByFigureLines(
  p: Paragraph,
  figures: { run: TextLine; col: number }[],
  widths: ColumnWidths,
  settings: StreamRowSettings,
): Paragraph[] {
  const em = sizeOf(p.runs[0]);
  const tolerance = settings.alignEms * em;
  const ys = figures.map((f) => cy(f.run)).sort((a, b) => a - b);
  const lines: number[][] = [];
  for (const y of ys) {
    const last = lines[lines.length - 1];
    if (last && y - last[0] < tolerance) last.push(y);
    else lines.push([y]);
  }
  if (lines.length < 2) return [p];
  const levels = lines.map((l) => l.reduce((s, y) => s + y, 0) / l.length);
  const centred = (y: number) =>
    levels
      .slice(1)
      .some((lower, k) => Math.abs(y - (levels[k] + lower) / 2) < tolerance && lower - levels[k] > 2 * tolerance);
  const labelled = levels.every((y) => p.runs.some((r) => Math.abs(cy(r) - y) < tolerance));
  const byCol = new Map<number, TextLine[]>();
  for (const f of figures) byCol.set(f.col, [...(byCol.get(f.col) ?? []), f.run]);
  const wraps = [...byCol].every(([col, runs]) => {
    const sorted = [...runs].sort((a, b) => a.y0 - b.y0);
    return sorted.slice(1).every((lower, k) => wrapsInCell(sorted[k], lower, col, widths));
  });
  // Something centred between figure lines that could be one wrapped number each is that number's row; figures
  // that cannot (30 over 221 in a column as wide as 221) are rows of their own, whatever lies between them.
  if (wraps && (figures.some((f) => centred(cy(f.run))) || p.runs.some((r) => centred(cy(r))))) return [p];
  // Figure lines level with label lines look like rows; but when few columns are stacked (the others hold
  // one figure each), those are numbers wrapped beside a wrapped label.
  const stacked = [...byCol.values()].filter((runs) => runs.length > 1).length;
  if (wraps && (!labelled || stacked * 2 <= byCol.size)) return [p];
  const cuts = cutsBetween(levels, p.runs, tolerance);
  const pieces: TextLine[][] = cuts.map(() => []).concat([[]]);
  for (const r of p.runs) pieces[cuts.filter((c) => cy(r) >= c).length].push(r);
  const make = (runs: TextLine[]): Paragraph => ({
    runs,
    y0: Math.min(...runs.map((r) => r.y0)),
    y1: Math.max(...runs.map((r) => r.y1)),
  });
  const kept = pieces.filter((runs) => runs.length);
  return kept.length > 1 ? kept.map(make) : [p];
}

/**
 * Where a label paragraph is cut between its figure lines: halfway between them; but a label centred on its
 * figures from above them (a wrapped label, the figures level with its middle) keeps its lines down to as far
 * below the figures as its first line is above them.
 */
function cutsBetween(levels: number[], runs: TextLine[], tolerance: number): number[] {
  const cuts: number[] = [];
  for (let k = 0; k + 1 < levels.length; k++) {
    const [upper, lower] = [levels[k], levels[k + 1]];
    const from = k > 0 ? cuts[k - 1] : -Infinity;
    const ys = runs.map(cy).filter((y) => y >= from);
    const top = Math.min(...ys);
    let cut = (upper + lower) / 2;
    if (upper - top > tolerance) {
      const reach = 2 * upper - top + tolerance;
      const last = Math.max(...ys.filter((y) => y <= reach));
      const next = Math.min(...ys.filter((y) => y > last + tolerance));
      if (last > upper + tolerance && last < lower - tolerance && next < Infinity) cut = (last + next) / 2;
    }
    cuts.push(cut);
  }
  return cuts;
}

/** The index of the anchor whose middle is nearest to y, or -1 when none is within reach. */
function nearest(anchors: { y0: number; y1: number }[], y: number, reach: number): number {
  let best = -1;
  let bestDistance = Infinity;
  anchors.forEach((a, k) => {
    const d = Math.abs((a.y0 + a.y1) / 2 - y);
    const inside = y >= a.y0 && y <= a.y1;
    if ((inside || d <= reach) && d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  });
  return best;
}

/**
 * Rows of a borderless table from its label runs and its figure runs (each with its value column).
 * `rules`: horizontal rules spanning the value columns strictly inside the table; two or more of them
 * delimit the rows. `headerWidths`: the widest header word above each value column (its cells are as wide).
 */
export function streamRows(
  labels: TextLine[],
  figures: { run: TextLine; col: number }[],
  rules: Ruling[],
  headerWidths: Map<number, number> = new Map(),
  settings: StreamRowSettings = defaultStreamRowSettings,
): StreamRow[] {
  const all = [...labels, ...figures.map((f) => f.run)];
  if (!all.length) return [];
  if (rules.length >= 2) return rowsBetweenRules(labels, figures, rules, columnWidths(figures, headerWidths), settings);
  const { group, paragraphs: initial } = labelParagraphs(labels, settings);
  const em = Math.max(...all.map(sizeOf));
  const reach = settings.reachEms * em;
  // Figures go to the nearest label; a paragraph whose figures show two rows is cut, and figures placed again.
  // A figure level with a label line is that label's (a one-line row, or the first line of a label that took
  // the next row's too); else it is the one whose middle is nearest (figures centred on a wrapped label).
  const place = (ps: Paragraph[]) =>
    figures.map((f) => {
      const y = cy(f.run);
      const level = ps.flatMap((p, k) => (p.runs.some((r) => Math.abs(cy(r) - y) < settings.alignEms * em) ? [k] : []));
      return level.length === 1 ? level[0] : nearest(ps, y, reach);
    });
  let paragraphs = initial;
  let at = place(paragraphs);
  const widths = columnWidths(figures, headerWidths);
  const cut = paragraphs.flatMap((p, k) =>
    splitByFigureLines(
      p,
      figures.filter((_, i) => at[i] === k),
      widths,
      settings,
    ),
  );
  if (cut.length !== paragraphs.length) {
    paragraphs = cut;
    at = place(paragraphs);
  }
  const rows: (StreamRow & { y: number })[] = paragraphs.map((p) => ({
    group: [],
    leaf: p.runs,
    values: new Map(),
    texts: new Map(),
    y: (p.y0 + p.y1) / 2,
  }));
  // Figures far from every label: rows without a label (the review table's one line of fifteen figures).
  const orphans: { y0: number; y1: number; row: StreamRow & { y: number } }[] = [];
  figures.forEach((f, i) => {
    let row = at[i] >= 0 ? rows[at[i]] : undefined;
    if (!row) {
      let o = orphans.find(
        (x) => vOverlap(x, f.run) > 0 || Math.abs((x.y0 + x.y1) / 2 - cy(f.run)) < settings.alignEms * em,
      );
      if (!o) {
        o = {
          y0: f.run.y0,
          y1: f.run.y1,
          row: { group: [], leaf: [], values: new Map(), texts: new Map(), y: cy(f.run) },
        };
        orphans.push(o);
        rows.push(o.row);
      }
      o.y0 = Math.min(o.y0, f.run.y0);
      o.y1 = Math.max(o.y1, f.run.y1);
      row = o.row;
    }
    row.values.set(f.col, [...(row.values.get(f.col) ?? []), f.run]);
  });
  rows.sort((a, b) => a.y - b.y);
  for (const g of group) {
    const k = nearest(
      rows.map((r) => ({ y0: r.y, y1: r.y })),
      cy(g),
      Infinity,
    );
    if (k >= 0) rows[k].group.push(g);
  }
  return rows.map(({ group: g, leaf, values }) =>
    withTexts({ group: g, leaf, values, texts: new Map() }, widths, settings),
  );
}

function columnWidths(figures: { run: TextLine; col: number }[], header: Map<number, number>): ColumnWidths {
  const widest = new Map<number, number>();
  for (const f of figures) widest.set(f.col, Math.max(widest.get(f.col) ?? 0, f.run.x1 - f.run.x0));
  return { widest, header };
}

/** Sorts each cell's figure runs top to bottom and gives the cell its text. */
function withTexts(row: StreamRow, widths: ColumnWidths, settings: StreamRowSettings): StreamRow {
  for (const [col, runs] of row.values) {
    runs.sort((a, b) => a.y0 - b.y0);
    row.texts.set(col, figureText(runs, col, widths, settings));
  }
  return row;
}

/** Rows of a table whose rows are ruled: everything between two rules is one row. */
function rowsBetweenRules(
  labels: TextLine[],
  figures: { run: TextLine; col: number }[],
  rules: Ruling[],
  widths: ColumnWidths,
  settings: StreamRowSettings,
): StreamRow[] {
  const cuts = rules.map((r) => r.at).sort((a, b) => a - b);
  const slot = (y: number) => cuts.filter((c) => c < y).length;
  const rows = new Map<number, StreamRow>();
  const rowAt = (y: number) => {
    const k = slot(y);
    if (!rows.has(k)) rows.set(k, { group: [], leaf: [], values: new Map(), texts: new Map() });
    return rows.get(k)!;
  };
  const { group, paragraphs } = labelParagraphs(labels);
  for (const l of group) rowAt(cy(l)).group.push(l);
  for (const l of paragraphs.flatMap((p) => p.runs)) rowAt(cy(l)).leaf.push(l);
  for (const f of figures) {
    const row = rowAt(cy(f.run));
    row.values.set(f.col, [...(row.values.get(f.col) ?? []), f.run]);
  }
  for (const r of rows.values()) r.leaf.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => withTexts(r, widths, settings));
}

/**
 * The text of one cell's figure runs. Pieces of one number wrapped in a narrow cell are joined top to bottom
 * ("7535" over "6"); anything else that came together is not one number and is kept apart ("12 / 34"), so
 * that it reads as unreadable instead of as a figure no one printed.
 */
export function figureText(
  runs: TextLine[],
  col: number,
  widths: ColumnWidths,
  settings: StreamRowSettings = defaultStreamRowSettings,
): string {
  if (runs.length <= 1) return runs[0]?.text ?? "";
  let text = runs[0].text;
  for (let k = 1; k < runs.length; k++) {
    const prev = runs[k - 1];
    const run = runs[k];
    const wrapped =
      xOverlap(prev, run) &&
      run.y0 - prev.y1 < settings.wrapGapEms * sizeOf(run) &&
      wrapsInCell(prev, run, col, widths);
    text += wrapped ? run.text : ` / ${run.text}`;
  }
  return text;
}
