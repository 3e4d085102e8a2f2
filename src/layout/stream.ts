import { isValueText } from "../extract/values.js";
import type { Glyph, PageModel } from "../pdf/types.js";
import type { Ruling } from "./rulings.js";
import type { Cell, Table } from "./table.js";
import { anchor, center, contains, toLines, union, type TextLine } from "./text.js";

export interface StreamSettings {
  /** Runs whose vertical centres differ by less than this share of the font size are on one visual line. */
  lineShare: number;
  /** Value runs whose horizontal centres differ by less than this many font sizes are one column. */
  columnEms: number;
  /** Lines above the first data line read as the column header, at most. */
  maxHeaderLines: number;
}

export const defaultStreamSettings: StreamSettings = { lineShare: 0.6, columnEms: 1.6, maxHeaderLines: 12 };

interface VisualLine {
  y: number;
  runs: TextLine[];
  values: TextLine[];
}

const cy = (r: TextLine) => center(r).y;
const cx = (r: TextLine) => center(r).x;
const sizeOf = (r: TextLine) => Math.max(...r.glyphs.map((g) => g.size));

function visualLines(runs: TextLine[], share: number): VisualLine[] {
  const lines: VisualLine[] = [];
  for (const r of [...runs].sort((a, b) => cy(a) - cy(b))) {
    const line = lines.find((l) => Math.abs(l.y - cy(r)) <= share * sizeOf(r));
    if (line) line.runs.push(r);
    else lines.push({ y: cy(r), runs: [r], values: [] });
  }
  for (const l of lines) {
    l.runs.sort((a, b) => a.x0 - b.x0);
    // A value sits to the right of the line's first run (its label), or stands in a row of several values.
    l.values = l.runs.filter((r, k) => isValueText(r.text) && (k > 0 || l.runs.filter((x) => isValueText(x.text)).length >= 2));
  }
  return lines;
}

/** Clusters value-run centres into columns, left to right. */
function columnCentres(values: TextLine[], ems: number): number[] {
  const xs = values.map(cx).sort((a, b) => a - b);
  const size = Math.max(...values.map(sizeOf));
  const groups: number[][] = [];
  for (const x of xs) {
    const g = groups[groups.length - 1];
    if (g && x - g[g.length - 1] <= ems * size) g.push(x);
    else groups.push([x]);
  }
  return groups.map((g) => g.reduce((s, x) => s + x, 0) / g.length);
}

/** Digits alone in the value area on a line without label: the tail of a number wrapped in its cell. */
function isWrappedDigits(run: TextLine, valueLeft: number): boolean {
  return run.x0 >= valueLeft - 1 && /^[0-9０-９.,，]+$/u.test(run.text);
}

function cell(row: number, col: number, box: Cell["box"], glyphs: Glyph[]): Cell {
  return { row, col, rowSpan: 1, colSpan: 1, box, glyphs, text: orderedText(glyphs) };
}

/** Label text in reading order per horizontal run: lines top to bottom, left to right within a line. */
function orderedText(glyphs: Glyph[]): string {
  return toLines(glyphs)
    .map((l) => l.text)
    .join("");
}

/**
 * Reads borderless tables (three-line tables, tables whose borders did not survive) from text alignment:
 * data lines are lines holding numbers; their numbers' x positions give the columns, lines above give the header,
 * and label lines between data lines go to the nearest data line.
 */
export function findStreamTables(page: PageModel, lattice: Table[], h: Ruling[] = [], settings: StreamSettings = defaultStreamSettings): Table[] {
  const free = page.glyphs.filter((g) => {
    const a = anchor(g);
    return !lattice.some((t) => contains(t.box, a.x, a.y));
  });
  const lines = visualLines(toLines(free, true), settings.lineShare);
  const tables: Table[] = [];
  let k = 0;
  while (k < lines.length) {
    if (!lines[k].values.length) {
      k++;
      continue;
    }
    // Grow a block of data lines; label-only lines left of the values belong to it, anything reaching into
    // the value columns (a heading, prose, the next table's header) ends it.
    const first = k;
    let last = k;
    let valueLeft = Math.min(...lines[k].values.map((v) => v.x0));
    const labelsOf = (l: VisualLine) => l.runs.filter((r) => !l.values.includes(r));
    const em = Math.max(...lines[k].runs.map(sizeOf));
    // Right edge of the label column: wrapped label lines start left of it, headings and headers do not.
    let labelRight = Math.max(-Infinity, ...labelsOf(lines[k]).map((r) => r.x1));
    let j = k + 1;
    while (j < lines.length) {
      const l = lines[j];
      if (l.values.length) {
        const left = Math.min(...l.values.map((v) => v.x0));
        if (!labelsOf(l).every((r) => r.x1 <= left + 1)) break;
        valueLeft = Math.min(valueLeft, left);
        labelRight = Math.max(labelRight, ...labelsOf(l).map((r) => r.x1));
        last = j;
      } else if (!l.runs.every((r) => (r.x1 <= valueLeft + 1 && (labelRight === -Infinity || r.x0 <= labelRight + em)) || isWrappedDigits(r, valueLeft))) break;
      j++;
    }
    const dataLines = lines.slice(first, last + 1).filter((l) => l.values.length);
    const table = buildTable(page, lines, first, last, dataLines, h, settings);
    if (table) tables.push(table);
    k = last + 1;
  }
  return tables;
}

function buildTable(
  page: PageModel,
  lines: VisualLine[],
  first: number,
  last: number,
  dataLines: VisualLine[],
  h: Ruling[],
  settings: StreamSettings,
): Table | null {
  const values = dataLines.flatMap((l) => l.values);
  if (values.length === 0) return null;
  const centres = columnCentres(values, settings.columnEms);
  const valueLeft = Math.min(...values.map((v) => v.x0));
  const right = Math.max(...values.map((v) => v.x1));
  const bounds = [valueLeft - 1];
  for (let c = 1; c < centres.length; c++) bounds.push((centres[c - 1] + centres[c]) / 2);
  bounds.push(right + 1);
  const labelLeft = Math.min(...lines.slice(first, last + 1).flatMap((l) => l.runs.map((r) => r.x0)), valueLeft) - 1;
  const xs = [labelLeft, ...bounds];
  const colOf = (x: number) => {
    for (let c = 0; c < centres.length; c++) if (x >= bounds[c] && x < bounds[c + 1]) return c;
    return x < bounds[0] ? -1 : centres.length - 1;
  };

  // Header: lines above the block, up to the rule that opens the table (three-line tables have one above
  // the header and one below it), else up to a prose-like or distant line.
  const spanning = h
    .filter((r) => r.at < lines[first].y && r.a <= valueLeft + 1 && r.b >= right - 1)
    .map((r) => r.at)
    .sort((a, b) => b - a);
  const ceiling = spanning.length >= 2 ? spanning[1] : -Infinity;
  const header: VisualLine[] = [];
  for (let k = first - 1; k >= 0 && header.length < settings.maxHeaderLines; k--) {
    const l = lines[k];
    if (l.y < ceiling) break;
    const wide = l.runs.some((r) => r.x1 - r.x0 > (right - valueLeft) * 0.9 && r.text.length > 12);
    const below = header[0] ?? lines[first];
    if (wide || below.y - l.y > 4 * Math.max(...below.runs.map(sizeOf))) break;
    header.unshift(l);
  }

  const rowYs = dataLines.map((l) => l.y);
  const ys: number[] = [];
  const headerTop = header.length ? Math.min(...header.flatMap((l) => l.runs.map((r) => r.y0))) - 1 : null;
  const firstTop = Math.min(...lines.slice(first, last + 1).flatMap((l) => l.runs.map((r) => r.y0)));
  const top = Math.min(firstTop, rowYs[0] - (rowYs.length > 1 ? (rowYs[1] - rowYs[0]) / 2 : 10)) - 1;
  if (headerTop !== null) ys.push(headerTop);
  ys.push(top);
  for (let r = 1; r < rowYs.length; r++) ys.push((rowYs[r - 1] + rowYs[r]) / 2);
  const lastBottom = Math.max(...lines.slice(first, last + 1).flatMap((l) => l.runs.map((r) => r.y1)));
  ys.push(lastBottom + 1);
  const rowBase = headerTop !== null ? 1 : 0;

  const cells: Cell[] = [];
  if (headerTop !== null) {
    const hg = header.flatMap((l) => l.runs.flatMap((r) => r.glyphs));
    cells.push(cell(0, 0, { x0: xs[0], x1: xs[1], y0: ys[0], y1: ys[1] }, hg.filter((g) => anchor(g).x < bounds[0])));
    for (let c = 0; c < centres.length; c++)
      cells.push(cell(0, c + 1, { x0: xs[c + 1], x1: xs[c + 2], y0: ys[0], y1: ys[1] }, hg.filter((g) => anchor(g).x >= bounds[0] && colOf(anchor(g).x) === c)));
  }
  const rowOfRun = assignLabels(lines.slice(first, last + 1), dataLines, bounds[0]);
  const orphans = lines
    .slice(first, last + 1)
    .filter((l) => !l.values.length)
    .flatMap((l) => l.runs.filter((r) => isWrappedDigits(r, bounds[0])));
  dataLines.forEach((line, r) => {
    const row = rowBase + r;
    const y0 = ys[row];
    const y1 = ys[row + 1];
    const labelGlyphs = [...rowOfRun].filter(([, rr]) => rr === r).flatMap(([run]) => run.glyphs);
    cells.push(cell(row, 0, { x0: xs[0], x1: xs[1], y0, y1 }, labelGlyphs));
    for (let c = 0; c < centres.length; c++) {
      const own = line.values.filter((v) => colOf(cx(v)) === c);
      // A number wrapped inside a narrow cell leaves its tail on the next line, alone and just below.
      const tail = own.length
        ? orphans.filter((o) => colOf(cx(o)) === c && o.y0 - Math.max(...own.map((v) => v.y1)) < 0.6 * sizeOf(o) && o.y0 > own[0].y0)
        : [];
      for (const t of tail) orphans.splice(orphans.indexOf(t), 1);
      const inCol = [...own, ...tail];
      const box = inCol.length ? union(inCol) : { x0: xs[c + 1], x1: xs[c + 2], y0, y1 };
      cells.push(cell(row, c + 1, box, inCol.flatMap((v) => v.glyphs)));
    }
  });
  return { page: page.number, strategy: "stream", box: { x0: xs[0], x1: xs[xs.length - 1], y0: ys[0], y1: ys[ys.length - 1] }, xs, ys, cells };
}

const NUMBERED = /^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．])/u;

/**
 * Gives each label run a data row. A run on a data line belongs to it; a numbered run starts a label and goes
 * to the nearest data line; an unnumbered run right under another label run continues that label (long labels
 * wrap below their numbers), else it goes to the nearest data line.
 */
function assignLabels(block: VisualLine[], dataLines: VisualLine[], valueLeft: number): Map<TextLine, number> {
  const out = new Map<TextLine, number>();
  const runs = block
    .flatMap((l) => l.runs.filter((r) => !l.values.includes(r) && r.x1 <= valueLeft + 1))
    .sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const nearest = (run: TextLine) => {
    let best = 0;
    dataLines.forEach((d, k) => {
      if (Math.abs(d.y - cy(run)) < Math.abs(dataLines[best].y - cy(run))) best = k;
    });
    return best;
  };
  for (const run of runs) {
    const onLine = dataLines.findIndex((d) => d.runs.includes(run));
    if (onLine >= 0) {
      out.set(run, onLine);
      continue;
    }
    const above = [...out.keys()]
      .filter((o) => Math.abs(o.x0 - run.x0) < sizeOf(run) && run.y0 - o.y1 >= -1 && run.y0 - o.y1 < 0.8 * sizeOf(run))
      .sort((a, b) => b.y1 - a.y1)[0];
    out.set(run, !NUMBERED.test(run.text) && above ? out.get(above)! : nearest(run));
  }
  return out;
}
