import type { Reading } from "./engine.js";

/**
 * Several readings of one figure vote. The engine's misreadings (a 5 taken for a 3, a digit dropped or
 * doubled) change with the image's scale; the right reading tends to come back.
 */

export interface VoteSettings {
  /** Confidence of a reading most voters agree on. */
  agreedConfidence: number;
}

const FIGURE = /^-?\d+(?:\.\d+)?$/;

/** A reading as a figure: full-width forms, spaces and thousands separators gone; null when it is no figure. */
function figure(text: string): string | null {
  const t = text.normalize("NFKC").replace(/[\s,]/g, "");
  return FIGURE.test(t) ? t : null;
}

/**
 * The figure most readings agree on. The first reading is the one to beat (it wins ties) and stands alone
 * when no other reading is a figure. The winner is sure (agreedConfidence) when more than half of the
 * readings that are figures agree on it and it is not a lone vote against the silence of the others, unless
 * that lone vote was sure already; otherwise its confidence is the share of the votes it got.
 */
export function voteFigure(first: Reading, others: Reading[], s: VoteSettings): Reading {
  const votes = new Map<string, number>();
  for (const r of [first, ...others]) {
    const f = figure(r.text);
    if (f !== null) votes.set(f, (votes.get(f) ?? 0) + 1);
  }
  if (votes.size === 0) return first;
  // Map order is first-seen order and sort is stable: of tied figures the earliest reading's wins.
  const [text, count] = [...votes].sort((a, b) => b[1] - a[1])[0];
  const cast = [...votes.values()].reduce((a, b) => a + b, 0);
  const firstSure = figure(first.text) === text && first.confidence >= s.agreedConfidence;
  const sure = count * 2 > cast && (count >= 2 || firstSure);
  return {
    text,
    confidence: sure
      ? Math.max(s.agreedConfidence, firstSure ? first.confidence : 0)
      : Math.round((100 * count) / (others.length + 1)),
  };
}
