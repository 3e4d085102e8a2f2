import { readFileSync, writeFileSync } from "node:fs";
import { pdfReport } from "../extract/pdf.js";
import { validateReport } from "../validate/index.js";
import type { ReportJson } from "../report/types.js";
import { findTables } from "../layout/index.js";
import { buildRulings } from "../layout/rulings.js";
import { sharedEngine } from "../ocr/engine.js";
import { openPdf, readPage } from "../pdf/document.js";
import { renderPage, rotatedCanvas } from "../pdf/render.js";
import type { PageModel } from "../pdf/types.js";

const SCALE = 2;

/**
 * Draws what the reader saw on one page: ruling lines (blue), table cells (green, with the strategy that read
 * them), and the standard cells it mapped (red, with their ids and values), over the rendered page.
 */
export async function inspectPage(
  file: string,
  pageNumber: number,
  out: string,
  password?: string,
): Promise<{ tables: number; mapped: number }> {
  const bytes = new Uint8Array(readFileSync(file));
  let report: ReportJson | null = null;
  const kept: PageModel[] = [];
  try {
    report = validateReport(await pdfReport(bytes.slice(), file, { password }, kept));
  } catch {
    // No report: the page is still drawn with the lines and tables found.
  }
  const doc = await openPdf(bytes.slice(), { password, render: true });
  try {
    if (pageNumber < 1 || pageNumber > doc.numPages)
      throw new Error(`the PDF has ${doc.numPages} page(s); --page ${pageNumber} is not one of them`);
    // The page as extraction read it (an OCR'd page as OCR saw it: straightened, the lines found on the image,
    // its cells); a page past the pages read is read here.
    const model: PageModel & { skew?: number } =
      kept.find((p) => p.number === pageNumber) ?? (await readPage(doc, pageNumber, { graphics: true }));
    const tables = findTables(model);
    const rendered = await renderPage(doc, pageNumber, SCALE);
    // OCR read a straightened page: its lines and cells are drawn on the page straightened alike.
    const canvas = model.skew ? rotatedCanvas(rendered, -model.skew) : rendered;
    const ctx = canvas.getContext("2d");
    const { h, v } = buildRulings(model.segments);
    ctx.strokeStyle = "rgba(0, 90, 255, 0.8)";
    ctx.lineWidth = 2;
    for (const l of h) ctx.strokeRect(l.a * SCALE, l.at * SCALE - 1, (l.b - l.a) * SCALE, 2);
    for (const l of v) ctx.strokeRect(l.at * SCALE - 1, l.a * SCALE, 2, (l.b - l.a) * SCALE);
    ctx.font = "14px sans-serif";
    for (const t of tables) {
      ctx.strokeStyle = "rgba(0, 150, 0, 0.7)";
      ctx.lineWidth = 1;
      for (const c of t.cells)
        ctx.strokeRect(
          c.box.x0 * SCALE + 2,
          c.box.y0 * SCALE + 2,
          (c.box.x1 - c.box.x0) * SCALE - 4,
          (c.box.y1 - c.box.y0) * SCALE - 4,
        );
      ctx.fillStyle = "rgba(0, 130, 0, 0.9)";
      ctx.fillText(`${t.strategy} ${t.ys.length - 1}×${t.xs.length - 1}`, t.box.x0 * SCALE, t.box.y0 * SCALE - 6);
    }
    const mapped = (report?.cells ?? []).filter((c) => c.page === pageNumber);
    ctx.font = "11px sans-serif";
    for (const c of mapped) {
      if (!c.bbox) continue;
      const [x0, y0, x1, y1] = c.bbox.map((n) => n * SCALE);
      ctx.strokeStyle = "rgba(220, 0, 0, 0.8)";
      ctx.lineWidth = 2;
      ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
      ctx.fillStyle = "rgba(200, 0, 0, 0.95)";
      ctx.fillText(`${c.row}/${c.column}=${c.value}`, x0 + 2, y1 - 3, x1 - x0 - 4);
    }
    writeFileSync(out, canvas.toBuffer("image/png"));
    return { tables: tables.length, mapped: mapped.length };
  } finally {
    await doc.destroy();
    // The OCR engine's thread would keep the process alive.
    await sharedEngine().terminate();
  }
}
