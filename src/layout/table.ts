import type { Box, Glyph } from "../pdf/types.js";

/** One (possibly merged) cell of a found table, in atomic grid units. */
export interface Cell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  box: Box;
  text: string;
  glyphs: Glyph[];
}

/** How a table was read: from its ruling lines, from the alignment of its text, or from the document's own table. */
export type TableStrategy = "lattice" | "stream" | "grid";

export interface Table {
  page: number;
  strategy: TableStrategy;
  box: Box;
  /** Atomic row boundaries (top to bottom) and column boundaries (left to right). */
  ys: number[];
  xs: number[];
  cells: Cell[];
  /** Columns that hold row labels, when the finder knows (a borderless table's label columns); the rest hold values. */
  labelColumns?: number;
  /** For a document's own table (strategy grid): which of its tables, counted from 0. */
  source?: number;
  /** For a table read by OCR from a picture in a web page or Word file: the picture's name (src). */
  picture?: string;
}

export const rowCount = (t: Table) => t.ys.length - 1;

/**
 * The cells that start on a row. (A plain loop, as the other helpers of this hot path: V8 keeps the compiled
 * code of a callback made anew at each call only until the next full collection, and compiles it again.)
 */
export function cellsStartingOn(t: Table, row: number): Cell[] {
  const out: Cell[] = [];
  for (const c of t.cells) if (c.row === row) out.push(c);
  return out;
}
export const colCount = (t: Table) => t.xs.length - 1;
