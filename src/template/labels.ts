/** Label normalisation and fuzzy matching: the template's wording against what a report printed. */

const NUMBERING = /^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．，,]|\d+\s*[、.．，,)）]|[①②③④⑤⑥⑦⑧⑨⑩])\s*/u;
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

/** Comparable form of a label: full-width folded, numbering, spaces, punctuation and quotes removed. */
export function normalizeLabel(label: string): string {
  return stripNumbering(label).replace(NOISE, "");
}

function lcs(a: string, b: string): number {
  const A = Array.from(a);
  const B = Array.from(b);
  let prev = new Array<number>(B.length + 1).fill(0);
  for (let i = 1; i <= A.length; i++) {
    const cur = new Array<number>(B.length + 1).fill(0);
    for (let j = 1; j <= B.length; j++) cur[j] = A[i - 1] === B[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  return prev[B.length];
}

/** Dice similarity over the longest common subsequence of two normalised labels: 1 identical, 0 nothing shared. */
export function similarity(observed: string, canonical: string): number {
  const a = normalizeLabel(observed);
  const b = normalizeLabel(canonical);
  if (!a.length || !b.length) return 0;
  return (2 * lcs(a, b)) / (Array.from(a).length + Array.from(b).length);
}

/** Share of the canonical label's characters found, in order, in the observed text (for headers that add words). */
export function containment(observed: string, canonical: string): number {
  const a = normalizeLabel(observed);
  const b = normalizeLabel(canonical);
  if (!b.length) return 0;
  return lcs(a, b) / Array.from(b).length;
}
