import { cellsStartingOn, colCount, rowCount, type Cell, type Table } from "../layout/table.js";
import { isValueText } from "../text/values.js";
import { UNREAD } from "../pdf/types.js";
import { ACTIVE_DISCLOSURE, APPLICATION_COLUMNS, REVIEW_COLUMNS } from "../template/templates.js";

/** The header text above one value column, with its horizontal extent (for continuation tables without header). */
export interface HeaderColumn {
  x0: number;
  x1: number;
  text: string;
}

/** One data row of a found table: its label cells and its value cells, with the header text of each value. */
export interface RowRecord {
  table: Table;
  row: number;
  /** Rightmost non-empty label cell: the row's own label. */
  leaf: string;
  /** Label cells further left or spanning several rows (三、本年度办理结果, （三）不予公开). */
  group: string;
  values: { cell: Cell; header: string }[];
  /** Text of header rows above this row's block, including full-width title rows (第二十条第（一）项). */
  context: string;
}

/** Text of two Chinese characters or more: a label or a header word, never a value. */
const HEADER_WORD = /[\u4e00-\u9fff].*[\u4e00-\u9fff]/u;
/** A row with this many times more words than figures is a header whose figures are misreadings. */
const MISREAD_HEADER_RATIO = 3;

/** Header blocks are at most this deep; rows further up are titles or prose caught in the grid. */
const MAX_HEADER_ROWS = 4;

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

const byCol = (a: Cell, b: Cell) => a.col - b.col;

function rowCells(table: Table, row: number): Cell[] {
  const out: Cell[] = [];
  for (const c of table.cells) if (c.row <= row && c.row + c.rowSpan > row) out.push(c);
  return out.sort(byCol);
}

/**
 * Rows holding at least one figure. A header row with one header word misread as a figure (OCR of a
 * vertical 总计 as 7) is no data row: its words outnumber its figures many times.
 */
function figureRows(table: Table): Set<number> {
  const ncols = colCount(table);
  const tally = new Map<number, { figures: number; words: number }>();
  for (const c of table.cells) {
    if ((c.col === 0 && ncols > 1) || c.colSpan >= Math.max(2, ncols)) continue;
    const t = tally.get(c.row) ?? { figures: 0, words: 0 };
    if (isValueText(c.text)) t.figures++;
    if (HEADER_WORD.test(c.text)) t.words++;
    tally.set(c.row, t);
  }
  return new Set(
    [...tally].filter(([, t]) => t.figures > 0 && t.words < MISREAD_HEADER_RATIO * t.figures).map(([r]) => r),
  );
}

/** The first value column: left of it, labels. */
function valueStartOf(table: Table, numberRows: Set<number>): number {
  const nrows = rowCount(table);
  const ncols = colCount(table);
  // Value columns start where most data rows have their first number (one misread label must not move it)
  // or a figure OCR could not read.
  const firstValueCols = new Map<number, number>();
  for (const r of [...numberRows].sort((a, b) => a - b)) {
    const first = table.cells.find(
      (c) =>
        c.row === r && c.colSpan < ncols && ((isValueText(c.text) && c.text.trim() !== "") || c.text.trim() === UNREAD),
    );
    if (first) firstValueCols.set(first.col, (firstValueCols.get(first.col) ?? 0) + 1);
  }
  // A ruled table printed without a single figure (every value blank) has rows of a label and empty cells:
  // its first column holds the labels.
  const labelOnlyRow = (r: number) => {
    const own = cellsStartingOn(table, r);
    return (
      own.some((c) => c.col === 0 && c.colSpan === 1 && c.text.trim() !== "") &&
      own.every((c) => c.col === 0 || c.text.trim() === "")
    );
  };
  const blankTable =
    table.strategy !== "stream" &&
    ncols > 1 &&
    Array.from({ length: nrows }, (_, r) => r).some((r) => r > 0 && labelOnlyRow(r));
  const byFigures = firstValueCols.size
    ? [...firstValueCols].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0]
    : blankTable
      ? 1
      : ncols;
  // No row has a label left of the figures (a review table whose first column is printed blank): every
  // column is a value column.
  const unlabelled = [...numberRows].every((r) =>
    rowCells(table, r).every((c) => c.col >= byFigures || c.text.trim() === ""),
  );
  return table.labelColumns ?? (numberRows.size && unlabelled && table.strategy !== "stream" ? 0 : byFigures);
}

/**
 * Whether a row is data: it has a figure, or it is a ruled row printed with a label and nothing in its value
 * cells (a row of blanks, not a header); so is a row of a borderless table below its first figures (above
 * them, label lines are its header).
 */
function dataRowTest(table: Table, numberRows: Set<number>, valueStart: number): (row: number) => boolean {
  const ncols = colCount(table);
  const firstNumberRow = Math.min(...numberRows);
  const isBlankRow = (r: number) => {
    if (table.strategy === "stream" && r < firstNumberRow) return false;
    const own = cellsStartingOn(table, r);
    const values = own.filter((c) => c.col >= valueStart);
    return (
      valueStart < ncols &&
      values.length > 0 &&
      values.every((c) => c.text.trim() === "" && c.rowSpan === 1) &&
      own.some((c) => c.col < valueStart && c.text.trim() !== "" && c.colSpan < ncols)
    );
  };
  return (r) => numberRows.has(r) || isBlankRow(r);
}

/** Each value cell with the header words above it (those over at least half of the narrower of the two). */
function underHeader(cells: Cell[], header: HeaderColumn[]): { cell: Cell; header: string }[] {
  return cells.map((cell) => {
    const best = header
      .map((h) => ({ h, o: overlap(h.x0, h.x1, cell.box.x0, cell.box.x1) }))
      .filter((x) => x.o > 0)
      .sort((a, b) => b.o - a.o);
    const text = best
      .filter((x) => x.o >= 0.5 * Math.min(x.h.x1 - x.h.x0, cell.box.x1 - cell.box.x0))
      .map((x) => x.h.text)
      .join(" ");
    return { cell, header: text };
  });
}

/**
 * Splits each table into data rows (rows holding at least one number) and the header rows above them,
 * and gives every value cell the header text above its column. A table that starts with data and has the
 * same columns as the previous table (a continuation on the next page) borrows that table's header.
 */
export function tableRows(tables: Table[]): RowRecord[] {
  const out: RowRecord[] = [];
  let previousHeader: HeaderColumn[] = [];
  let previousContext = "";
  for (const table of tables) {
    const numberRows = figureRows(table);
    const valueStart = valueStartOf(table, numberRows);
    const isData = dataRowTest(table, numberRows, valueStart);
    let header: HeaderColumn[] = [];
    let inherited = false;
    let headerRows: number[] = [];
    let context = previousContext;
    let seenHeader = false;
    for (let r = 0; r < rowCount(table); r++) {
      // A row whose every cell spans down from the row above (a rule stub cut that row in two) is part of it.
      if (!table.cells.some((c) => c.row === r)) continue;
      if (!isData(r)) {
        if (!seenHeader || (r > 0 && isData(r - 1))) headerRows = [];
        headerRows.push(r);
        if (headerRows.length > MAX_HEADER_ROWS) headerRows.shift();
        seenHeader = true;
        continue;
      }
      if (headerRows.length) {
        header = withPreviousHeader(headerColumns(table, headerRows, valueStart), previousHeader);
        inherited = false;
        context = contextOf(table, headerRows);
        headerRows = [];
      } else if (!header.length) {
        header = previousHeader;
        inherited = true;
      }
      const cells = rowCells(table, r);
      const labels = cells.filter((c) => c.col < valueStart && c.text.trim() !== "");
      const leafCell = [...labels].reverse().find((c) => c.row === r || c.rowSpan === 1) ?? labels[labels.length - 1];
      const own = cells.filter((c) => c.row === r && c.col >= valueStart);
      // A continuation with as many value columns as the header it borrows takes it column by column: its
      // x positions may differ a little (another page's margins, a scan's skew).
      const values =
        inherited && own.length === header.length
          ? own.map((cell, k) => ({ cell, header: header[k].text }))
          : underHeader(own, header);
      out.push(record(table, r, labels, leafCell, values, context));
    }
    // A table that ends in header rows (its data continues on the next page) hands that header on.
    if (headerRows.length) {
      header = headerColumns(table, headerRows, valueStart < colCount(table) ? valueStart : 0);
      context = contextOf(table, headerRows);
    }
    if (header.length) previousHeader = header;
    previousContext = context;
  }
  return out;
}

const COLUMN_KEYS = [
  ...APPLICATION_COLUMNS,
  ...REVIEW_COLUMNS,
  ...Object.values(ACTIVE_DISCLOSURE).flatMap((gs) => gs.flatMap((g) => g.columns)),
].flatMap((c) => c.keys);

/** Whether a header text names a column of the template. */
const namesColumn = (text: string) => COLUMN_KEYS.some((k) => text.includes(k));

/**
 * A header cut by a page break leaves a few words above the continuation ("组织", "机构"): where most of a
 * header's columns have no words, each column also takes the words of the previous header's column in the
 * same place counted from the right (value columns end a table; a header-only table may count its label column).
 */
function withPreviousHeader(header: HeaderColumn[], previous: HeaderColumn[]): HeaderColumn[] {
  const worded = header.filter((h) => HEADER_WORD.test(h.text)).length;
  // Words that name no column of the template (a running header above a continuation) are no header either.
  const names = (cols: HeaderColumn[]) => cols.some((h) => namesColumn(h.text));
  if (previous.length < header.length || (worded * 2 > header.length && (names(header) || !names(previous))))
    return header;
  const shift = previous.length - header.length;
  return header.map((h, k) => ({ ...h, text: `${previous[k + shift].text} ${h.text}`.trim() }));
}

function record(
  table: Table,
  row: number,
  labels: Cell[],
  leafCell: Cell | undefined,
  values: RowRecord["values"],
  context: string,
): RowRecord {
  return {
    table,
    row,
    leaf: leafCell?.text ?? "",
    group: labels
      .filter((c) => c !== leafCell)
      .map((c) => c.text)
      .join(" "),
    values,
    context,
  };
}

function contextOf(table: Table, rows: number[]): string {
  return rows
    .flatMap((hr) => cellsStartingOn(table, hr))
    .map((c) => c.text)
    .join(" ");
}

/** Header text of each atomic value column, top to bottom (a title spanning a narrow table is part of it). */
function headerColumns(table: Table, rows: number[], valueStart: number): HeaderColumn[] {
  const ncols = colCount(table);
  const cols: HeaderColumn[] = [];
  for (let j = valueStart; j < ncols; j++) {
    const parts = table.cells
      .filter((c) => rows.includes(c.row) && c.col <= j && c.col + c.colSpan > j)
      .sort((a, b) => a.row - b.row)
      .map((c) => c.text);
    cols.push({ x0: table.xs[j], x1: table.xs[j + 1], text: parts.join(" ") });
  }
  return cols;
}
