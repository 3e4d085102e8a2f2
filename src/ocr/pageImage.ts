import { createCanvas, ImageData, type Canvas } from "@napi-rs/canvas";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { ImageKind, OPS } from "../pdf/pdfjs.js";
import { decodeGraphics, type Matrix } from "../pdf/paths.js";
import { pathOps } from "../pdf/document.js";
import type { PageImage } from "../pdf/types.js";

export interface ScanImageSettings {
  /** The image must reach this close (points) to every edge of the page to be the page. */
  edgeTolerance: number;
  /** Resolutions within this share of the wanted one are taken as they are; others are resampled to it. */
  dpiTolerance: number;
}

export const defaultScanImageSettings: ScanImageSettings = { edgeTolerance: 3, dpiTolerance: 0.08 };

/** Decoded image data as pdf.js hands it over. */
export interface DecodedImage {
  width: number;
  height: number;
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** RGBA pixels of a pdf.js image (1-bit grey rows start on a byte, a set bit is white). */
export function toRgba(img: DecodedImage): Uint8ClampedArray | null {
  const { width, height, kind, data } = img;
  const out = new Uint8ClampedArray(width * height * 4);
  if (kind === ImageKind.RGBA_32BPP) out.set(data.subarray(0, out.length));
  else if (kind === ImageKind.RGB_24BPP)
    for (let i = 0, p = 0; i < width * height; i++, p += 3) {
      out[4 * i] = data[p];
      out[4 * i + 1] = data[p + 1];
      out[4 * i + 2] = data[p + 2];
      out[4 * i + 3] = 255;
    }
  else if (kind === ImageKind.GRAYSCALE_1BPP) {
    const rowBytes = (width + 7) >> 3;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const v = data[y * rowBytes + (x >> 3)] & (128 >> (x & 7)) ? 255 : 0;
        const i = 4 * (y * width + x);
        out[i] = out[i + 1] = out[i + 2] = v;
        out[i + 3] = 255;
      }
  } else return null;
  return out;
}

/** The one upright image that covers the whole page, or null (text, several pictures, a rotated scan). */
export function fullPageImage(
  images: PageImage[],
  width: number,
  height: number,
  s: ScanImageSettings = defaultScanImageSettings,
): PageImage | null {
  if (images.length !== 1) return null;
  const [img] = images;
  const t = s.edgeTolerance;
  const covers = img.x0 <= t && img.y0 <= t && img.x1 >= width - t && img.y1 >= height - t;
  return covers && img.upright && img.id ? img : null;
}

/**
 * A scanned page's own pixels (pdf.js decodes the image; nothing is drawn or resampled) when the page is one
 * upright image at about `dpi`, with the pixels per point they come at; resampled once to `dpi` when the scan's
 * resolution is far from it (the OCR settings are in pixels at `dpi`). Null when the page is no such image.
 */
export async function scanImage(
  doc: PDFDocumentProxy,
  pageNumber: number,
  dpi: number,
  s: ScanImageSettings = defaultScanImageSettings,
): Promise<{ canvas: Canvas; scale: number } | null> {
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const ops = await page.getOperatorList();
    const { images, segments } = decodeGraphics(
      ops.fnArray,
      ops.argsArray,
      pathOps,
      viewport.transform as Matrix,
      viewport.width * viewport.height,
    );
    const found = fullPageImage(images, viewport.width, viewport.height, s);
    // Text or lines drawn over the picture are part of the page too: such a page is rendered.
    if (!found?.id || segments.length || ops.fnArray.some((fn) => fn === OPS.showText)) return null;
    const objs = found.id.startsWith("g_") ? page.commonObjs : page.objs;
    const img = objs.get(found.id) as DecodedImage | null;
    const rgba = img?.data ? toRgba(img) : null;
    if (!img || !rgba) return null;
    const canvas = createCanvas(img.width, img.height);
    canvas.getContext("2d").putImageData(new ImageData(rgba, img.width, img.height), 0, 0);
    const scale = img.width / viewport.width;
    const wanted = dpi / 72;
    if (Math.abs(scale - wanted) <= s.dpiTolerance * wanted) return { canvas, scale };
    const resampled = createCanvas(Math.ceil(viewport.width * wanted), Math.ceil(viewport.height * wanted));
    resampled.getContext("2d").drawImage(canvas, 0, 0, resampled.width, resampled.height);
    canvas.width = canvas.height = 0;
    return { canvas: resampled, scale: wanted };
  } finally {
    page.cleanup();
  }
}
