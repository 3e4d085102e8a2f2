import { multiply, type Matrix } from "./paths.js";
import { normalizeChar } from "../text/characters.js";
import type { Glyph } from "./types.js";

/** The fields of a pdf.js TextItem this stage reads. */
export interface TextRun {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

/** Runs rotated further than this from a multiple of 90° are dropped. */
export const MAX_SKEW_DEGREES = 5;

export interface FontStyle {
  vertical?: boolean;
}

/** Full-width characters (CJK, full-width forms) advance about one em; the rest about half. */
export function isWide(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c >= 0x2e80 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x3000 && c <= 0x303f) ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2014
  );
}

/**
 * Splits text runs into glyphs with their own boxes.
 * pdf.js may merge neighbouring cells into one run ("12" and "34" as "12  34"), so each character gets a
 * position of its own: natural advances by character class, with any extra run width given to its spaces
 * (where kerned gaps end up) or, without spaces, spread evenly.
 */
export function runsToGlyphs(runs: TextRun[], styles: Record<string, FontStyle>, viewport: Matrix): Glyph[] {
  const glyphs: Glyph[] = [];
  for (const run of runs) {
    const chars = Array.from(run.str);
    if (chars.length === 0 || chars.every((c) => c.trim() === "")) continue;
    const m = multiply(viewport, run.transform as Matrix);
    // Text set at a slant is a watermark or seal lettering, never table content.
    const angle = (Math.atan2(m[1], m[0]) * 180) / Math.PI;
    if (Math.abs(angle - 90 * Math.round(angle / 90)) > MAX_SKEW_DEGREES) continue;
    const vertical = Boolean(styles[run.fontName]?.vertical);
    // Size along the glyph's "up" axis; direction of advance along the run.
    const size = Math.hypot(m[2], m[3]) || Math.abs(run.height) || 1;
    const ux = Math.hypot(m[0], m[1]) || size;
    const dirX = vertical ? 0 : m[0] / ux;
    const dirY = vertical ? 1 : m[1] / ux;
    const advanceTotal = vertical ? Math.abs(run.height) || size * chars.length : run.width;
    const natural = chars.map((c) => (c === " " ? 0 : vertical ? 1 : isWide(c) ? 1 : 0.5) * size);
    const naturalSum = natural.reduce((a, b) => a + b, 0);
    const spaces = chars.filter((c) => c === " ").length;
    const extra = advanceTotal - naturalSum;
    const advances =
      spaces > 0 && extra > 0
        ? chars.map((c, k) => (c === " " ? extra / spaces : natural[k]))
        : natural.map((n) => (naturalSum > 0 ? (n * advanceTotal) / naturalSum : advanceTotal / chars.length));
    let pos = 0;
    for (let k = 0; k < chars.length; k++) {
      const adv = advances[k];
      const printed = chars[k];
      const ch = normalizeChar(printed);
      if (ch.trim() !== "") {
        if (vertical) {
          const x = m[4];
          const y = m[5] + pos;
          glyphs.push({ text: ch, x0: x - size / 2, x1: x + size / 2, y0: y, y1: y + adv, size, vertical });
        } else {
          const bx = m[4] + dirX * pos;
          const by = m[5] + dirY * pos;
          glyphs.push(horizontalGlyph(ch, bx, by, bx + dirX * adv, by + dirY * adv, [m[2] / size, m[3] / size], size));
        }
        if (ch !== printed) glyphs[glyphs.length - 1].original = printed;
      }
      pos += adv;
    }
  }
  return glyphs;
}

/**
 * A glyph of horizontal text from its baseline origin (bx, by) to its advanced end (ex, ey), `up` the unit vector of
 * its upright axis: its box runs from the ascent (~0.88 em) to the descent (~0.12 em) in device space.
 */
function horizontalGlyph(
  text: string,
  bx: number,
  by: number,
  ex: number,
  ey: number,
  up: [number, number],
  size: number,
): Glyph {
  // The box's corners: origin and end, each moved down by the descent and up by the ascent.
  const downX = up[0] * 0.12 * size;
  const downY = up[1] * 0.12 * size;
  const upX = up[0] * 0.88 * size;
  const upY = up[1] * 0.88 * size;
  const xa = bx - downX;
  const xb = ex - downX;
  const xc = bx + upX;
  const xd = ex + upX;
  const ya = by - downY;
  const yb = ey - downY;
  const yc = by + upY;
  const yd = ey + upY;
  return {
    text,
    x0: Math.min(xa, xb, xc, xd),
    x1: Math.max(xa, xb, xc, xd),
    y0: Math.min(ya, yb, yc, yd),
    y1: Math.max(ya, yb, yc, yd),
    size,
    vertical: false,
  };
}

/**
 * Adds to `out` the glyphs of what one glyph of a font printed (mostly one character; a ligature or a
 * multi-character mapping gives several, sharing its advance evenly), whitespace left out, each character
 * normalised (normalizeChar).
 */
export function glyphsOfRun(
  out: Glyph[],
  printed: string,
  bx: number,
  by: number,
  ex: number,
  ey: number,
  up: [number, number],
  size: number,
): void {
  const chars = printed.length === 1 ? [printed] : Array.from(printed);
  for (let k = 0; k < chars.length; k++) {
    const ch = normalizeChar(chars[k]);
    if (ch.trim() === "") continue;
    const a = k / chars.length;
    const b = (k + 1) / chars.length;
    const g = horizontalGlyph(
      ch,
      bx + (ex - bx) * a,
      by + (ey - by) * a,
      bx + (ex - bx) * b,
      by + (ey - by) * b,
      up,
      size,
    );
    if (ch !== chars[k]) g.original = chars[k];
    out.push(g);
  }
}
