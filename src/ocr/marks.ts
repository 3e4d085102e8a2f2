/**
 * The blank marks of a value cell told by their shape. OCR reads a lone dash (—) as nothing and a lone
 * slash (/) as a 1; their ink says which they are: a dash is one flat stroke, a slash one leaning stroke,
 * while a 1 stands upright (its flag even leans it the other way).
 */

export interface MarkSettings {
  /** Ink at most this high for its width is a dash. */
  maxDashAspect: number;
  /** Ink at least this high for its width may be a slash or a 1. */
  minStrokeAspect: number;
  /** A stroke whose top lies right of its bottom by at least this share of its height is a slash. */
  minSlashLean: number;
  /** Rows or columns with fewer ink pixels than this are specks of the paper, not the mark. */
  minLineInk: number;
}

export const defaultMarkSettings: MarkSettings = {
  maxDashAspect: 0.3,
  minStrokeAspect: 1.5,
  minSlashLean: 0.15,
  minLineInk: 2,
};

export type Mark = "dash" | "slash";

/** Readings of one upright or leaning stroke: a 1, or a slash (a slash may read as two strokes, 1/). */
const STROKE_READING = /^[1|lI丨/／]{1,2}$/u;

/**
 * The blank mark a reading stands for, given the shape of its ink: flat ink read as one character is a dash
 * whatever the character (a faint dash reads as a 4; a long figure is flat too, but reads as several); a
 * leaning stroke is a slash when read as nothing, as a stroke, or, where figures stand (`amongFigures`), as a
 * lone character (/ as 册).
 */
export function markReading(text: string, shape: Mark | null, amongFigures: boolean): Mark | null {
  const chars = Array.from(text).length;
  if (shape === "dash" && chars <= 1) return "dash";
  const lone = chars === 1 && !/\d/.test(text) && amongFigures;
  return !text || STROKE_READING.test(text) || lone ? shape : null;
}

/** Share of the ink's height taken as its top (and as its bottom) when the lean is measured. */
const END_SHARE = 0.3;

/** The mark the ink of a box (x1, y1 exclusive) of a mask makes, or null when it is not a lone dash or slash. */
export function markShape(
  mask: Uint8Array,
  width: number,
  box: { x0: number; y0: number; x1: number; y1: number },
  s: MarkSettings = defaultMarkSettings,
): Mark | null {
  const rows = new Uint32Array(box.y1 - box.y0);
  const cols = new Uint32Array(box.x1 - box.x0);
  for (let y = box.y0; y < box.y1; y++)
    for (let x = box.x0; x < box.x1; x++)
      if (mask[y * width + x]) {
        rows[y - box.y0]++;
        cols[x - box.x0]++;
      }
  const first = (p: Uint32Array) => p.findIndex((n) => n >= s.minLineInk);
  const last = (p: Uint32Array) => p.length - 1 - [...p].reverse().findIndex((n) => n >= s.minLineInk);
  const top = first(rows);
  const left = first(cols);
  if (top < 0 || left < 0) return null;
  const h = last(rows) - top + 1;
  const w = last(cols) - left + 1;
  if (h <= s.maxDashAspect * w) return "dash";
  if (h < s.minStrokeAspect * w) return null;
  // Mean x of the ink in the top and the bottom part of the stroke.
  const meanX = (y0: number, y1: number) => {
    let sum = 0;
    let n = 0;
    for (let y = y0; y < y1; y++)
      for (let x = box.x0 + left; x < box.x0 + left + w; x++)
        if (mask[(box.y0 + y) * width + x]) {
          sum += x;
          n++;
        }
    return n ? sum / n : NaN;
  };
  const end = Math.max(1, Math.round(END_SHARE * h));
  const lean = meanX(top, top + end) - meanX(top + h - end, top + h);
  return lean >= s.minSlashLean * h ? "slash" : null;
}
