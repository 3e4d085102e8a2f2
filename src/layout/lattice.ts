import type { Box, Glyph } from "../pdf/types.js";
import { snapValues, type Ruling } from "./rulings.js";
import type { Cell, Table } from "./table.js";
import { anchor, blockText, toLines } from "./text.js";

// Made once (a callback made anew per call is compiled again after every full collection).
const byRowThenCol = (a: Cell, b: Cell) => a.row - b.row || a.col - b.col;

export interface LatticeSettings {
  /** A horizontal and a vertical line this close to crossing are taken to meet. */
  intersectTolerance: number;
  /** Grid coordinates closer than this are one boundary. */
  snapTolerance: number;
  /** A border between two grid cells counts as drawn when a line covers this share of it. */
  borderCoverage: number;
  /** Verticals running this far past the outer horizontals delimit a row left open by a page break. */
  openEdgeMin: number;
}

export const defaultLatticeSettings: LatticeSettings = {
  intersectTolerance: 3,
  snapTolerance: 2.5,
  borderCoverage: 0.6,
  openEdgeMin: 6,
};

class UnionFind {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

function meets(h: Ruling, v: Ruling, tol: number): boolean {
  return v.at >= h.a - tol && v.at <= h.b + tol && h.at >= v.a - tol && h.at <= v.b + tol;
}

/** Connected groups of crossing lines; each group with at least two lines each way is a table candidate. */
function components(h: Ruling[], v: Ruling[], tol: number): RulingGroup[] {
  const uf = new UnionFind(h.length + v.length);
  for (let i = 0; i < h.length; i++)
    for (let j = 0; j < v.length; j++) if (meets(h[i], v[j], tol)) uf.union(i, h.length + j);
  const groups = new Map<number, RulingGroup>();
  const group = (k: number) => {
    const root = uf.find(k);
    if (!groups.has(root)) groups.set(root, { h: [], v: [] });
    return groups.get(root)!;
  };
  h.forEach((l, i) => group(i).h.push(l));
  v.forEach((l, j) => group(h.length + j).v.push(l));
  return [...groups.values()].filter((g) => g.h.length >= 2 && g.v.length >= 2);
}

function coverage(lines: Ruling[], at: number, a: number, b: number, tol: number): number {
  let covered = 0;
  for (const l of lines) {
    if (Math.abs(l.at - at) > tol) continue;
    covered += Math.max(0, Math.min(b, l.b) - Math.max(a, l.a));
  }
  return b > a ? covered / (b - a) : 0;
}

/** Index k with bounds[k] <= v <= bounds[k + 1] (binary search), or -1 outside. */
function slot(bounds: number[], v: number): number {
  if (v < bounds[0] || v > bounds[bounds.length - 1]) return -1;
  let lo = 0;
  let hi = bounds.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

type RulingGroup = { h: Ruling[]; v: Ruling[] };

/**
 * The grid lines of a group of crossing rulings, snapped. A table cut by a page break has no closing line:
 * its verticals run past the last horizontal, and the grid is closed where they end.
 */
function gridLines(comp: RulingGroup, settings: LatticeSettings) {
  const xs = [
    ...new Set(
      snapValues(
        comp.v.map((l) => l.at),
        settings.snapTolerance,
      ).values(),
    ),
  ].sort((a, b) => a - b);
  const ys = [
    ...new Set(
      snapValues(
        comp.h.map((l) => l.at),
        settings.snapTolerance,
      ).values(),
    ),
  ].sort((a, b) => a - b);
  const top = Math.min(...comp.v.map((l) => l.a));
  const bottom = Math.max(...comp.v.map((l) => l.b));
  const cutTop = ys.length > 0 && ys[0] - top > settings.openEdgeMin;
  const cutBottom = ys.length > 0 && bottom - ys[ys.length - 1] > settings.openEdgeMin;
  if (cutTop) ys.unshift(top);
  if (cutBottom) ys.push(bottom);
  return { xs, ys, cutTop, cutBottom };
}

interface Region {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  /** Grid cells in the region (a rectangle has (r1 - r0 + 1) × (c1 - c0 + 1)). */
  n: number;
}

/**
 * The grid's regions: grid cells joined where the border between them is missing. `rootOf` names the
 * region of a grid cell; `open` holds the regions open to the outside of the grid.
 */
function gridRegions(
  comp: RulingGroup,
  { xs, ys, cutTop, cutBottom }: ReturnType<typeof gridLines>,
  settings: LatticeSettings,
) {
  const nr = ys.length - 1;
  const nc = xs.length - 1;
  const tol = settings.snapTolerance;
  const hasV = (j: number, i: number) => coverage(comp.v, xs[j], ys[i], ys[i + 1], tol) >= settings.borderCoverage;
  const hasH = (i: number, j: number) => coverage(comp.h, ys[i], xs[j], xs[j + 1], tol) >= settings.borderCoverage;
  const uf = new UnionFind(nr * nc);
  const id = (i: number, j: number) => i * nc + j;
  for (let i = 0; i < nr; i++)
    for (let j = 0; j < nc; j++) {
      if (j + 1 < nc && !hasV(j + 1, i)) uf.union(id(i, j), id(i, j + 1));
      if (i + 1 < nr && !hasH(i + 1, j)) uf.union(id(i, j), id(i + 1, j));
    }
  const rootOf = (i: number, j: number) => uf.find(id(i, j));
  const open = new Set<number>();
  for (let i = 0; i < nr; i++) {
    if (!hasV(0, i)) open.add(rootOf(i, 0));
    if (!hasV(nc, i)) open.add(rootOf(i, nc - 1));
  }
  for (let j = 0; j < nc; j++) {
    if (!cutTop && !hasH(0, j)) open.add(rootOf(0, j));
    if (!cutBottom && !hasH(nr, j)) open.add(rootOf(nr - 1, j));
  }
  const regions = new Map<number, Region>();
  for (let i = 0; i < nr; i++)
    for (let j = 0; j < nc; j++) {
      const root = rootOf(i, j);
      const r = regions.get(root);
      if (!r) regions.set(root, { r0: i, r1: i, c0: j, c1: j, n: 1 });
      else {
        r.r0 = Math.min(r.r0, i);
        r.r1 = Math.max(r.r1, i);
        r.c0 = Math.min(r.c0, j);
        r.c1 = Math.max(r.c1, j);
        r.n++;
      }
    }
  return { regions, open, rootOf };
}

/** Finds ruled tables: grids of crossing lines, merged cells where a border between grid cells is missing. */
export function findLatticeTables(
  page: number,
  h: Ruling[],
  v: Ruling[],
  glyphs: Glyph[],
  settings: LatticeSettings = defaultLatticeSettings,
): Table[] {
  const tables: Table[] = [];
  const taken = new Set<Glyph>();
  for (const comp of components(h, v, settings.intersectTolerance)) {
    const grid = gridLines(comp, settings);
    const { xs, ys } = grid;
    if (xs.length < 2 || ys.length < 2) continue;
    const { regions, open, rootOf } = gridRegions(comp, grid, settings);
    if (regions.size < 2) continue;
    const box = { x0: xs[0], x1: xs[xs.length - 1], y0: ys[0], y1: ys[ys.length - 1] };
    // Each glyph goes to the grid cell under its anchor, hence to that cell's region.
    const byRoot = new Map<number, Glyph[]>();
    const foreign = textAcrossBorders(glyphs, comp.v, box);
    for (const g of glyphs) {
      if (taken.has(g) || foreign.has(g)) continue;
      const a = anchor(g);
      const i = slot(ys, a.y);
      const j = slot(xs, a.x);
      if (i < 0 || j < 0) continue;
      const root = rootOf(i, j);
      const list = byRoot.get(root);
      if (list) list.push(g);
      else byRoot.set(root, [g]);
    }
    const cells: Cell[] = [];
    for (const [root, r] of regions) {
      const rectangular = r.n === (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1);
      const inside = byRoot.get(root) ?? [];
      // A cell is a rectangle: a region of another shape is the space between a table and lines around it
      // (a page frame, a running header's rule) that a missing border let run together; its text stays free.
      // An empty region open to the outside of the grid is not a cell (e.g. the space beside a narrower
      // header row); one holding text is a cell whose border was cut off by a page break.
      if (!rectangular || (open.has(root) && inside.length === 0)) continue;
      for (const g of inside) taken.add(g);
      const cellBox = { x0: xs[r.c0], x1: xs[r.c1 + 1], y0: ys[r.r0], y1: ys[r.r1 + 1] };
      cells.push({
        row: r.r0,
        col: r.c0,
        rowSpan: r.r1 - r.r0 + 1,
        colSpan: r.c1 - r.c0 + 1,
        box: cellBox,
        glyphs: inside,
        text: blockText(inside),
      });
    }
    cells.sort(byRowThenCol);
    tables.push(trimEmptyEdges({ page, strategy: "lattice", box, xs, ys, cells }));
  }
  return tables.sort((a, b) => a.box.y0 - b.box.y0);
}

/** Glyphs closer than this share of their size touch: one word, never two cells' texts. */
const TOUCHING_SHARE = 0.15;

/**
 * Text running across a drawn vertical border without a break is not the table's: cell text stops at its
 * border, while a page's running header or footer (a browser's print URL) may be printed over a table
 * that a page break cut open.
 */
export function textAcrossBorders(glyphs: Glyph[], verticals: Ruling[], box: Box): Set<Glyph> {
  // OCR places a cell's characters across the whole cell: only a text layer's glyphs have boxes this exact.
  const inside = glyphs.filter((g) => {
    if (g.confidence !== undefined) return false;
    const a = anchor(g);
    return a.x >= box.x0 && a.x <= box.x1 && a.y >= box.y0 && a.y <= box.y1;
  });
  const foreign = new Set<Glyph>();
  for (const line of toLines(inside)) {
    const g = line.glyphs;
    let start = 0;
    let crosses = false;
    for (let k = 1; k <= g.length; k++) {
      const touching = k < g.length && g[k].x0 - g[k - 1].x1 < TOUCHING_SHARE * g[k].size;
      if (touching) {
        const [a, b] = [anchor(g[k - 1]), anchor(g[k])];
        const y = (a.y + b.y) / 2;
        crosses ||= verticals.some((v) => v.at > a.x && v.at < b.x && v.a <= y && v.b >= y);
        continue;
      }
      if (crosses) for (const x of g.slice(start, k)) foreign.add(x);
      start = k;
      crosses = false;
    }
  }
  return foreign;
}

/**
 * Drops the grid columns and rows at a table's edges that hold no text: the strip between a table and the
 * lines that joined it (a page frame, a running header's rule). They are no part of the table, and an extra
 * empty column would break the column count a continuation on the next page is matched by.
 */
export function trimEmptyEdges(t: Table): Table {
  const glyphs = t.cells.flatMap((c) => c.glyphs);
  if (!glyphs.length) return t;
  const cols = glyphs.map((g) => slot(t.xs, anchor(g).x));
  const rows = glyphs.map((g) => slot(t.ys, anchor(g).y));
  const c0 = Math.min(...cols);
  const c1 = Math.max(...cols);
  const r0 = Math.min(...rows);
  const r1 = Math.max(...rows);
  if (c0 === 0 && r0 === 0 && c1 === t.xs.length - 2 && r1 === t.ys.length - 2) return t;
  const xs = t.xs.slice(c0, c1 + 2);
  const ys = t.ys.slice(r0, r1 + 2);
  const cells: Cell[] = [];
  for (const c of t.cells) {
    const top = Math.max(c.row, r0);
    const bottom = Math.min(c.row + c.rowSpan - 1, r1);
    const left = Math.max(c.col, c0);
    const right = Math.min(c.col + c.colSpan - 1, c1);
    if (top > bottom || left > right) continue;
    const box = { x0: t.xs[left], x1: t.xs[right + 1], y0: t.ys[top], y1: t.ys[bottom + 1] };
    cells.push({ ...c, row: top - r0, col: left - c0, rowSpan: bottom - top + 1, colSpan: right - left + 1, box });
  }
  return { ...t, box: { x0: xs[0], x1: xs[xs.length - 1], y0: ys[0], y1: ys[ys.length - 1] }, xs, ys, cells };
}
