import type { Glyph, PageModel } from "../pdf/types.js";
import type { BBox, CropOptions } from "./render.js";

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const num = (x: number) => String(Math.round(x * 10) / 10);

/** Glyphs of one printed line and size, left to right: one <text> element with a position per character. */
function runs(glyphs: Glyph[]): Glyph[][] {
  const sorted = [...glyphs].sort((a, b) => a.y1 - b.y1 || a.x0 - b.x0);
  const out: Glyph[][] = [];
  for (const g of sorted) {
    const run = out.at(-1);
    const last = run?.at(-1);
    if (run && last && !g.vertical && !last.vertical && Math.abs(g.y1 - last.y1) < 0.2 * g.size && g.size === last.size)
      run.push(g);
    else out.push([g]);
  }
  for (const run of out) run.sort((a, b) => a.x0 - b.x0);
  return out;
}

/**
 * The band of a text-layer page around the given cells, full page width, as SVG drawn from what extraction read:
 * every glyph at its place and size, the ruling lines, each cell outlined in red. For a page read from its text
 * layer this is the page's content itself, at a fraction of the cost of drawing it (no font program is parsed),
 * and what a reviewer needs beside a flagged value: its row label, its column, its neighbours.
 */
export function bandSvg(page: PageModel, boxes: BBox[], options: CropOptions): string {
  const top = Math.max(0, Math.min(...boxes.map((b) => b[1])) - options.context);
  const bottom = Math.min(page.height, Math.max(...boxes.map((b) => b[3])) + options.context);
  const height = Math.max(1, bottom - top);
  const inBand = (y0: number, y1: number) => y1 >= top && y0 <= bottom;
  const lines = page.segments
    .filter((s) => inBand(Math.min(s.y0, s.y1), Math.max(s.y0, s.y1)))
    .map((s) => `M${num(s.x0)} ${num(s.y0)}L${num(s.x1)} ${num(s.y1)}`)
    .join("");
  const text = runs(page.glyphs.filter((g) => inBand((g.y0 + g.y1) / 2, (g.y0 + g.y1) / 2) && g.text.trim()))
    .map((run) => {
      const g = run[0];
      // Glyph boxes run from the ascent (0.88 em) to the descent (0.12 em): the baseline is 0.12 em above the bottom.
      if (g.vertical)
        return `<text x="${num((g.x0 + g.x1) / 2)}" y="${num(g.y0 + 0.88 * g.size)}" font-size="${num(g.size)}" text-anchor="middle">${esc(g.text)}</text>`;
      const xs = run.map((c) => num(c.x0)).join(" ");
      return `<text x="${xs}" y="${num(g.y1 - 0.12 * g.size)}" font-size="${num(g.size)}">${esc(run.map((c) => c.text).join(""))}</text>`;
    })
    .join("");
  const outlines = boxes
    .map(
      ([x0, y0, x1, y1]) =>
        `<rect x="${num(x0 - 1.5)}" y="${num(y0 - 1.5)}" width="${num(x1 - x0 + 3)}" height="${num(y1 - y0 + 3)}"/>`,
    )
    .join("");
  const w = num(page.width);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 ${num(top)} ${w} ${num(height)}" ` +
    `width="${num(page.width * options.scale)}" height="${num(height * options.scale)}">` +
    `<rect x="0" y="${num(top)}" width="${w}" height="${num(height)}" fill="white"/>` +
    (lines ? `<path d="${lines}" stroke="#000" stroke-width="0.6" fill="none"/>` : "") +
    `<g font-family="Noto Sans SC,Source Han Sans SC,Microsoft YaHei,SimSun,sans-serif" fill="#000">${text}</g>` +
    `<g fill="none" stroke="#d00" stroke-width="2">${outlines}</g></svg>`
  );
}
