import type { Cell, Table } from "../src/layout/table.js";

/** A ruled table from rows of cell texts, one atomic cell each (10 × 10 points). */
export function grid(rows: string[][]): Table {
  const ncols = Math.max(...rows.map((r) => r.length));
  const cells: Cell[] = rows.flatMap((texts, row) =>
    texts.map((text, col) => ({
      row,
      col,
      rowSpan: 1,
      colSpan: 1,
      text,
      glyphs: [],
      box: { x0: col * 10, y0: row * 10, x1: col * 10 + 10, y1: row * 10 + 10 },
    })),
  );
  return {
    page: 1,
    strategy: "lattice",
    box: { x0: 0, y0: 0, x1: ncols * 10, y1: rows.length * 10 },
    xs: Array.from({ length: ncols + 1 }, (_, k) => k * 10),
    ys: Array.from({ length: rows.length + 1 }, (_, k) => k * 10),
    cells,
  };
}
