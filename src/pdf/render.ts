import { createCanvas, type Canvas } from "@napi-rs/canvas";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";

/**
 * Renders one page on a white canvas at `scale` pixels per point (the document must be opened with `render: true`),
 * into `into` (resized) when given: a canvas's pixels are native memory V8's collector does not see, so
 * callers rendering many pages reuse one rather than leave hundreds for a late collection. With `band` (the first
 * and last pixel rows), only that band of the page is drawn, onto a canvas its size.
 */
export async function renderPage(
  doc: PDFDocumentProxy,
  pageNumber: number,
  scale: number,
  into?: Canvas,
  band?: { top: number; bottom: number },
): Promise<Canvas> {
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale });
    const height = Math.ceil(viewport.height);
    const top = band ? Math.max(0, band.top) : 0;
    const canvas = into ?? createCanvas(1, 1);
    canvas.width = Math.ceil(viewport.width);
    canvas.height = band ? Math.max(1, Math.min(height, band.bottom) - top) : height;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "white";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({
      canvasContext: ctx as unknown as CanvasRenderingContext2D,
      viewport,
      canvas: canvas as unknown as HTMLCanvasElement,
      transform: [1, 0, 0, 1, 0, -top],
    }).promise;
    return canvas;
  } finally {
    page.cleanup();
  }
}

/**
 * Frees canvases' pixels now. They are native memory V8's collector does not see: left to it, the page-sized
 * canvases of an OCR'd document piled up to gigabytes before a collection came.
 */
export function releaseCanvases(...canvases: Canvas[]): void {
  for (const c of canvases) {
    c.width = 0;
    c.height = 0;
  }
}

/** A copy of `source` turned by `degrees` about its centre, on white (straightening a skewed scan). */
export function rotatedCanvas(source: Canvas, degrees: number): Canvas {
  const canvas = createCanvas(source.width, source.height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.save();
  ctx.translate(canvas.width / 2, canvas.height / 2);
  ctx.rotate((degrees * Math.PI) / 180);
  ctx.drawImage(source, -source.width / 2, -source.height / 2);
  ctx.restore();
  return canvas;
}
