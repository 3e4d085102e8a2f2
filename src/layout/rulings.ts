import type { Segment } from "../pdf/types.js";

// Comparators made once (a callback made anew per call is compiled again after every full collection).
const ascending = (a: number, b: number) => a - b;
const byStart = (p: Ruling, q: Ruling) => p.a - q.a;

/** A horizontal (y fixed, from a to b along x) or vertical (x fixed, from a to b along y) ruling line. */
export interface Ruling {
  /** The fixed coordinate: y for horizontal, x for vertical. */
  at: number;
  a: number;
  b: number;
}

export interface RulingSettings {
  /** Lines whose fixed coordinates differ by at most this are one line (double borders, anti-aliased fills). */
  snapTolerance: number;
  /** Collinear pieces separated by at most this gap are joined (borders drawn cell by cell). */
  joinTolerance: number;
  /** Shorter lines are decoration (underlines of single characters, tick marks). */
  minLength: number;
}

export const defaultRulingSettings: RulingSettings = { snapTolerance: 2.5, joinTolerance: 3, minLength: 4 };

/** Groups values that lie within `tol` of their neighbour; returns the mean of each group for every input. */
export function snapValues(values: number[], tol: number): Map<number, number> {
  const sorted = [...new Set(values)].sort(ascending);
  const out = new Map<number, number>();
  let group: number[] = [];
  const flush = () => {
    const mean = group.reduce((s, v) => s + v, 0) / group.length;
    for (const v of group) out.set(v, mean);
    group = [];
  };
  for (const v of sorted) {
    if (group.length && v - group[group.length - 1] > tol) flush();
    group.push(v);
  }
  if (group.length) flush();
  return out;
}

function joinCollinear(lines: Ruling[], joinTol: number, minLength: number): Ruling[] {
  const byAt = new Map<number, Ruling[]>();
  for (const l of lines) {
    const list = byAt.get(l.at) ?? [];
    list.push(l);
    byAt.set(l.at, list);
  }
  const out: Ruling[] = [];
  for (const list of byAt.values()) {
    list.sort(byStart);
    let cur = { ...list[0] };
    for (const l of list.slice(1)) {
      if (l.a <= cur.b + joinTol) cur.b = Math.max(cur.b, l.b);
      else {
        out.push(cur);
        cur = { ...l };
      }
    }
    out.push(cur);
  }
  return out.filter((l) => l.b - l.a >= minLength);
}

/** Turns raw segments into snapped, joined horizontal and vertical rulings. */
export function buildRulings(
  segments: Segment[],
  settings: RulingSettings = defaultRulingSettings,
): { h: Ruling[]; v: Ruling[] } {
  const hRaw: Ruling[] = [];
  const vRaw: Ruling[] = [];
  for (const s of segments) {
    if (s.y0 === s.y1) hRaw.push({ at: s.y0, a: Math.min(s.x0, s.x1), b: Math.max(s.x0, s.x1) });
    else if (s.x0 === s.x1) vRaw.push({ at: s.x0, a: Math.min(s.y0, s.y1), b: Math.max(s.y0, s.y1) });
  }
  const snap = (lines: Ruling[]) => {
    const m = snapValues(
      lines.map((l) => l.at),
      settings.snapTolerance,
    );
    return lines.map((l) => ({ ...l, at: m.get(l.at)! }));
  };
  return {
    h: joinCollinear(snap(hRaw), settings.joinTolerance, settings.minLength),
    v: joinCollinear(snap(vRaw), settings.joinTolerance, settings.minLength),
  };
}
