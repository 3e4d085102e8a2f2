import type { Box } from "../pdf/types.js";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createCanvas, Image, type Canvas, type SKRSContext2D } from "@napi-rs/canvas";
import { createWorker, OEM, PSM, type Worker } from "tesseract.js";
import { releaseCanvases } from "../pdf/render.js";

const require = createRequire(import.meta.url);
/** The Chinese model ships in an npm package: nothing is downloaded at run time. */
export const LANG_PATH = join(dirname(require.resolve("@tesseract.js-data/chi_sim/package.json")), "4.0.0_best_int");

/** What one crop read as. */
export interface Reading {
  text: string;
  /** Tesseract's confidence, 0–100 (the lowest over the crop's lines). */
  confidence: number;
}

/** A rectangle of a source canvas, in pixels. */
export type Crop = Box;

export type ReadMode = "text" | "digits";

/**
 * What crops are cut from: a decoded image, not a canvas. Drawing from a canvas copies all of it first
 * (35 MB for a 300 dpi page, 25 ms): a page's thousand crops cost most of its OCR time and gigabytes of churn.
 */
export async function cropSource(canvas: Canvas): Promise<Image> {
  const image = new Image();
  image.src = canvas.toBuffer("image/png");
  // Decoding is asynchronous: drawn before it ends, the image draws nothing.
  await image.decode();
  return image;
}

/** A PNG of `draw` on a white canvas of the given size (the canvas freed at once, see releaseCanvases). */
function onWhite(width: number, height: number, draw: (ctx: SKRSContext2D) => void): Buffer {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, width, height);
  draw(ctx);
  const png = canvas.toBuffer("image/png");
  releaseCanvases(canvas);
  return png;
}

/** Crops are stacked into one image per call, separated by this much white, so one call reads many cells. */
const STACK_GAP = 72;
const STACK_PAD = 24;
/** Numbers are laid out on rows of at most this width. */
const FLOW_WIDTH = 2400;
/** Stacks taller than this are split (tesseract's time grows with the image). */
const MAX_STACK_HEIGHT = 3000;
const DIGITS = "0123456789,.-/";

/**
 * One tesseract.js worker (chi_sim), created on first use and reused for every page and file this thread
 * reads. Batches run one such engine per worker thread, so the OCR pool is as large as the thread pool.
 * Its memory stays flat across files (six scans in a row: ~650 MB after each), so it is never restarted;
 * a thread that is not a batch worker ends it when done (it would keep the process alive).
 */
export class OcrEngine {
  private worker: Promise<Worker> | null = null;
  private mode: ReadMode | "page" | null = null;

  private async ready(mode: ReadMode | "page"): Promise<Worker> {
    this.worker ??= createWorker("chi_sim", OEM.LSTM_ONLY, { langPath: LANG_PATH, cacheMethod: "none", gzip: true });
    const w = await this.worker;
    if (this.mode !== mode) {
      await w.setParameters({
        tessedit_pageseg_mode: mode === "page" ? PSM.AUTO : PSM.SINGLE_BLOCK,
        tessedit_char_whitelist: mode === "digits" ? DIGITS : "",
        preserve_interword_spaces: "0",
        // Tesseract's own notes ("Estimating resolution as …") would otherwise land on the user's terminal.
        debug_file: "/dev/null",
      });
      this.mode = mode;
    }
    return w;
  }

  /**
   * Reads each crop of `source`; empty text where nothing was read. Crops are laid out in one image per call:
   * labels one under another (they wrap over lines), numbers side by side on rows like a line of figures,
   * which tesseract reads far better than a column of lone digits.
   */
  async readCrops(source: Image, crops: Crop[], mode: ReadMode): Promise<Reading[]> {
    const out: Reading[] = new Array(crops.length);
    const maxWidth = mode === "digits" ? FLOW_WIDTH : 0;
    let start = 0;
    while (start < crops.length) {
      const placed: { k: number; x: number; y: number; w: number; h: number }[] = [];
      let x = STACK_PAD;
      let y = STACK_PAD;
      let rowHeight = 0;
      let width = 0;
      let k = start;
      for (; k < crops.length; k++) {
        const w = crops[k].x1 - crops[k].x0;
        const h = crops[k].y1 - crops[k].y0;
        if (placed.length && x + w > maxWidth) {
          x = STACK_PAD;
          y += rowHeight + STACK_GAP;
          rowHeight = 0;
        }
        if (placed.length && y + h > MAX_STACK_HEIGHT) break;
        placed.push({ k, x, y, w, h });
        x += w + STACK_GAP;
        rowHeight = Math.max(rowHeight, h);
        width = Math.max(width, x);
      }
      const png = onWhite(width + STACK_PAD, y + rowHeight + STACK_PAD, (ctx) => {
        for (const p of placed) {
          const c = crops[p.k];
          ctx.drawImage(source, c.x0, c.y0, p.w, p.h, p.x, p.y, p.w, p.h);
        }
      });
      const worker = await this.ready(mode);
      const result = await worker.recognize(png, {}, { blocks: true, text: false });
      const found = placed.map(() => ({ parts: [] as { x: number; y: number; text: string }[], confidence: 100 }));
      for (const block of result.data.blocks ?? [])
        for (const para of block.paragraphs)
          for (const line of para.lines)
            for (const word of line.words)
              // By character: tesseract may join the numbers of neighbouring crops into one word.
              for (const symbol of word.symbols) {
                const cx = (symbol.bbox.x0 + symbol.bbox.x1) / 2;
                const cy = (symbol.bbox.y0 + symbol.bbox.y1) / 2;
                const i = placed.findIndex(
                  (p) =>
                    cx >= p.x - STACK_GAP / 2 &&
                    cx < p.x + p.w + STACK_GAP / 2 &&
                    cy >= p.y - STACK_GAP / 2 &&
                    cy < p.y + p.h + STACK_GAP / 2,
                );
                const text = symbol.text.replace(/\s+/g, "");
                if (i < 0 || !text) continue;
                found[i].parts.push({ x: cx, y: (line.bbox.y0 + line.bbox.y1) / 2, text });
                found[i].confidence = Math.min(found[i].confidence, symbol.confidence);
              }
      placed.forEach((p, i) => {
        const parts = found[i].parts.sort((a, b) => (Math.abs(a.y - b.y) > 8 ? a.y - b.y : a.x - b.x));
        out[p.k] = { text: parts.map((q) => q.text).join(""), confidence: parts.length ? found[i].confidence : 0 };
      });
      start = k;
    }
    return out;
  }

  /**
   * Reads each crop on its own, once at each scale, with the digits-only alphabet: one reading per crop and scale.
   * Lone small images are cheap to read (a few milliseconds each).
   */
  async readEach(source: Image, crops: Crop[], scales: number[]): Promise<Reading[][]> {
    const worker = await this.ready("digits");
    const out: Reading[][] = [];
    for (const c of crops) {
      const readings: Reading[] = [];
      for (const scale of scales) {
        const w = Math.max(1, Math.round((c.x1 - c.x0) * scale));
        const h = Math.max(1, Math.round((c.y1 - c.y0) * scale));
        const png = onWhite(w + 2 * STACK_PAD, h + 2 * STACK_PAD, (ctx) =>
          ctx.drawImage(source, c.x0, c.y0, c.x1 - c.x0, c.y1 - c.y0, STACK_PAD, STACK_PAD, w, h),
        );
        const result = await worker.recognize(png, {}, { text: true });
        readings.push({ text: result.data.text.replace(/\s+/g, ""), confidence: result.data.confidence });
      }
      out.push(readings);
    }
    return out;
  }

  /**
   * Whole-page reading (titles and prose): characters with their own boxes (across their line) in the image's pixels. A
   * word's box
   * spread evenly over its characters would misplace them (and reorder them against the next word).
   */
  async readPage(image: Canvas): Promise<{ text: string; confidence: number; box: Crop }[]> {
    const worker = await this.ready("page");
    const result = await worker.recognize(image.toBuffer("image/png"), {}, { blocks: true, text: false });
    const chars: { text: string; confidence: number; box: Crop }[] = [];
    for (const block of result.data.blocks ?? [])
      for (const para of block.paragraphs)
        for (const line of para.lines)
          for (const w of line.words)
            // The line's height stands for the font size, as a word's did: a character's own box ("一") does not.
            for (const s of w.symbols)
              if (s.text.trim())
                chars.push({
                  text: s.text.trim(),
                  confidence: s.confidence,
                  box: { x0: s.bbox.x0, x1: s.bbox.x1, y0: line.bbox.y0, y1: line.bbox.y1 },
                });
    return chars;
  }

  async terminate(): Promise<void> {
    if (this.worker) await (await this.worker).terminate();
    this.worker = null;
    this.mode = null;
  }
}

let shared: OcrEngine | null = null;

/** The thread's engine, reused across pages and files. */
export function sharedEngine(): OcrEngine {
  shared ??= new OcrEngine();
  return shared;
}
