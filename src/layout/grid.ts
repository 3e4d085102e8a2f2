/**
 * Tables a document states itself (a web page's <table>, a Word table): spans expanded onto the same atomic
 * grid the ruled-table finder builds from lines, so every later stage reads them alike. Coordinates are grid
 * units (a column is GRID_UNIT wide, a row GRID_UNIT high): there is no page, only the table's own structure.
 */
import type { Cell, Table } from "./table.js";

/** One cell of a source table, spans not expanded. */
export interface GridCell {
  text: string;
  rowSpan: number;
  colSpan: number;
}

const GRID_UNIT = 10;

/** Places the rows of cells on a grid, each cell in the first column its row leaves free (as browsers do). */
export function gridTable(rows: GridCell[][], source: number): Table {
  const taken = new Set<string>();
  const cells: Cell[] = [];
  let ncols = 0;
  rows.forEach((row, r) => {
    let c = 0;
    for (const src of row) {
      while (taken.has(`${r}/${c}`)) c++;
      const rowSpan = Math.max(1, Math.min(src.rowSpan, rows.length - r));
      const colSpan = Math.max(1, src.colSpan);
      for (let i = 0; i < rowSpan; i++) for (let j = 0; j < colSpan; j++) taken.add(`${r + i}/${c + j}`);
      cells.push({
        row: r,
        col: c,
        rowSpan,
        colSpan,
        text: src.text,
        glyphs: [],
        box: { x0: c * GRID_UNIT, x1: (c + colSpan) * GRID_UNIT, y0: r * GRID_UNIT, y1: (r + rowSpan) * GRID_UNIT },
      });
      c += colSpan;
      ncols = Math.max(ncols, c);
    }
  });
  const nrows = rows.length;
  const xs = Array.from({ length: ncols + 1 }, (_, k) => k * GRID_UNIT);
  const ys = Array.from({ length: nrows + 1 }, (_, k) => k * GRID_UNIT);
  return {
    page: 0,
    strategy: "grid",
    box: { x0: 0, y0: 0, x1: ncols * GRID_UNIT, y1: nrows * GRID_UNIT },
    xs,
    ys,
    cells,
    source,
  };
}
