import type { Segment } from "../pdf/types.js";
import { rowLabel, type ReadBlock } from "./stacks.js";

/**
 * The grid of a borderless (three-line) table, rebuilt from its read text blocks so the lattice stage can
 * read it like a ruled one: a row for each row label with figures to its right, a column for each run of
 * figures standing one under another, a header row for the text between the table's top and its first row.
 */

export interface GridSettings {
  /** Space (points) left between a grid line and the text it passes. */
  pad: number;
  /** A column of figures found in fewer rows than this is a stray reading, not a column. */
  minColumnRows: number;
  /** Figures read with less confidence than this do not shape the grid. */
  minConfidence: number;
  /** Without a rule above it, a header is looked for this many points above the first row at most. */
  maxHeaderHeight: number;
  /** A line of at least this many figures with nothing left of it is a row without a label (the review table's 15). */
  minBareRowValues: number;
}

export const defaultGridSettings: GridSettings = {
  pad: 1,
  minColumnRows: 2,
  minConfidence: 50,
  maxHeaderHeight: 60,
  minBareRowValues: 5,
};

/** A horizontal rule of the page (y, and its extent along x), in points. */
export interface Rule {
  y: number;
  x0: number;
  x1: number;
}

export interface Grid {
  xs: number[];
  ys: number[];
  /** The blocks read as the table's values. */
  values: ReadBlock[];
}

interface Row {
  /** Null for a bare row: figures under a header with no row label (the review table). */
  label: ReadBlock | null;
  values: ReadBlock[];
  y0: number;
  y1: number;
}

/** Value columns: x-extents of values that overlap, merged; one interval per column, left to right. */
function columns(values: ReadBlock[]): { x0: number; x1: number; rows: Set<Row> }[] {
  return values
    .map((v) => ({ x0: v.box.x0, x1: v.box.x1 }))
    .sort((a, b) => a.x0 - b.x0)
    .reduce<{ x0: number; x1: number; rows: Set<Row> }[]>((cols, v) => {
      const last = cols[cols.length - 1];
      if (last && v.x0 < last.x1) last.x1 = Math.max(last.x1, v.x1);
      else cols.push({ ...v, rows: new Set() });
      return cols;
    }, []);
}

/** Figures read with confidence, and blank marks: what makes rows. */
function sureValues(blocks: ReadBlock[], s: GridSettings): ReadBlock[] {
  return blocks.filter((b) => b.kind === "mark" || (b.kind === "figure" && b.confidence >= s.minConfidence));
}

const overlapsY = (a: ReadBlock, b: ReadBlock) => Math.min(a.box.y1, b.box.y1) > Math.max(a.box.y0, b.box.y0);

/**
 * Rows without a label: lines of figures side by side with no label beside them (a lone character is likelier
 * a misread figure; a label's bracket may read as a dash left of it). The nearest label above (a header word) must not
 * claim their figures. Doubtful and unread
 * blocks on the line are its cells too: they keep their columns apart.
 */
function bareRows(blocks: ReadBlock[], values: ReadBlock[], s: GridSettings): Row[] {
  const lines: ReadBlock[][] = [];
  for (const v of [...values].sort((a, b) => a.box.y0 - b.box.y0)) {
    const line = lines.find((l) => l.some((u) => overlapsY(u, v)));
    if (line) line.push(v);
    else lines.push([v]);
  }
  return lines
    .filter((l) => l.length >= s.minBareRowValues)
    .filter((l) => !blocks.some((b) => b.kind === "label" && l.some((v) => overlapsY(v, b))))
    .filter((l) => !wrappedAround(l, blocks))
    .map((l) => {
      const y0 = Math.min(...l.map((v) => v.box.y0));
      const y1 = Math.max(...l.map((v) => v.box.y1));
      const onLine = blocks.filter((b) => (b.box.y0 + b.box.y1) / 2 >= y0 && (b.box.y0 + b.box.y1) / 2 <= y1);
      return { label: null, values: onLine, y0: 0, y1: 0 };
    });
}

/**
 * Whether a line of figures stands between the lines of a wrapped label left of it (a label line ends less
 * than a line height above it and another starts less than a line height below): that label's row.
 */
function wrappedAround(line: ReadBlock[], blocks: ReadBlock[]): boolean {
  const x0 = Math.min(...line.map((v) => v.box.x0));
  const y0 = Math.min(...line.map((v) => v.box.y0));
  const y1 = Math.max(...line.map((v) => v.box.y1));
  const near = y1 - y0;
  // The last line of a label may be one character (卷), which reads as no label on its own.
  const left = blocks.filter((b) => (b.kind === "label" || b.kind === "other") && b.box.x1 <= x0);
  return (
    left.some((b) => b.box.y1 <= y0 + near / 2 && y0 - b.box.y1 < near) &&
    left.some((b) => b.box.y0 >= y1 - near / 2 && b.box.y0 - y1 < near)
  );
}

/** Words, not figures or blank marks: a figure on no row's line does not part two tables. */
const isText = (b: ReadBlock) => b.kind === "label" || b.kind === "other";

/** The blocks of a row: its label and values. */
const span = (r: Row) => [...(r.label ? [r.label] : []), ...r.values];

function assignRows(values: ReadBlock[], labels: ReadBlock[]): Row[] {
  const byLabel = new Map<ReadBlock, ReadBlock[]>();
  for (const v of values) {
    const label = rowLabel(v.box, labels);
    if (label) byLabel.set(label, [...(byLabel.get(label) ?? []), v]);
  }
  const rows = joinRowsOnOneLine([...byLabel].map(([label, vs]) => ({ label, values: vs, y0: 0, y1: 0 })));
  const heading = new Set(rows.map((r) => r.label));
  return rows.map((r) =>
    claimWrappedLine(
      r,
      labels.filter((l) => !heading.has(l)),
    ),
  );
}

/**
 * A row whose figures stand beside the gap above its label (or below it), not beside its line: the label is
 * the last (or first) line of one wrapped around its figures, whose other line was not joined to it (a
 * centred label starts its lines apart) and heads no row. That line, the next one across the gap, joins it.
 */
function claimWrappedLine(r: Row, free: ReadBlock[]): Row {
  const l = r.label!.box;
  const cy = r.values.reduce((sum, v) => sum + (v.box.y0 + v.box.y1) / 2, 0) / r.values.length;
  const x0 = Math.min(...r.values.map((v) => v.box.x0));
  const line = free.find(
    (u) =>
      u.box.x1 <= x0 &&
      Math.min(u.box.x1, l.x1) > Math.max(u.box.x0, l.x0) &&
      ((cy < l.y0 && u.box.y1 <= cy && l.y0 - u.box.y1 < r.label!.lineHeight) ||
        (cy > l.y1 && u.box.y0 >= cy && u.box.y0 - l.y1 < r.label!.lineHeight)),
  );
  if (!line) return r;
  const [a, b] = line.box.y0 < l.y0 ? [line, r.label!] : [r.label!, line];
  return { ...r, label: joinedLabel(a, b) };
}

/** Two figures stand on one line when they overlap by more than half the height of the shorter. */
const sameLine = (a: ReadBlock, b: ReadBlock) =>
  Math.min(a.box.y1, b.box.y1) - Math.max(a.box.y0, b.box.y0) > Math.min(a.box.y1 - a.box.y0, b.box.y1 - b.box.y0) / 2;

/**
 * Figures on one line are one row's. A label wrapped onto two lines whose numbering OCR lost (or which is
 * centred, so its lines start apart) stays two labels, and the figures centred between them go to the nearer
 * line each: the two labels then head one row, their lines joined top to bottom.
 */
function joinRowsOnOneLine(rows: Row[]): Row[] {
  const out: Row[] = [];
  for (const r of [...rows].sort((a, b) => a.label!.box.y0 - b.label!.box.y0)) {
    const into = out.find((o) => o.values.some((v) => r.values.some((w) => sameLine(v, w))));
    if (!into) {
      out.push(r);
      continue;
    }
    into.label = joinedLabel(into.label!, r.label!);
    into.values.push(...r.values);
  }
  return out;
}

/** One label of two lines, top line first. */
const joinedLabel = (a: ReadBlock, b: ReadBlock): ReadBlock => ({
  box: {
    x0: Math.min(a.box.x0, b.box.x0),
    y0: Math.min(a.box.y0, b.box.y0),
    x1: Math.max(a.box.x1, b.box.x1),
    y1: Math.max(a.box.y1, b.box.y1),
  },
  text: a.text + b.text,
  confidence: Math.min(a.confidence, b.confidence),
  kind: "label",
  lineHeight: a.lineHeight,
});

/** Figures this many lines above or below a label stand beside it (its row, the rows next to it). */
const NEAR_LINES = 3;

/**
 * The labels of the label column: those left of the value columns. A figure misread as Chinese lies in a
 * value column, and a bracket of a label misread as a figure in no column of several rows: the value columns
 * are the columns of figures in several rows that start right of most row labels.
 */
export function rowLabels(blocks: ReadBlock[], s: GridSettings = defaultGridSettings): ReadBlock[] {
  const labels = blocks.filter((b) => b.kind === "label");
  const values = sureValues(blocks, s);
  const bare = new Set(bareRows(blocks, values, s).flatMap((r) => r.values));
  const rows = assignRows(
    values.filter((v) => !bare.has(v)),
    labels,
  );
  if (!rows.length) return [];
  const rights = rows.map((r) => r.label!.box.x1).sort((a, b) => a - b);
  const typical = rights[Math.floor(rights.length / 2)];
  const cols = columns(rows.flatMap((r) => r.values));
  for (const r of rows) for (const v of r.values) cols.find((c) => v.box.x0 < c.x1 && v.box.x1 > c.x0)?.rows.add(r);
  const valueCols = cols
    .filter((c) => c.rows.size >= s.minColumnRows && c.x0 >= typical)
    .map((c) => ({
      x0: c.x0,
      values: [...c.rows].flatMap((r) => r.values.filter((v) => v.box.x0 < c.x1 && v.box.x1 > c.x0)),
    }));
  const valueLeft = Math.min(...valueCols.map((c) => c.x0));
  // A label is measured against the columns with figures near it (its table's): another table of the page may
  // start its figures further left than this one's labels end. Labels far from any figure (header words,
  // titles) against all columns.
  return labels.filter((l) => {
    const cy = (l.box.y0 + l.box.y1) / 2;
    const near = (v: ReadBlock) => Math.abs((v.box.y0 + v.box.y1) / 2 - cy) <= NEAR_LINES * l.lineHeight;
    const beside = valueCols.filter((c) => c.values.some(near));
    return l.box.x1 <= (beside.length ? Math.min(...beside.map((c) => c.x0)) : valueLeft);
  });
}

/**
 * Grids of the borderless tables among `blocks` (points). Values are the blocks that are not labels; each
 * goes to the row of its row label. Consecutive rows form one table unless text reaching into the value
 * columns (a title, a new header) lies between them.
 */
export function virtualGrids(blocks: ReadBlock[], rules: Rule[], s: GridSettings = defaultGridSettings): Grid[] {
  const labels = rowLabels(blocks, s);
  const values = sureValues(blocks, s);
  const bare = bareRows(blocks, values, s);
  const inBare = new Set(bare.flatMap((r) => r.values));
  // Values stand right of the label column: right of the labels near them (another table of the page may have
  // a wider label column).
  const valueLeft = Math.max(...labels.map((l) => l.box.x1));
  const rightOfLabels = (v: ReadBlock) => {
    const cy = (v.box.y0 + v.box.y1) / 2;
    const near = labels.filter((l) => Math.abs((l.box.y0 + l.box.y1) / 2 - cy) <= NEAR_LINES * v.lineHeight);
    return v.box.x0 >= (near.length ? Math.max(...near.map((l) => l.box.x1)) : valueLeft);
  };
  let rows = assignRows(
    values.filter((v) => rightOfLabels(v) && !inBare.has(v)),
    labels,
  );
  // A doubtful figure makes no row (a header character read as a digit) but joins the row of its label
  // when it lies on that row.
  const spans = new Map(
    rows.map((r) => [
      r,
      { y0: Math.min(...span(r).map((b) => b.box.y0)), y1: Math.max(...span(r).map((b) => b.box.y1)) },
    ]),
  );
  for (const v of blocks.filter((b) => b.kind === "figure" && b.confidence < s.minConfidence && rightOfLabels(b))) {
    const label = rowLabel(v.box, labels);
    const row = rows.find((r) => r.label === label);
    const cy = (v.box.y0 + v.box.y1) / 2;
    if (row && cy >= spans.get(row)!.y0 && cy <= spans.get(row)!.y1) row.values.push(v);
  }
  const cols = columns(rows.flatMap((r) => r.values));
  for (const r of rows) for (const v of r.values) cols.find((c) => v.box.x0 < c.x1 && v.box.x1 > c.x0)?.rows.add(r);
  // A column of few figures is kept when a header word stands over it (a sub-table of one row); a header
  // stacked a character a line in a narrow column (本/年/制/发) is lone characters.
  const headed = (c: { x0: number; x1: number; rows: Set<Row> }) => {
    const top = Math.min(
      ...[...c.rows].flatMap((r) => r.values.filter((v) => v.box.x0 < c.x1 && v.box.x1 > c.x0).map((v) => v.box.y0)),
    );
    return blocks.some(
      (b) => isText(b) && b.box.x0 < c.x1 && b.box.x1 > c.x0 && b.box.y1 <= top && top - b.box.y1 <= s.maxHeaderHeight,
    );
  };
  const weak = cols.filter((c) => c.rows.size < s.minColumnRows && !headed(c));
  rows = rows
    .map((r) => ({ ...r, values: r.values.filter((v) => !weak.some((c) => v.box.x0 < c.x1 && v.box.x1 > c.x0)) }))
    .filter((r) => r.values.length > 0);
  const measured = (r: Row) => ({
    ...r,
    y0: Math.min(...span(r).map((b) => b.box.y0)),
    y1: Math.max(...span(r).map((b) => b.box.y1)),
  });
  rows = rows.map(measured).sort((a, b) => a.y0 - b.y0);

  const used = new Set([...rows, ...bare].flatMap(span));
  const loose = blocks.filter((b) => !used.has(b));
  const labelled: Row[][] = [];
  for (const r of rows) {
    const t = labelled[labelled.length - 1];
    if (t) {
      const prev = t[t.length - 1];
      const valueLeft = Math.min(...t.flatMap((x) => x.values.map((v) => v.box.x0)), ...r.values.map((v) => v.box.x0));
      const between = loose.filter((b) => isText(b) && b.box.y0 >= prev.y1 && b.box.y1 <= r.y0 && b.box.x1 > valueLeft);
      if (!between.length) {
        t.push(r);
        continue;
      }
    }
    labelled.push([r]);
  }
  // Rows of blank marks alone are no table: a header's character misread as a dash does not make one.
  const tables = labelled.filter((t) => t.some((r) => r.values.some((v) => v.kind === "figure")));
  // A bare row between the rows of a table is one of its rows whose label OCR could not read as one (总 计
  // spaced into lone characters: they stay in its label cell); elsewhere it is a table of its own (the review
  // table's figures).
  for (const r of bare.map(measured)) {
    const into = tables.find((t) => t[0].y1 < r.y0 && t[t.length - 1].y0 > r.y1);
    const values = r.values.filter(rightOfLabels);
    if (into)
      into.splice(
        into.findIndex((x) => x.y0 > r.y1),
        0,
        { ...r, values },
      );
    else tables.push([r]);
  }
  tables.sort((a, b) => a[0].y0 - b[0].y0);
  const grids = tables.map((t) => {
    const above = tables.map((u) => u[u.length - 1].y1).filter((y) => y <= t[0].y0);
    return gridOf(t, above.length ? Math.max(...above) : null, blocks, rules, s);
  });
  const bottom = Math.max(-Infinity, ...grids.map((g) => g.ys[g.ys.length - 1]));
  const header = trailingHeader(
    blocks.filter((b) => b.box.y0 > bottom),
    rules.filter((r) => r.y > bottom),
    s,
  );
  return header ? [...grids, header] : grids;
}

/** A header has words over this many columns at least. */
const MIN_HEADER_COLUMNS = 3;

/**
 * A table's header left at the foot of a page, its rows on the next: words under a table-wide rule below
 * every table, over three columns or more, without figures. Its grid is one row, a cell per column of words
 * (the header hands its columns on to the rows that continue it). Columns are where words stand one above
 * another; a word over several (申请人情况) is a group heading and makes none.
 */
export function trailingHeader(blocks: ReadBlock[], rules: Rule[], s: GridSettings = defaultGridSettings): Grid | null {
  for (const rule of [...rules].sort((a, b) => a.y - b.y)) {
    const under = rules.filter((r) => r.y > rule.y + s.maxHeaderHeight / 4).map((r) => r.y);
    const floor = Math.min(rule.y + s.maxHeaderHeight * 1.5, ...under);
    const words = blocks.filter(
      (b) => b.box.y0 >= rule.y && b.box.y1 <= floor && b.box.x0 >= rule.x0 - s.pad && b.box.x1 <= rule.x1 + s.pad,
    );
    if (words.some((b) => b.kind === "figure" && b.confidence >= s.minConfidence)) continue;
    const cols = wordColumns(words);
    if (cols.length < MIN_HEADER_COLUMNS) continue;
    const xs = [cols[0].x0 - s.pad];
    for (let c = 1; c < cols.length; c++) xs.push((cols[c - 1].x1 + cols[c].x0) / 2);
    xs.push(cols[cols.length - 1].x1 + s.pad);
    const y0 = Math.min(...words.map((b) => b.box.y0)) - s.pad;
    const y1 = Math.max(...words.map((b) => b.box.y1)) + s.pad;
    return { xs, ys: [y0, y1], values: [] };
  }
  return null;
}

/**
 * The columns of header words, left to right, narrow words first: a word joins the column it mostly shares
 * (the lines of a stacked word); one reaching well beyond a column is a group heading over several, and
 * makes none.
 */
function wordColumns(words: ReadBlock[]): { x0: number; x1: number }[] {
  const cols: { x0: number; x1: number }[] = [];
  for (const w of [...words].sort((a, b) => a.box.x1 - a.box.x0 - (b.box.x1 - b.box.x0))) {
    const over = cols.filter((c) => c.x0 < w.box.x1 && c.x1 > w.box.x0);
    if (!over.length) {
      cols.push({ x0: w.box.x0, x1: w.box.x1 });
      continue;
    }
    const c = over[0];
    const shared = Math.min(c.x1, w.box.x1) - Math.max(c.x0, w.box.x0);
    if (over.length > 1 || shared * 2 < Math.max(c.x1 - c.x0, w.box.x1 - w.box.x0)) continue;
    c.x0 = Math.min(c.x0, w.box.x0);
    c.x1 = Math.max(c.x1, w.box.x1);
  }
  return cols.sort((a, b) => a.x0 - b.x0);
}

/** The grid of one table's rows, with a header row above them when text lies there. */
function gridOf(rows: Row[], previousBottom: number | null, blocks: ReadBlock[], rules: Rule[], s: GridSettings): Grid {
  const values = rows.flatMap((r) => r.values);
  const cols = columns(values);
  // Two values of one row in one column: it is two columns (their figures stand close).
  for (const r of rows) {
    const sorted = [...r.values].sort((a, b) => a.box.x0 - b.box.x0);
    for (let k = 1; k < sorted.length; k++) {
      const a = sorted[k - 1].box;
      const b = sorted[k].box;
      const c = cols.findIndex((col) => a.x0 >= col.x0 && b.x1 <= col.x1);
      if (c >= 0 && a.x1 <= b.x0) cols.splice(c, 1, { ...cols[c], x1: a.x1 }, { ...cols[c], x0: b.x0 });
    }
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  const labels = rows.flatMap((r) => (r.label ? [r.label] : []));
  // Group labels (三、本年度办理结果) stand left of the row labels, beside the rows. A bare row's header
  // may reach left of its first figures by about a column gap.
  const labelLeft = labels.length
    ? Math.min(
        ...blocks
          .filter((b) => b.box.x1 < cols[0].x0 && b.box.y0 >= first.y0 && b.box.y1 <= last.y1)
          .map((b) => b.box.x0),
      ) - s.pad
    : -Infinity;

  const ys: number[] = [];
  // The header: up to the rule that opens the table (three-line tables have one above the header and one
  // under it), or the previous table, or a bounded distance.
  const spanning = rules
    // A skewed scan shortens a rule by a few points: reaching into the last column is spanning.
    .filter((r) => r.y < first.y0 && r.x0 <= cols[0].x0 && r.x1 >= cols[cols.length - 1].x0)
    .map((r) => r.y)
    .sort((a, b) => b - a);
  // A row label alone between that rule and the first figures is a row left blank, not a header.
  const underHeader =
    spanning.length && !blocks.some((b) => b.box.y0 >= spanning[0] && b.box.y1 <= first.y0 && b.box.x1 > cols[0].x0);
  const ceiling = Math.max(
    previousBottom ?? -Infinity,
    (underHeader ? spanning[1] : spanning[0]) ?? first.y0 - s.maxHeaderHeight,
  );
  const band = blocks.filter((b) => b.box.y0 >= ceiling && b.box.y1 <= first.y0 && b.box.x1 > labelLeft);
  // Without row labels, the first column may be blank too.
  for (const c of blankColumns(cols, band.filter(isText), !labels.length))
    cols.splice(cols.filter((d) => d.x0 < c.x0).length, 0, { ...c, rows: new Set() });
  const left = labels.length ? labelLeft : cols[0].x0 - (cols.length > 1 ? cols[1].x0 - cols[0].x1 : 0);
  const right = cols[cols.length - 1].x1 + s.pad;
  const header = band.filter((b) => b.box.x1 > left && b.box.x0 < right);

  // Column boundaries pass between the header words where they can: a header wider than its figures
  // (本年新制作数量 over 16) stays whole in its column. Words over several columns (行政复议) are group
  // headings, which boundaries cross.
  const ownWords = header.filter((b) => cols.filter((c) => c.x0 < b.box.x1 && c.x1 > b.box.x0).length <= 1);
  const boundary = (lo: number, hi: number, want: number) => {
    const inWord = (x: number) => ownWords.some((b) => x > b.box.x0 && x < b.box.x1);
    if (!inWord(want)) return want;
    const edges = ownWords
      .flatMap((b) => [b.box.x0 - s.pad, b.box.x1 + s.pad])
      .filter((x) => x > lo && x < hi && !inWord(x));
    return edges.sort((a, b) => Math.abs(a - want) - Math.abs(b - want))[0] ?? want;
  };
  const xs = labels.length
    ? [left, boundary(Math.max(...labels.map((l) => l.box.x1)), cols[0].x0, cols[0].x0 - s.pad)]
    : [Math.min(cols[0].x0, ...ownWords.filter((b) => b.box.x0 < cols[0].x1).map((b) => b.box.x0)) - s.pad];
  for (let c = 1; c < cols.length; c++)
    xs.push(boundary(cols[c - 1].x1, cols[c].x0, (cols[c - 1].x1 + cols[c].x0) / 2));
  xs.push(right);
  if (header.length) ys.push(Math.min(...header.map((b) => b.box.y0)) - s.pad);
  ys.push(first.y0 - s.pad);
  for (let r = 1; r < rows.length; r++) ys.push((rows[r - 1].y1 + rows[r].y0) / 2);
  ys.push(last.y1 + s.pad);
  return { xs, ys: [...new Set(ys)].sort((a, b) => a - b), values };
}

/** A blank column after the last value column (or before the first) stands this many pitches from its neighbour. */
const OUTER_PITCHES = [0.5, 1.5];

/**
 * Columns blank in every row, which no figure makes: columns of header words (尚未 over 审结) between two value
 * columns, over none of them, as many as the columns missing there (the two stand that many column pitches
 * too far apart), and after the last one. Of more word columns than that, those nearest a value column are its
 * header (figures set right in their cells stand right of their words).
 */
export function blankColumns(
  cols: { x0: number; x1: number }[],
  header: ReadBlock[],
  leading = false,
): { x0: number; x1: number }[] {
  if (cols.length < 3) return [];
  const centre = (c: { x0: number; x1: number }) => (c.x0 + c.x1) / 2;
  const pitches = cols
    .slice(1)
    .map((c, k) => centre(c) - centre(cols[k]))
    .sort((a, b) => a - b);
  const pitch = pitches[Math.floor(pitches.length / 2)];
  const words = wordColumns(header);
  const between = cols.slice(1).flatMap((right, k) => {
    const left = cols[k];
    const missing = Math.round((centre(right) - centre(left)) / pitch) - 1;
    if (missing < 1) return [];
    const apart = (w: { x0: number; x1: number }) => Math.min(centre(w) - centre(left), centre(right) - centre(w));
    return words
      .filter((w) => w.x0 >= left.x1 && w.x1 <= right.x0)
      .sort((a, b) => apart(b) - apart(a))
      .slice(0, missing)
      .sort((a, b) => a.x0 - b.x0);
  });
  // Beyond the last value column (and, with `leading`, before the first), a column of words about a pitch on
  // from the one before is blank too (总计, 结果维持 left empty).
  const outward = (candidates: { x0: number; x1: number }[], from: { x0: number; x1: number }) => {
    const out: { x0: number; x1: number }[] = [];
    for (const w of candidates) {
      const step = Math.abs(centre(w) - centre(out[out.length - 1] ?? from));
      if (step < OUTER_PITCHES[0] * pitch || step > OUTER_PITCHES[1] * pitch) break;
      out.push(w);
    }
    return out;
  };
  const last = cols[cols.length - 1];
  const trailing = outward(
    words.filter((w) => w.x0 >= last.x1).sort((a, b) => a.x0 - b.x0),
    last,
  );
  const before = leading
    ? outward(
        words.filter((w) => w.x1 <= cols[0].x0).sort((a, b) => b.x1 - a.x1),
        cols[0],
      )
    : [];
  return [...before.reverse(), ...between, ...trailing];
}

/** The ruling lines of a grid: every row and column boundary across the whole grid. */
export function gridSegments(g: Pick<Grid, "xs" | "ys">): Segment[] {
  const x0 = g.xs[0];
  const x1 = g.xs[g.xs.length - 1];
  const y0 = g.ys[0];
  const y1 = g.ys[g.ys.length - 1];
  return [...g.ys.map((y) => ({ x0, y0: y, x1, y1: y })), ...g.xs.map((x) => ({ x0: x, y0, x1: x, y1 }))];
}

/**
 * Whether a block stands among a grid's figures: one of its values, or in a value column on a line with its
 * figures (a lone character there is a misread figure, not a header's).
 */
export function amongFigures(b: ReadBlock, g: Grid): boolean {
  if (g.values.includes(b)) return true;
  const cx = (b.box.x0 + b.box.x1) / 2;
  if (g.xs.length < 3 || cx < g.xs[1] || cx > g.xs[g.xs.length - 1]) return false;
  return g.values.some((v) => v.kind === "figure" && Math.min(v.box.y1, b.box.y1) > Math.max(v.box.y0, b.box.y0));
}
