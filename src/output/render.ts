import { createCanvas, type Canvas } from "@napi-rs/canvas";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { readFileSync } from "node:fs";
import { renderPage } from "../pdf/render.js";
import { openPdf } from "../pdf/document.js";

/** Page box in points, origin top-left (as cells' bbox). */
export type BBox = [number, number, number, number];

export interface CropOptions {
  /** Pixels per point. */
  scale: number;
  /** Points of page shown above and below the cell, so its row label and header are in view. */
  context: number;
}

export const defaultCropOptions: CropOptions = { scale: 1.5, context: 40 };

/**
 * Renders the horizontal band of one page around the given cells (full page width, so the row label is visible)
 * and returns it as a PNG with each cell outlined in red. Only the band is drawn, straight onto a band-sized
 * canvas: drawing the page and copying the band out cost a page-sized copy per crop.
 */
export async function renderCellCrop(
  doc: PDFDocumentProxy,
  pageNumber: number,
  boxes: BBox[],
  options: CropOptions = defaultCropOptions,
): Promise<Buffer> {
  // A batch makes up to hundreds of crops: one canvas serves them all (its pixels are native memory).
  bandCanvas ??= createCanvas(1, 1);
  const s = options.scale;
  const top = Math.max(0, Math.floor((Math.min(...boxes.map((b) => b[1])) - options.context) * s));
  const bottom = Math.ceil((Math.max(...boxes.map((b) => b[3])) + options.context) * s);
  const band = await renderPage(doc, pageNumber, s, bandCanvas, { top, bottom });
  const ctx = band.getContext("2d");
  ctx.strokeStyle = "#d00";
  ctx.lineWidth = 3;
  for (const [x0, y0, x1, y1] of boxes)
    ctx.strokeRect(x0 * s - 2, y0 * s - 2 - top, (x1 - x0) * s + 4, (y1 - y0) * s + 4);
  return band.toBuffer("image/png");
}

let bandCanvas: Canvas | null = null;

/** The cells of one page to show in one crop. */
export interface CropRequest {
  page: number;
  boxes: BBox[];
}

/**
 * Crops of one PDF's cells as base64 PNGs, in the order asked, the PDF opened once for them all. A PDF that can
 * no longer be opened or drawn gives none (null for each): its warnings are still listed without a picture.
 */
export async function renderCrops(pdfPath: string, requests: CropRequest[]): Promise<(string | null)[]> {
  try {
    const doc = await openPdf(new Uint8Array(readFileSync(pdfPath)), { render: true });
    try {
      const out: (string | null)[] = [];
      for (const r of requests) out.push((await renderCellCrop(doc, r.page, r.boxes)).toString("base64"));
      return out;
    } finally {
      await doc.destroy();
    }
  } catch {
    return requests.map(() => null);
  }
}
