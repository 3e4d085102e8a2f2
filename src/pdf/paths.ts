import type { Box, PageImage, Segment } from "./types.js";

/** pdf.js operator codes this decoder reads (the values of pdf.js `OPS`, passed in so the decoder stays pure). */
export interface PathOps {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  paintImageXObject: number;
  paintInlineImageXObject: number;
  paintImageMaskXObject: number;
  paintImageXObjectRepeat: number;
}

/** pdf.js v5 path buffer opcodes (`DrawOPS`): a constructPath op carries one flat Float32Array of these. */
export const DrawOp = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

export type Matrix = [number, number, number, number, number, number];

export interface PathDecoderSettings {
  /** A segment whose ends differ by less than this across its direction counts as axis-aligned. */
  axisTolerance: number;
  /** A filled rectangle at most this thick is a ruling line (browsers and WPS draw borders as thin fills). */
  maxRuleThickness: number;
  /** Filled rectangles covering more than this share of the page are backgrounds, not cell borders. */
  maxFillShareOfPage: number;
}

export const defaultPathSettings: PathDecoderSettings = {
  axisTolerance: 1,
  maxRuleThickness: 3,
  maxFillShareOfPage: 0.5,
};

export interface DecodedGraphics {
  segments: Segment[];
  images: PageImage[];
}

export function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

type Point = [number, number];

/** Splits a v5 path buffer into subpaths of device-space points; curves are kept only as their end points. */
export function subpaths(
  buffer: ArrayLike<number>,
  ctm: Matrix,
): { points: Point[]; closed: boolean; curved: boolean }[] {
  const out: { points: Point[]; closed: boolean; curved: boolean }[] = [];
  let current: { points: Point[]; closed: boolean; curved: boolean } | null = null;
  let i = 0;
  while (i < buffer.length) {
    const op = buffer[i++];
    if (op === DrawOp.moveTo) {
      current = { points: [apply(ctm, buffer[i], buffer[i + 1])], closed: false, curved: false };
      out.push(current);
      i += 2;
    } else if (op === DrawOp.lineTo) {
      if (!current) {
        current = { points: [], closed: false, curved: false };
        out.push(current);
      }
      current.points.push(apply(ctm, buffer[i], buffer[i + 1]));
      i += 2;
    } else if (op === DrawOp.curveTo) {
      if (current) {
        current.curved = true;
        current.points.push(apply(ctm, buffer[i + 4], buffer[i + 5]));
      }
      i += 6;
    } else if (op === DrawOp.quadraticCurveTo) {
      if (current) {
        current.curved = true;
        current.points.push(apply(ctm, buffer[i + 2], buffer[i + 3]));
      }
      i += 4;
    } else if (op === DrawOp.closePath) {
      if (current) current.closed = true;
    } else {
      break; // unknown opcode: the rest of the buffer cannot be trusted
    }
  }
  return out;
}

function axisSegment(a: Point, b: Point, tol: number): Segment | null {
  const [x0, y0] = a;
  const [x1, y1] = b;
  if (Math.abs(y0 - y1) <= tol && Math.abs(x0 - x1) > tol) {
    const y = (y0 + y1) / 2;
    return { x0: Math.min(x0, x1), y0: y, x1: Math.max(x0, x1), y1: y };
  }
  if (Math.abs(x0 - x1) <= tol && Math.abs(y0 - y1) > tol) {
    const x = (x0 + x1) / 2;
    return { x0: x, y0: Math.min(y0, y1), x1: x, y1: Math.max(y0, y1) };
  }
  return null;
}

function bounds(points: Point[]): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** A subpath that is an axis-aligned rectangle (4 corners, optionally repeating the first). */
function asRectangle(points: Point[], tol: number): Box | null {
  const pts =
    points.length === 5 && Math.hypot(points[0][0] - points[4][0], points[0][1] - points[4][1]) <= tol
      ? points.slice(0, 4)
      : points;
  if (pts.length !== 4) return null;
  for (let k = 0; k < 4; k++) {
    const a = pts[k];
    const b = pts[(k + 1) % 4];
    if (Math.abs(a[0] - b[0]) > tol && Math.abs(a[1] - b[1]) > tol) return null;
  }
  return bounds(pts);
}

function rectangleEdges(r: Box): Segment[] {
  return [
    { x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y0 },
    { x0: r.x0, y0: r.y1, x1: r.x1, y1: r.y1 },
    { x0: r.x0, y0: r.y0, x1: r.x0, y1: r.y1 },
    { x0: r.x1, y0: r.y0, x1: r.x1, y1: r.y1 },
  ];
}

/**
 * Reads the ruling segments and image placements of a page from its pdf.js operator list.
 * Coordinates come out in the space of `initial` (the viewport transform: top-left origin).
 */
export function decodeGraphics(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  ops: PathOps,
  initial: Matrix,
  pageArea: number,
  settings: PathDecoderSettings = defaultPathSettings,
): DecodedGraphics {
  const segments: Segment[] = [];
  const images: PageImage[] = [];
  const stack: Matrix[] = [];
  let ctm = initial;
  const strokeOps = new Set([
    ops.stroke,
    ops.closeStroke,
    ops.fillStroke,
    ops.eoFillStroke,
    ops.closeFillStroke,
    ops.closeEOFillStroke,
  ]);
  const fillOps = new Set([ops.fill, ops.eoFill]);
  const imageOps = new Set([
    ops.paintImageXObject,
    ops.paintInlineImageXObject,
    ops.paintImageMaskXObject,
    ops.paintImageXObjectRepeat,
  ]);
  const tol = settings.axisTolerance;

  for (let k = 0; k < fnArray.length; k++) {
    const fn = fnArray[k];
    const args = argsArray[k] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform && args) ctm = multiply(ctm, args as Matrix);
    else if (fn === ops.paintFormXObjectBegin && args) {
      stack.push(ctm);
      const m = args[0] as Matrix | null;
      if (m && m.length === 6) ctm = multiply(ctm, m);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (imageOps.has(fn)) {
      const id = fn === ops.paintImageXObject && typeof args?.[0] === "string" ? args[0] : null;
      // Page space runs down the page and image space up it: upright, the image's y axis points up the page.
      const upright = Math.abs(ctm[1]) <= tol && Math.abs(ctm[2]) <= tol && ctm[0] > 0 && ctm[3] < 0;
      images.push({ ...bounds([apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)]), id, upright });
    } else if (fn === ops.constructPath && args) {
      const paintOp = args[0] as number;
      const buffer = (args[1] as unknown[] | null)?.[0] as ArrayLike<number> | null;
      if (!buffer) continue;
      const stroked = strokeOps.has(paintOp);
      const filled = fillOps.has(paintOp) || paintOp === ops.fillStroke || paintOp === ops.eoFillStroke;
      for (const sub of subpaths(buffer, ctm)) {
        if (sub.curved) continue;
        const rect = asRectangle(sub.points, tol);
        if (filled && rect) {
          const w = rect.x1 - rect.x0;
          const h = rect.y1 - rect.y0;
          if (Math.min(w, h) <= settings.maxRuleThickness) {
            if (Math.max(w, h) > settings.maxRuleThickness) {
              segments.push(
                w >= h
                  ? { x0: rect.x0, y0: (rect.y0 + rect.y1) / 2, x1: rect.x1, y1: (rect.y0 + rect.y1) / 2 }
                  : { x0: (rect.x0 + rect.x1) / 2, y0: rect.y0, x1: (rect.x0 + rect.x1) / 2, y1: rect.y1 },
              );
            }
            continue;
          }
          if (w * h <= settings.maxFillShareOfPage * pageArea) segments.push(...rectangleEdges(rect));
          continue;
        }
        if (!stroked) continue;
        const pts = sub.closed && sub.points.length > 2 ? [...sub.points, sub.points[0]] : sub.points;
        for (let p = 1; p < pts.length; p++) {
          const s = axisSegment(pts[p - 1], pts[p], tol);
          if (s) segments.push(s);
        }
      }
    }
  }
  return { segments, images };
}
