import { glyphsOfRun, MAX_SKEW_DEGREES } from "./glyphs.js";
import { multiply, type Matrix } from "./paths.js";
import type { Glyph } from "./types.js";

/** pdf.js operator codes the text decoder reads (the values of pdf.js `OPS`, passed in so the decoder stays pure). */
export interface TextOps {
  save: number;
  restore: number;
  transform: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  beginAnnotation: number;
  endAnnotation: number;
  setGState: number;
  beginText: number;
  setFont: number;
  setTextMatrix: number;
  moveText: number;
  setLeadingMoveText: number;
  nextLine: number;
  setLeading: number;
  setCharSpacing: number;
  setWordSpacing: number;
  setHScale: number;
  setTextRise: number;
  showText: number;
}

/** What the decoder reads of a font pdf.js loaded (its exported data). */
export interface TextFont {
  fontMatrix?: ArrayLike<number> | null;
  vertical?: boolean;
  isType3Font?: boolean;
}

/** What the decoder reads of a glyph of a showText operator (pdf.js Glyph). */
export interface ShownGlyph {
  unicode: string;
  width: number;
  isSpace?: boolean;
}

interface TextState {
  ctm: Matrix;
  tm: Matrix;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
  font: TextFont | null;
  fontSize: number;
  fontDirection: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const FONT_IDENTITY = [0.001, 0, 0, 0.001, 0, 0];
// pdf.js's text layer (getTextContent without disableNormalization) folds these compatibility characters (spaces,
// ligatures, presentation forms) with NFKC; the glyphs here are folded alike.
const COMPATIBILITY = /[\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufdff\ufe70-\ufeff]/;
const FORMAT_MARK = /\p{Cf}/u;

/**
 * The glyphs of a page from its pdf.js operator list, each placed as the canvas draws it: the text matrix and
 * position, font size and matrix, character and word spacing, horizontal scale and rise, through the CTM (and
 * form XObjects) into the space of `initial` (the viewport transform). One pass over the content stream gives a
 * page's text and its lines together. Text of annotations is left out, as the text layer leaves it out.
 * Returns null when a font of the page is one this placement does not follow (Type 3, vertical, or not loaded):
 * the caller then reads the page's text layer instead.
 */
export function decodeText(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  ops: TextOps,
  initial: Matrix,
  fontOf: (name: string) => TextFont | null,
): Glyph[] | null {
  const glyphs: Glyph[] = [];
  const stack: TextState[] = [];
  let st: TextState = {
    ctm: initial,
    tm: IDENTITY,
    x: 0,
    y: 0,
    lineX: 0,
    lineY: 0,
    font: null,
    fontSize: 0,
    fontDirection: 1,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
  };
  let annotations = 0;
  const moveText = (x: number, y: number) => {
    st.x = st.lineX += x;
    st.y = st.lineY += y;
  };
  const setFont = (name: unknown, size: unknown): boolean => {
    const font = typeof name === "string" ? fontOf(name) : null;
    if (!font || font.isType3Font || font.vertical) return false;
    const s = Number(size) || 0;
    st.font = font;
    st.fontDirection = s < 0 ? -1 : 1;
    st.fontSize = Math.abs(s);
    return true;
  };
  for (let k = 0; k < fnArray.length; k++) {
    const fn = fnArray[k];
    const args = argsArray[k] as unknown[] | null;
    if (fn === ops.save || fn === ops.paintFormXObjectBegin) {
      stack.push(st);
      st = { ...st };
      const m = fn === ops.paintFormXObjectBegin ? (args?.[0] as Matrix | null) : null;
      if (m && m.length === 6) st.ctm = multiply(st.ctm, m);
    } else if (fn === ops.restore || fn === ops.paintFormXObjectEnd) st = stack.pop() ?? st;
    else if (fn === ops.transform && args) st.ctm = multiply(st.ctm, args as unknown as Matrix);
    else if (fn === ops.beginAnnotation) annotations++;
    else if (fn === ops.endAnnotation) annotations = Math.max(0, annotations - 1);
    else if (fn === ops.beginText) {
      st.tm = IDENTITY;
      st.x = st.y = st.lineX = st.lineY = 0;
    } else if (fn === ops.setFont && args) {
      if (!setFont(args[0], args[1])) return null;
    } else if (fn === ops.setGState && args) {
      for (const [key, value] of (args[0] as [string, unknown[]][] | null) ?? [])
        if (key === "Font" && !setFont(value?.[0], value?.[1])) return null;
    } else if (fn === ops.setTextMatrix && args) {
      st.tm = Array.from(args[0] as ArrayLike<number>) as Matrix;
      st.x = st.y = st.lineX = st.lineY = 0;
    } else if (fn === ops.moveText && args) moveText(Number(args[0]), Number(args[1]));
    else if (fn === ops.setLeadingMoveText && args) {
      st.leading = Number(args[1]);
      moveText(Number(args[0]), Number(args[1]));
    } else if (fn === ops.nextLine) moveText(0, st.leading);
    else if (fn === ops.setLeading && args) st.leading = -Number(args[0]);
    else if (fn === ops.setCharSpacing && args) st.charSpacing = Number(args[0]);
    else if (fn === ops.setWordSpacing && args) st.wordSpacing = Number(args[0]);
    else if (fn === ops.setHScale && args) st.hScale = Number(args[0]) / 100;
    else if (fn === ops.setTextRise && args) st.rise = Number(args[0]);
    else if (fn === ops.showText && args && st.font && st.fontSize) {
      const advance = show(args[0] as (ShownGlyph | number)[], st, annotations > 0 ? null : glyphs);
      st.x += advance * st.hScale * st.fontDirection;
    }
  }
  return glyphs;
}

/** Places one showText operator's glyphs into `out` (when given); returns its advance in text space. */
function show(shown: (ShownGlyph | number)[], st: TextState, out: Glyph[] | null): number {
  const fontMatrix = st.font?.fontMatrix ?? FONT_IDENTITY;
  const widthScale = st.fontSize * fontMatrix[0];
  const hScale = st.hScale * st.fontDirection;
  const trm = multiply(st.ctm, st.tm);
  const size = st.fontSize * Math.hypot(trm[2], trm[3]);
  const angle = (Math.atan2(trm[1], trm[0]) * 180) / Math.PI;
  // The glyphs' upright axis: the text matrix's y axis through the CTM, as a unit vector.
  const up: [number, number] = [(trm[2] * st.fontSize) / size, (trm[3] * st.fontSize) / size];
  const placed = out && size > 0 && Math.abs(angle - 90 * Math.round(angle / 90)) <= MAX_SKEW_DEGREES;
  let x = 0;
  for (const glyph of shown) {
    if (typeof glyph === "number") {
      x -= (glyph * st.fontSize) / 1000;
      continue;
    }
    const width = glyph.width * widthScale;
    let text = glyph.unicode ?? "";
    if (placed && text.trim() !== "" && !FORMAT_MARK.test(text)) {
      if (COMPATIBILITY.test(text)) text = text.normalize("NFKC");
      const tx = st.x + x * hScale;
      const ty = st.y + st.rise;
      const bx = trm[0] * tx + trm[2] * ty + trm[4];
      const by = trm[1] * tx + trm[3] * ty + trm[5];
      // Advance along the text matrix's x axis (through the CTM).
      const ex = bx + trm[0] * width * hScale;
      const ey = by + trm[1] * width * hScale;
      glyphsOfRun(out, text, bx, by, ex, ey, up, size);
    }
    x += width + ((glyph.isSpace ? st.wordSpacing : 0) + st.charSpacing) * st.fontDirection;
  }
  return x;
}
