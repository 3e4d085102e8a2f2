import { isValueText } from "../text/values.js";
import type { Glyph, PageModel } from "../pdf/types.js";
import type { Ruling } from "./rulings.js";
import type { Cell, Table } from "./table.js";
import { isPageNumber, startsNumbered } from "../text/numbering.js";
import { sectionHeading } from "../text/headings.js";
import { defaultStreamRowSettings, FIGURE_PART, streamRows, type StreamRow } from "./streamRows.js";
import { anchor, center, contains, toLines, union, type TextLine } from "./text.js";

export interface StreamSettings {
  /** Runs whose vertical centres differ by less than this share of the font size are on one visual line. */
  lineShare: number;
  /** Lines above the first data line read as the column header, at most. */
  maxHeaderLines: number;
}

export const defaultStreamSettings: StreamSettings = { lineShare: 0.6, maxHeaderLines: 12 };

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
    // A figure set close after its label comes out of the text layer in the label's run.
    l.runs = l.runs.flatMap(splitTrailingFigure);
    l.runs.sort((a, b) => a.x0 - b.x0);
    // A value sits to the right of the line's first run (its label), or stands in a row of several values.
    l.values = l.runs.filter(
      (r, k) => isFigure(r.text) && (k > 0 || l.runs.filter((x) => isFigure(x.text)).length >= 2),
    );
  }
  return lines;
}

/** Page furniture lives in the top and bottom margins: this share of the page height. */
const MARGIN_SHARE = 0.1;

/** A page number is set apart from the text by at least this many font sizes. */
const PAGE_NUMBER_GAP_EMS = 1.5;

/**
 * Lines that are a page number alone, in the page's top or bottom margin: page furniture, not a table's figures.
 * A bare number must also be set apart from the text next to it (a table's last figures may reach the margin); a
 * decorated one (- 2 -, 2/5, 第2页) is never a figure, however close a table that fills the page comes to it.
 */
function withoutPageNumbers(lines: VisualLine[], page: PageModel): VisualLine[] {
  const top = (l: VisualLine) => Math.min(...l.runs.map((r) => r.y0));
  const bottom = (l: VisualLine) => Math.max(...l.runs.map((r) => r.y1));
  return lines.filter((l, k) => {
    const text = l.runs.map((r) => r.text).join(" ");
    if (!isPageNumber(text)) return true;
    const decorated = !/^\s*\d+\s*$/.test(text);
    const gap = PAGE_NUMBER_GAP_EMS * Math.max(...l.runs.map(sizeOf));
    const apartAbove = decorated || k === 0 || top(l) - bottom(lines[k - 1]) > gap;
    const apartBelow = decorated || k === lines.length - 1 || top(lines[k + 1]) - bottom(l) > gap;
    const footer = l.y > page.height * (1 - MARGIN_SHARE) && apartAbove;
    const header = l.y < page.height * MARGIN_SHARE && apartBelow;
    return !footer && !header;
  });
}

/** A label-only line at most this many font sizes below the last figures is a row printed blank. */
const BLANK_ROW_GAP_EMS = 1.5;

/** A figure character (digits, separators); a run's trailing figure is cut off at a visible gap before it. */
const FIGURE_CHAR = /^[0-9０-９,，.．]$/u;
/** Marks printed for nothing (not 一, which ends labels such as 三安全一稳定 only in look). */
const BLANK_MARK = /^[—–―\-－/／]$/u;
const FIGURE_GAP_SHARE = 0.3;

/**
 * "…本机关不掌握  1,06" → the label, then the figure (or the mark printed for nothing): told apart by a gap wider than a
 * share of the font size,
 * or by another font size or baseline (figures are often set in their own font).
 */
export function splitTrailingFigure(run: TextLine): TextLine[] {
  const g = run.glyphs;
  let k = g.length;
  const tail = BLANK_MARK.test(g[g.length - 1].text) ? BLANK_MARK : FIGURE_CHAR;
  while (k > 0 && tail.test(g[k - 1].text)) k--;
  if (k === 0 || k === g.length) return [run];
  const [a, b] = [g[k - 1], g[k]];
  const apart =
    b.x0 - a.x1 > FIGURE_GAP_SHARE * b.size ||
    Math.abs(a.size - b.size) > 0.05 * b.size ||
    Math.abs(a.y1 - b.y1) > 0.15 * b.size;
  if (!apart) return [run];
  const part = (glyphs: Glyph[]): TextLine =>
    Object.assign(union(glyphs), { text: glyphs.map((x) => x.text).join(""), glyphs });
  return [part(g.slice(0, k)), part(g.slice(k))];
}

/**
 * Columns of the figures, left to right: figures of one column overlap across, whatever their alignment, and
 * figures of neighbouring columns do not (a cell's text stops at its border), however narrow the columns.
 */
function columnCentres(values: TextLine[]): number[] {
  const groups: { x1: number; centres: number[] }[] = [];
  for (const v of [...values].sort((a, b) => a.x0 - b.x0)) {
    const g = groups[groups.length - 1];
    if (g && v.x0 < g.x1) {
      g.x1 = Math.max(g.x1, v.x1);
      g.centres.push(cx(v));
    } else groups.push({ x1: v.x1, centres: [cx(v)] });
  }
  return groups.map((g) => g.centres.reduce((s, x) => s + x, 0) / g.centres.length);
}

/** A value, or a piece of a number wrapped in its cell ("3,57" over "7"). */
const isFigure = (text: string) => isValueText(text) || FIGURE_PART.test(text);

/** Digits alone in the value area on a line without label: the tail of a number wrapped in its cell. */
function isWrappedDigits(run: TextLine, valueLeft: number): boolean {
  return run.x0 >= valueLeft - 1 && FIGURE_PART.test(run.text);
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

/** Whether a glyph stands in one of the tables (a loop: a callback made per page is compiled again and again). */
function inAnyTable(g: Glyph, tables: Table[]): boolean {
  const a = anchor(g);
  for (const t of tables) if (contains(t.box, a.x, a.y)) return true;
  return false;
}

/**
 * Reads borderless tables (three-line tables, tables whose borders did not survive) from text alignment:
 * data lines are lines holding numbers; their numbers' x positions give the columns, lines above give the header,
 * and label lines between data lines go to the nearest data line.
 */
export function findStreamTables(
  page: PageModel,
  lattice: Table[],
  h: Ruling[] = [],
  settings: StreamSettings = defaultStreamSettings,
): Table[] {
  const free: Glyph[] = [];
  for (const g of page.glyphs) if (!inAnyTable(g, lattice)) free.push(g);
  const lines = withoutPageNumbers(visualLines(toLines(free, true), settings.lineShare), page);
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
    const labelLeft = Math.min(Infinity, ...labelsOf(lines[k]).map((r) => r.x0));
    let j = k + 1;
    while (j < lines.length) {
      const l = lines[j];
      // A ruled table between two lines (the header of the next table, say) ends the block.
      const above = lines[j - 1].y;
      if (lattice.some((t) => (t.box.y0 + t.box.y1) / 2 > above && (t.box.y0 + t.box.y1) / 2 < l.y)) break;
      // The next section's heading, however close below the last row and wherever it starts, is not a row.
      if (sectionHeading(l.runs.map((r) => r.text).join("")) >= 0) break;
      if (l.values.length) {
        const left = Math.min(...l.values.map((v) => v.x0));
        if (!labelsOf(l).every((r) => r.x1 <= left + 1)) break;
        valueLeft = Math.min(valueLeft, left);
        labelRight = Math.max(labelRight, ...labelsOf(l).map((r) => r.x1));
        last = j;
      } else if (
        !l.runs.every(
          (r) =>
            (r.x1 <= valueLeft + 1 && (labelRight === -Infinity || r.x0 <= labelRight + em)) ||
            isWrappedDigits(r, valueLeft),
        )
      )
        break;
      // Below the last figures: the last row's wrapped figures and label lines follow closely; a row printed
      // blank follows a row's height below, its label where the other labels start.
      else {
        const gap = Math.min(...l.runs.map((r) => r.y0)) - Math.max(...lines[j - 1].runs.map((r) => r.y1));
        const wraps = l.runs.some((r) => isWrappedDigits(r, valueLeft)) || !l.runs.some((r) => startsNumbered(r.text));
        const blankRow = gap < BLANK_ROW_GAP_EMS * em && l.runs.some((r) => Math.abs(r.x0 - labelLeft) < em);
        if ((gap < defaultStreamRowSettings.wrapGapEms * em && wraps) || blankRow) last = j;
      }
      j++;
    }
    const table = buildTable(page, lines, first, last, h, lattice, settings);
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
  h: Ruling[],
  lattice: Table[],
  settings: StreamSettings,
): Table | null {
  const values = lines.slice(first, last + 1).flatMap((l) => l.values);
  if (values.length === 0) return null;
  const valueLeft = Math.min(...values.map((v) => v.x0));
  const right = Math.max(...values.map((v) => v.x1));
  const em = Math.max(...values.map(sizeOf));
  splitWrappedFigures(lines, Math.max(0, first - 2), last, valueLeft);
  // Rules spanning the value columns.
  const spans = (r: Ruling) => r.a <= valueLeft + 1 && r.b >= right - 1;
  const spanning = h.filter(spans);
  const top = Math.min(...lines[first].runs.map((r) => r.y0));
  const above = spanning.map((r) => r.at).filter((at) => at < top);
  first = firstRowStart(lines, first, valueLeft);
  const header = headerLines(lines, first, above, valueLeft, right, settings);
  const body = lines.slice(first, last + 1);
  const labelRight = Math.max(
    -Infinity,
    ...body.flatMap((l) => l.runs.filter((r) => !l.values.includes(r) && r.x1 <= valueLeft + 1).map((r) => r.x1)),
  );
  const columns = valueColumns(
    values,
    header,
    headerColumnsAbove(lattice, lines[first], valueLeft, labelRight, right, em),
    valueLeft,
    labelRight,
    right,
  );

  const bodyTop = Math.min(...body.flatMap((l) => l.runs.map((r) => r.y0)));
  const bodyBottom = Math.max(...body.flatMap((l) => l.runs.map((r) => r.y1)));
  // Figures: the lines' values, and digits alone on a line (a piece of a number wrapped in its cell).
  const isFigureRun = (l: VisualLine, r: TextLine) => l.values.includes(r) || isWrappedDigits(r, valueLeft);
  const labels = body.flatMap((l) => l.runs.filter((r) => !isFigureRun(l, r) && r.x1 <= valueLeft + 1));
  const figures = body.flatMap((l) =>
    l.runs.filter((r) => isFigureRun(l, r)).map((run) => ({ run, col: Math.max(0, columns.colOf(cx(run))) })),
  );
  const rowRules = spanning.filter((r) => r.at > bodyTop && r.at < bodyBottom);
  const headerWidths = new Map<number, number>();
  for (const run of header.flatMap((l) => l.runs)) {
    const c = columns.headerColOf(cx(run));
    if (c >= 0 && run.x0 >= columns.bounds[c] && run.x1 <= columns.bounds[c + 1])
      headerWidths.set(c, Math.max(headerWidths.get(c) ?? 0, run.x1 - run.x0));
  }
  const rows = streamRows(labels, figures, rowRules, headerWidths);
  if (!rows.length) return null;
  // The label column ends where the first value column begins (which a header word may set left of every label).
  const labelLeft =
    Math.min(...[...labels, ...header.flatMap((l) => l.runs)].map((r) => r.x0), valueLeft, columns.bounds[0]) - 1;
  return assembleTable(page.number, header, rows, columns, { labelLeft, valueLeft, top: bodyTop, bottom: bodyBottom });
}

/** Near the figures, a label line may carry the first piece of a wrapped number in its run: split it off. */
function splitWrappedFigures(lines: VisualLine[], from: number, to: number, valueLeft: number): void {
  for (let k = from; k <= to; k++) {
    const l = lines[k];
    l.runs = l.runs.flatMap((r) => {
      const parts = splitTrailingFigure(r);
      return parts.length === 2 && parts[1].x0 >= valueLeft - 1 && parts[0].x1 <= valueLeft + 1 ? parts : [r];
    });
  }
}

/**
 * The header's lines, above the table's first row. Of the rules spanning the value columns above the
 * figures (`rulesAbove`), the lowest closes the header (three-line tables have one above the header and one
 * below it); the next one up opens it.
 */
function headerLines(
  lines: VisualLine[],
  first: number,
  rulesAbove: number[],
  valueLeft: number,
  right: number,
  settings: StreamSettings,
): VisualLine[] {
  const ceiling = rulesAbove.length >= 2 ? [...rulesAbove].sort((a, b) => b - a)[1] : -Infinity;
  const header: VisualLine[] = [];
  for (let k = first - 1; k >= 0 && header.length < settings.maxHeaderLines; k--) {
    const l = lines[k];
    if (l.y < ceiling) break;
    // A line as wide as the figures is prose or a heading, unless a rule above it shows it is the header's (a note).
    const wide =
      ceiling === -Infinity && l.runs.some((r) => r.x1 - r.x0 > (right - valueLeft) * 0.9 && r.text.length > 12);
    const below = header[0] ?? lines[first];
    if (wide || below.y - l.y > 4 * Math.max(...below.runs.map(sizeOf))) break;
    header.unshift(l);
  }
  return header;
}

/** A borderless table's value columns: their centres, their bounds (left to right), and the column of an x. */
interface ValueColumns {
  centres: number[];
  bounds: number[];
  colOf: (x: number) => number;
  /** The column of a header glyph's x, -1 left of the value columns. */
  headerColOf: (x: number) => number;
}

/**
 * Columns: where the figures stand; under a ruled header (borders drawn round the header only) its
 * columns, and else the header's words add the columns whose figures are all printed blank.
 */
function valueColumns(
  values: TextLine[],
  header: VisualLine[],
  ruledHeader: number[] | null,
  valueLeft: number,
  labelRight: number,
  right: number,
): ValueColumns {
  let centres = columnCentres(values);
  if (!ruledHeader || ruledHeader.length - 1 < centres.length)
    centres = withHeaderColumns(
      centres,
      header.map((l) => l.runs),
      labelRight,
    );
  const bounds =
    ruledHeader && ruledHeader.length - 1 >= centres.length ? ruledHeader : boundsOf(centres, valueLeft, right);
  if (bounds === ruledHeader) centres = bounds.slice(1).map((x, c) => (bounds[c] + x) / 2);
  const colOf = (x: number) => {
    for (let c = 0; c < centres.length; c++) if (x >= bounds[c] && x < bounds[c + 1]) return c;
    return x < bounds[0] ? -1 : centres.length - 1;
  };
  const shift =
    bounds === ruledHeader
      ? 0
      : wordShift(
          centres,
          header.map((l) => l.runs),
          labelRight,
        );
  return { centres, bounds, colOf, headerColOf: (x) => colOf(x + shift) };
}

/**
 * The table of a header and rows: label columns (the rows' own labels, and left of them the group labels
 * that span several rows), then the value columns; row bounds halfway between the rows.
 */
function assembleTable(
  page: number,
  header: VisualLine[],
  rows: StreamRow[],
  { centres, bounds, headerColOf }: ValueColumns,
  body: { labelLeft: number; valueLeft: number; top: number; bottom: number },
): Table {
  const groupRuns = rows.flatMap((r) => r.group);
  const labelCols = groupRuns.length ? 2 : 1;
  const split = groupRuns.length ? Math.min(body.valueLeft - 2, Math.max(...groupRuns.map((r) => r.x1)) + 0.5) : null;
  const xs = [body.labelLeft, ...(split !== null ? [split] : []), ...bounds];

  const rowBoxes = rows.map((r) => union([...r.group, ...r.leaf, ...[...r.values.values()].flat()]));
  const ys: number[] = [];
  const headerTop = header.length ? Math.min(...header.flatMap((l) => l.runs.map((r) => r.y0))) - 1 : null;
  if (headerTop !== null) ys.push(headerTop);
  ys.push(Math.min(body.top, rowBoxes[0].y0) - 1);
  for (let r = 1; r < rows.length; r++) ys.push((rowBoxes[r - 1].y1 + rowBoxes[r].y0) / 2);
  ys.push(Math.max(body.bottom, rowBoxes[rowBoxes.length - 1].y1) + 1);
  const rowBase = headerTop !== null ? 1 : 0;

  const cells: Cell[] = [];
  if (headerTop !== null) {
    const hg = header.flatMap((l) => l.runs.flatMap((r) => r.glyphs));
    for (let c = 0; c < labelCols; c++)
      cells.push(
        cell(
          0,
          c,
          { x0: xs[c], x1: xs[c + 1], y0: ys[0], y1: ys[1] },
          c === 0 ? hg.filter((g) => headerColOf(anchor(g).x) < 0) : [],
        ),
      );
    for (let c = 0; c < centres.length; c++)
      cells.push(
        cell(
          0,
          labelCols + c,
          { x0: xs[labelCols + c], x1: xs[labelCols + c + 1], y0: ys[0], y1: ys[1] },
          hg.filter((g) => headerColOf(anchor(g).x) === c),
        ),
      );
  }
  rows.forEach((row, r) => {
    const y0 = ys[rowBase + r];
    const y1 = ys[rowBase + r + 1];
    const label = (runs: TextLine[], c: number) => {
      const box = runs.length ? union(runs) : { x0: xs[c], x1: xs[c + 1], y0, y1 };
      return {
        ...cell(
          rowBase + r,
          c,
          box,
          runs.flatMap((x) => x.glyphs),
        ),
        text: runs.map((x) => x.text).join(""),
      };
    };
    if (labelCols === 2)
      cells.push(
        label(
          row.group.sort((a, b) => a.x0 - b.x0 || a.y0 - b.y0),
          0,
        ),
      );
    cells.push(label(row.leaf, labelCols - 1));
    for (let c = 0; c < centres.length; c++) {
      const runs = row.values.get(c) ?? [];
      const box = runs.length ? union(runs) : { x0: xs[labelCols + c], x1: xs[labelCols + c + 1], y0, y1 };
      cells.push({
        ...cell(
          rowBase + r,
          labelCols + c,
          box,
          runs.flatMap((v) => v.glyphs),
        ),
        text: row.texts.get(c) ?? "",
      });
    }
  });
  return {
    page,
    strategy: "stream",
    box: { x0: xs[0], x1: xs[xs.length - 1], y0: ys[0], y1: ys[ys.length - 1] },
    xs,
    ys,
    cells,
    labelColumns: labelCols,
  };
}

/** Column bounds halfway between column centres, the outer ones just past the figures. */
function boundsOf(centres: number[], valueLeft: number, right: number): number[] {
  const pitch = centres.length > 1 ? Math.min(...centres.slice(1).map((x, c) => x - centres[c])) : 0;
  const bounds = [Math.min(valueLeft - 1, centres[0] - pitch / 2)];
  for (let c = 1; c < centres.length; c++) bounds.push((centres[c - 1] + centres[c]) / 2);
  bounds.push(Math.max(right + 1, centres[centres.length - 1] + pitch / 2));
  return bounds;
}

/** A gap of this share of the font size between two header characters separates two columns' words. */
const HEADER_GAP_SHARE = 0.25;

/** A run cut wherever two neighbouring glyphs are further apart than a share of their size. */
function splitAtGaps(run: TextLine, share: number): TextLine[] {
  const out: Glyph[][] = [[]];
  run.glyphs.forEach((g, k) => {
    if (k > 0 && g.x0 - run.glyphs[k - 1].x1 > share * g.size) out.push([]);
    out[out.length - 1].push(g);
  });
  return out.map((glyphs) => Object.assign(union(glyphs), { text: glyphs.map((x) => x.text).join(""), glyphs }));
}

/**
 * Adds to the figures' column centres the columns the header's words show where no figure stands (a column
 * printed blank in every row, as a one-row review table often is). The header has a word over each column:
 * when it has more columns than the figures, figures and header columns are paired in order (each figure with
 * the nearest header column that keeps the order) and the unpaired header columns are added, shifted as the
 * paired ones are (figures may sit left or right in their cells, headers centred).
 */
export function withHeaderColumns(centres: number[], headerLines: TextLine[][], labelRight: number): number[] {
  if (centres.length < 2) return centres;
  const { columns, pitch } = headerWordColumns(centres, headerLines, labelRight);
  if (columns.length <= centres.length) return centres;
  const shift = headerShift(centres, columns);
  const paired = pairInOrder(centres, columns);
  const unpaired = columns.filter((_, h) => !paired.some(([, k]) => k === h)).map((x) => x + shift);
  const last = centres[centres.length - 1];
  const oneOver = (d: number) => d > 0.6 * pitch && d < 1.4 * pitch;
  // Only where a column fits: in a gap of the figures wide enough for one more,
  const added = unpaired.filter((x) => {
    const next = centres.findIndex((c) => c > x);
    return (
      next > 0 &&
      centres[next] - centres[next - 1] > 1.6 * pitch &&
      Math.min(x - centres[next - 1], centres[next] - x) > 0.6 * pitch
    );
  });
  // or beyond the figures, each a column further out than the one before (before the first figures only in a
  // table without row labels: else it is the label column's header).
  let edge = last;
  for (const x of unpaired.filter((x) => x > last).sort((a, b) => a - b))
    if (oneOver(x - edge)) added.push((edge = x));
    else break;
  edge = centres[0];
  if (labelRight === -Infinity)
    for (const x of unpaired.filter((x) => x < centres[0]).sort((a, b) => b - a))
      if (oneOver(edge - x)) added.push((edge = x));
      else break;
  return [...centres, ...added].sort((a, b) => a - b);
}

/**
 * The centres of the header's column words (one per column: the lines of a stacked header word 自然/人
 * together), and the figures' column pitch they were grouped by. `headerLines`: the header's runs by line,
 * top line first.
 */
function headerWordColumns(
  centres: number[],
  headerLines: TextLine[][],
  labelRight: number,
): { columns: number[]; pitch: number } {
  const gaps = centres
    .slice(1)
    .map((x, c) => x - centres[c])
    .sort((a, b) => a - b);
  const pitch = gaps[Math.floor((gaps.length - 1) / 2)];
  // Header words of neighbouring columns come out as one run: they are cut at any visible gap. Words wider
  // than a column span several (申请人情况); words over the row labels head the label column.
  const lines = headerLines.map((runs) =>
    runs
      .flatMap((r) => splitAtGaps(r, HEADER_GAP_SHARE))
      .filter((r) => r.x1 - r.x0 <= 1.2 * pitch && r.x0 >= labelRight - 1),
  );
  // A short word over the words of two columns below it (on any lines) is their group's title (行政诉讼 over
  // 总计 | 结果维持), not a column of its own.
  const spansColumns = (w: TextLine, below: TextLine[]) => {
    const under = below.filter((b) => Math.min(w.x1, b.x1) - Math.max(w.x0, b.x0) > 0.2 * sizeOf(w)).map(cx);
    return under.length >= 2 && Math.max(...under) - Math.min(...under) >= 0.4 * pitch;
  };
  const words = lines
    .flatMap((line, k) => line.filter((w) => !spansColumns(w, lines.slice(k + 1).flat())))
    .map(cx)
    .sort((a, b) => a - b);
  const columns: number[] = [];
  for (let i = 0; i < words.length;) {
    let j = i;
    while (j + 1 < words.length && words[j + 1] - words[i] < 0.4 * pitch) j++;
    columns.push(words.slice(i, j + 1).reduce((sum, x) => sum + x, 0) / (j - i + 1));
    i = j + 1;
  }
  return { columns, pitch };
}

/** How far the figures stand right of their header words (median over the columns paired in order). */
function headerShift(centres: number[], columns: number[]): number {
  const shifts = pairInOrder(centres, columns)
    .map(([f, h]) => centres[f] - columns[h])
    .sort((a, b) => a - b);
  return shifts[Math.floor(shifts.length / 2)];
}

/**
 * Where the header's words stand against the figures' columns: figures right-aligned in narrow cells stand
 * right of their centred header words, by up to half a column, so the bounds halfway between figure
 * columns would cut the words of neighbouring headers (自然人 | 商业企业) in two. The shift is measured where
 * every figure column has a header word over it.
 */
function wordShift(centres: number[], headerLines: TextLine[][], labelRight: number): number {
  if (centres.length < 2) return 0;
  const { columns, pitch } = headerWordColumns(centres, headerLines, labelRight);
  if (columns.length !== centres.length) return 0;
  const shift = headerShift(centres, columns);
  return Math.abs(shift) < pitch / 2 ? shift : 0;
}

/** Pairs every figure column with a distinct header column, both in order, at the least total distance. */
function pairInOrder(figures: number[], headers: number[]): [number, number][] {
  const n = figures.length;
  const m = headers.length;
  // cost[i][j]: figures 0..i-1 paired within headers 0..j-1.
  const cost = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, () => (i === 0 ? 0 : Infinity)));
  for (let i = 1; i <= n; i++)
    for (let j = i; j <= m; j++)
      cost[i][j] = Math.min(cost[i][j - 1], cost[i - 1][j - 1] + Math.abs(figures[i - 1] - headers[j - 1]));
  const out: [number, number][] = [];
  for (let i = n, j = m; i > 0; j--) {
    if (cost[i][j] === cost[i][j - 1] && j > i) continue;
    out.push([i - 1, j - 1]);
    i--;
  }
  return out.reverse();
}

/**
 * The column bounds of a ruled table right above the figures whose columns cover them (a header drawn with
 * borders over a body without): the bounds of its columns right of the row labels (a column whose figures
 * are all blank included), or null.
 */
function headerColumnsAbove(
  lattice: Table[],
  firstLine: VisualLine,
  valueLeft: number,
  labelRight: number,
  right: number,
  em: number,
): number[] | null {
  const top = Math.min(...firstLine.runs.map((r) => r.y0));
  const above = lattice.find(
    (t) => t.box.y1 <= top + 2 && top - t.box.y1 < 3 * em && t.box.x0 <= valueLeft + em && t.box.x1 >= right - em,
  );
  if (!above) return null;
  // A column holds figures when the figures reach into it (left-aligned ones stop short of its middle), or
  // when its middle is within an em of their right end.
  const cols = above.xs.slice(0, -1).flatMap((x, j) => {
    const mid = (x + above.xs[j + 1]) / 2;
    return x >= labelRight - 1 && (x < right - 1 || mid < right + em) ? [j] : [];
  });
  return cols.length ? above.xs.slice(cols[0], cols[cols.length - 1] + 2) : null;
}

/**
 * Where the first row begins: its label may start on lines above its figures (a label wrapped around figures
 * centred on it). A label line right above is taken when it starts a label (numbered) or leads to one.
 */
function firstRowStart(lines: VisualLine[], first: number, valueLeft: number): number {
  const labelOnly = (l: VisualLine) =>
    !l.values.length && l.runs.every((r) => r.x1 <= valueLeft + 1 || isWrappedDigits(r, valueLeft));
  const gapAbove = (k: number) =>
    Math.min(...lines[k + 1].runs.map((r) => r.y0)) - Math.max(...lines[k].runs.map((r) => r.y1));
  const close = (k: number) =>
    gapAbove(k) <= defaultStreamRowSettings.wrapGapEms * Math.max(...lines[k].runs.map(sizeOf));
  // The first lines of numbers wrapped in their cells.
  while (first > 0 && close(first - 1) && lines[first - 1].runs.every((r) => isWrappedDigits(r, valueLeft))) first--;
  const own = lines[first].runs.filter((r) => !lines[first].values.includes(r)).sort((a, b) => a.x0 - b.x0)[0];
  if (own && startsNumbered(own.text)) return first;
  for (let k = first - 1; k >= Math.max(0, first - 2); k--) {
    if (!labelOnly(lines[k]) || !close(k)) break;
    if (lines[k].runs.some((r) => startsNumbered(r.text))) return k;
  }
  return first;
}
