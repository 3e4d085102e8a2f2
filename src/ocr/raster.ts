/** Pure raster operations on page images: ink mask, skew, ruling lines. */
import type { Box } from "../pdf/types.js";

/** One byte per pixel: 255 white, 0 black. */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Grey image from RGBA, taking each pixel's brightest channel: black print stays dark, while red seals,
 * blue cell shading and light watermarks turn pale and drop out with the threshold.
 */
export function inkGray(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Gray {
  const data = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < data.length; i++, p += 4) data[i] = Math.max(rgba[p], rgba[p + 1], rgba[p + 2]);
  return { width, height, data };
}

/** Otsu's threshold over the histogram: the grey level that best separates ink from paper. */
export function otsu(img: Gray): number {
  const hist = new Array<number>(256).fill(0);
  for (const v of img.data) hist[v]++;
  const total = img.data.length;
  let sum = 0;
  for (let t = 0; t < 256; t++) sum += t * hist[t];
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/** 1 for ink, 0 for paper. */
export function inkMask(img: Gray, threshold = otsu(img)): Uint8Array {
  const mask = new Uint8Array(img.data.length);
  for (let i = 0; i < mask.length; i++) mask[i] = img.data[i] <= threshold ? 1 : 0;
  return mask;
}

/** Share of the image's width and height, on each side, left out when the skew is measured. */
const SKEW_MARGIN = 0.04;

/**
 * Skew of the page in degrees (positive: lines fall to the right), within ±maxDegrees: the angle whose
 * sheared row profile of ink is the most peaked (ruling lines and text lines line up). Ink in the image's
 * margins is left out: a scanner's shadow along the edge is square to the image, not to the paper, and its
 * band of ink held a page turned by 1.5° at 0°. Report pages keep their text well inside those margins.
 */
export function estimateSkew(mask: Uint8Array, width: number, height: number, maxDegrees = 2, step = 0.1): number {
  const ys: number[] = [];
  const xs: number[] = [];
  const stride = 4;
  const mx = Math.round(width * SKEW_MARGIN);
  const my = Math.round(height * SKEW_MARGIN);
  for (let y = my; y < height - my; y += stride)
    for (let x = mx; x < width - mx; x += stride)
      if (mask[y * width + x]) {
        xs.push(x);
        ys.push(y);
      }
  if (xs.length < 100) return 0;
  let bestAngle = 0;
  let bestScore = -1;
  const bins = new Float64Array(
    Math.ceil(height / stride) + Math.ceil((width * Math.tan((maxDegrees * Math.PI) / 180)) / stride) * 2 + 4,
  );
  const offset = Math.ceil((width * Math.tan((maxDegrees * Math.PI) / 180)) / stride) + 2;
  for (let a = -maxDegrees; a <= maxDegrees + 1e-9; a += step) {
    bins.fill(0);
    const t = Math.tan((a * Math.PI) / 180);
    for (let k = 0; k < xs.length; k++) bins[Math.round((ys[k] - xs[k] * t) / stride) + offset]++;
    let score = 0;
    for (const b of bins) score += b * b;
    if (score > bestScore) {
      bestScore = score;
      bestAngle = a;
    }
  }
  return Math.round(bestAngle * 100) / 100;
}

/** A ruling line found on the image, in pixels. */
export type PixelLine = Box;

export interface LineSettings {
  /** Shortest run of ink, in pixels, that counts as (part of) a ruling line. */
  minRun: number;
  /** Gaps of at most this many pixels inside a run are bridged (broken scan lines). */
  maxGap: number;
}

/** Horizontal runs of ink at least `minRun` long, merged over adjacent rows into lines. */
function runs(mask: Uint8Array, width: number, height: number, horizontal: boolean, s: LineSettings): PixelLine[] {
  const along = horizontal ? width : height;
  const across = horizontal ? height : width;
  const at = (i: number, j: number) => (horizontal ? mask[i * width + j] : mask[j * width + i]);
  const open: { i0: number; i1: number; a: number; b: number }[] = [];
  const out: PixelLine[] = [];
  for (let i = 0; i < across; i++) {
    const found: { a: number; b: number }[] = [];
    let start = -1;
    let gap = 0;
    for (let j = 0; j <= along; j++) {
      const ink = j < along && at(i, j) === 1;
      if (ink) {
        if (start < 0) start = j;
        gap = 0;
      } else if (start >= 0) {
        gap++;
        if (gap > s.maxGap || j === along) {
          const end = j - gap;
          if (end - start + 1 >= s.minRun) found.push({ a: start, b: end });
          start = -1;
          gap = 0;
        }
      }
    }
    // Continue runs of the previous row that overlap; close the others.
    for (let k = open.length - 1; k >= 0; k--) {
      const o = open[k];
      const hit = found.findIndex((f) => f.a <= o.b && f.b >= o.a);
      if (hit >= 0) {
        const f = found.splice(hit, 1)[0];
        o.i1 = i;
        o.a = Math.min(o.a, f.a);
        o.b = Math.max(o.b, f.b);
      } else {
        const mid = (o.i0 + o.i1) / 2;
        out.push(horizontal ? { x0: o.a, x1: o.b, y0: mid, y1: mid } : { x0: mid, x1: mid, y0: o.a, y1: o.b });
        open.splice(k, 1);
      }
    }
    for (const f of found) open.push({ i0: i, i1: i, a: f.a, b: f.b });
  }
  for (const o of open) {
    const mid = (o.i0 + o.i1) / 2;
    out.push(horizontal ? { x0: o.a, x1: o.b, y0: mid, y1: mid } : { x0: mid, x1: mid, y0: o.a, y1: o.b });
  }
  return out;
}

/** Ruling lines of a page image: long thin runs of ink, horizontal and vertical. */
export function findPixelLines(
  mask: Uint8Array,
  width: number,
  height: number,
  s: LineSettings,
): { h: PixelLine[]; v: PixelLine[] } {
  return { h: runs(mask, width, height, true, s), v: runs(mask, width, height, false, s) };
}

/** Share of ink pixels in a rectangle (to skip empty cells without asking the OCR engine). */
export function inkShare(mask: Uint8Array, width: number, x0: number, y0: number, x1: number, y1: number): number {
  let ink = 0;
  let all = 0;
  for (let y = Math.max(0, y0); y < y1; y++)
    for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
      ink += mask[y * width + x];
      all++;
    }
  return all ? ink / all : 0;
}

/**
 * The image with every pixel lighter than `level` made white: a light watermark behind the text (grey, not
 * coloured, so the brightest channel keeps it) goes, the dark cores of the strokes stay.
 */
export function whiten(img: Gray, level: number): Gray {
  const data = img.data.map((v) => (v > level ? 255 : v));
  return { width: img.width, height: img.height, data };
}

/** Median grey of a rectangle (every `stride`-th pixel): the paper's level, as paper covers most of a page. */
export function paperLevel(img: Gray, x0: number, y0: number, x1: number, y1: number, stride = 4): number {
  const hist = new Array<number>(256).fill(0);
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y += stride)
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x += stride) {
      hist[img.data[y * img.width + x]]++;
      n++;
    }
  let seen = 0;
  for (let v = 255; v >= 0; v--) {
    seen += hist[v];
    if (seen * 2 >= n) return v;
  }
  return 255;
}

/**
 * The horizontal bands of ink in a rectangle, top to bottom: runs of pixel rows holding ink, split where at least
 * `minGap` rows hold none; each with the horizontal extent of its ink. Bands with fewer than `minInk` ink pixels
 * (specks) are left out.
 */
export function inkBands(mask: Uint8Array, width: number, r: Box, minGap: number, minInk: number): Box[] {
  const bands: (Box & { ink: number })[] = [];
  let open: (Box & { ink: number }) | null = null;
  let blank = 0;
  for (let y = Math.max(0, r.y0); y < r.y1; y++) {
    let x0 = Infinity;
    let x1 = -Infinity;
    let ink = 0;
    for (let x = Math.max(0, r.x0); x < Math.min(width, r.x1); x++)
      if (mask[y * width + x]) {
        ink++;
        if (x < x0) x0 = x;
        x1 = x + 1;
      }
    if (!ink) {
      if (open && ++blank >= minGap) open = null;
      continue;
    }
    blank = 0;
    if (!open) bands.push((open = { x0, y0: y, x1, y1: y + 1, ink }));
    else {
      open.x0 = Math.min(open.x0, x0);
      open.x1 = Math.max(open.x1, x1);
      open.y1 = y + 1;
      open.ink += ink;
    }
  }
  return bands.filter((b) => b.ink >= minInk).map(({ x0, y0, x1, y1 }) => ({ x0, y0, x1, y1 }));
}
