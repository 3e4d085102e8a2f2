import { createCanvas, type Canvas } from "@napi-rs/canvas";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { renderPage } from "../pdf/render.js";

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
 * Renders one page and returns a PNG of the horizontal band around the given cells (full page width, so the
 * row label is visible) with each cell outlined in red.
 */
export async function renderCellCrop(
  doc: PDFDocumentProxy,
  pageNumber: number,
  boxes: BBox[],
  options: CropOptions = defaultCropOptions,
): Promise<Buffer> {
  // A batch makes up to hundreds of crops: the same two canvases serve them all (see renderPage).
  pageCanvas ??= createCanvas(1, 1);
  bandCanvas ??= createCanvas(1, 1);
  const canvas = await renderPage(doc, pageNumber, options.scale, pageCanvas);
  const s = options.scale;
  const top = Math.max(0, Math.floor((Math.min(...boxes.map((b) => b[1])) - options.context) * s));
  const bottom = Math.min(canvas.height, Math.ceil((Math.max(...boxes.map((b) => b[3])) + options.context) * s));
  const band = bandCanvas;
  band.width = canvas.width;
  band.height = Math.max(1, bottom - top);
  const ctx = band.getContext("2d");
  ctx.drawImage(canvas, 0, top, canvas.width, bottom - top, 0, 0, canvas.width, bottom - top);
  ctx.strokeStyle = "#d00";
  ctx.lineWidth = 3;
  for (const [x0, y0, x1, y1] of boxes)
    ctx.strokeRect(x0 * s - 2, y0 * s - 2 - top, (x1 - x0) * s + 4, (y1 - y0) * s + 4);
  return band.toBuffer("image/png");
}

let pageCanvas: Canvas | null = null;
let bandCanvas: Canvas | null = null;
