import { createCanvas, type Canvas } from "@napi-rs/canvas";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { readFileSync } from "node:fs";
import { renderPage } from "../pdf/render.js";
import { openPdf, readPage } from "../pdf/document.js";
import { bandSvg } from "./cropSvg.js";

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
  /** The page was read by OCR: its picture is drawn (what OCR saw), not a text layer. */
  picture?: boolean;
}

/**
 * Crops of one PDF's cells as data: URLs, in the order asked, the PDF opened once for them all: a text-layer page's
 * band as SVG from what extraction reads there (bandSvg), an OCR'd page's band drawn as a PNG. A PDF that can no
 * longer be opened or drawn gives none (null for each): its warnings are still listed without a picture.
 */
export async function renderCrops(pdfPath: string, requests: CropRequest[]): Promise<(string | null)[]> {
  let data: Uint8Array;
  try {
    data = new Uint8Array(readFileSync(pdfPath));
  } catch {
    return requests.map(() => null);
  }
  const out: (string | null)[] = requests.map(() => null);
  const drawn = async (picture: boolean, draw: (doc: PDFDocumentProxy, r: CropRequest) => Promise<string>) => {
    const wanted = requests.flatMap((r, k) => (Boolean(r.picture) === picture ? [k] : []));
    if (!wanted.length) return;
    try {
      // pdf.js takes the bytes it is given: each opening gets its own copy.
      const doc = await openPdf(data.slice(), { render: picture });
      try {
        for (const k of wanted) out[k] = await draw(doc, requests[k]);
      } finally {
        await doc.destroy();
      }
    } catch {
      // this PDF's crops of this kind are left out
    }
  };
  await drawn(false, async (doc, r) => {
    const svg = bandSvg(await readPage(doc, r.page, { graphics: true }), r.boxes, defaultCropOptions);
    return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
  });
  await drawn(
    true,
    async (doc, r) => `data:image/png;base64,${(await renderCellCrop(doc, r.page, r.boxes)).toString("base64")}`,
  );
  return out;
}
