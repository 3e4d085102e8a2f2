/** Label normalisation and fuzzy matching: the template's wording against what a report printed. */
import { NUMBERING } from "./numbering.js";

const NOISE = /[\s\p{P}\p{S}]/gu;

/** Removes the leading numbering of a label ("（三）", "2、", "二、", "①"), repeatedly ("三、（一）"). */
export function stripNumbering(label: string): string {
  // Circled numbers first: NFKC would turn ① into a bare "1" that reads like part of the label.
  let s = label.replace(/^\s*[①②③④⑤⑥⑦⑧⑨⑩]\s*/u, "").normalize("NFKC");
  for (let k = 0; k < 3; k++) {
    const next = s.replace(NUMBERING, "");
    if (next === s) break;
    s = next;
  }
  return s;
}

const normalized = new Map<string, string>();
/** Labels recur across rows, tables and reports: normalising each once pays (bounded, so memory stays flat). */
const MAX_CACHED = 20_000;

/** Comparable form of a label: full-width folded, numbering, spaces, punctuation and quotes removed. */
export function normalizeLabel(label: string): string {
  let n = normalized.get(label);
  if (n === undefined) {
    if (normalized.size >= MAX_CACHED) normalized.clear();
    n = stripNumbering(label).replace(NOISE, "");
    normalized.set(label, n);
  }
  return n;
}

let rowA = new Uint16Array(64);
let rowB = new Uint16Array(64);

function lcsLength(a: string, b: string): number {
  // Labels are BMP text: code units are characters, and two rolling rows (reused across calls) are enough.
  if (rowA.length <= b.length) {
    rowA = new Uint16Array(2 * b.length + 1);
    rowB = new Uint16Array(2 * b.length + 1);
  }
  let prev = rowA.fill(0, 0, b.length + 1);
  let cur = rowB.fill(0, 0, b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++)
      cur[j] = ca === b.charCodeAt(j - 1) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Every report compares its labels with the same template labels: each pair is worked out once (bounded). */
const lcsCache = new Map<string, Map<string, number>>();
let lcsCached = 0;

function lcs(a: string, b: string): number {
  let byB = lcsCache.get(b);
  let n = byB?.get(a);
  if (n === undefined) {
    if (lcsCached >= MAX_CACHED) {
      lcsCache.clear();
      lcsCached = 0;
      byB = undefined;
    }
    n = lcsLength(a, b);
    if (!byB) lcsCache.set(b, (byB = new Map()));
    byB.set(a, n);
    lcsCached++;
  }
  return n;
}

/** Dice similarity over the longest common subsequence of two normalised labels: 1 identical, 0 nothing shared. */
export function similarity(observed: string, canonical: string): number {
  const a = normalizeLabel(observed);
  const b = normalizeLabel(canonical);
  if (!a.length || !b.length) return 0;
  return (2 * lcs(a, b)) / (a.length + b.length);
}

/** Share of the canonical label's characters found, in order, in the observed text (for headers that add words). */
export function containment(observed: string, canonical: string): number {
  const a = normalizeLabel(observed);
  const b = normalizeLabel(canonical);
  if (!b.length) return 0;
  return lcs(a, b) / b.length;
}
