/** Minimum similarity for an observed row label to stand for a template row. */
export const MATCH_THRESHOLD = 0.5;

export interface AlignmentMatch {
  observed: number;
  canonical: number;
  score: number;
}

/**
 * Order-preserving alignment of observed rows to template rows (both in reading order), maximising total similarity.
 * Observed rows may be skipped (subtotal rows, repeated headers, other tables) and so may template rows (missing).
 * Among equal alignments the earliest observed rows win, so a later look-alike row does not steal a match.
 */
export function align(
  n: number,
  m: number,
  score: (i: number, j: number) => number,
  threshold = MATCH_THRESHOLD,
): AlignmentMatch[] {
  const EARLY = 1e-5;
  // Plain loops: callbacks made anew per call lose their compiled code at every full collection.
  const dp: number[][] = [];
  for (let i = 0; i <= n; i++) dp.push(new Array<number>(m + 1).fill(0));
  const sims: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(m);
    for (let j = 0; j < m; j++) row[j] = score(i, j);
    sims.push(row);
  }
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++) {
      let best = Math.max(dp[i - 1][j], dp[i][j - 1]);
      const s = sims[i - 1][j - 1];
      if (s >= threshold) best = Math.max(best, dp[i - 1][j - 1] + s - EARLY * i);
      dp[i][j] = best;
    }
  const out: AlignmentMatch[] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const s = sims[i - 1][j - 1];
    if (s >= threshold && Math.abs(dp[i][j] - (dp[i - 1][j - 1] + s - EARLY * i)) < 1e-9) {
      out.push({ observed: i - 1, canonical: j - 1, score: s });
      i--;
      j--;
    } else if (dp[i][j] === dp[i - 1][j]) i--;
    else j--;
  }
  return out.reverse();
}

/**
 * Fills single gaps between two matches: one observed row left between two matched rows, where exactly one
 * template row is left too, is that row (its label misread, by OCR say). Its score stays its own low
 * similarity, so the match is reported as loose.
 */
export function fillSingleGaps(matches: AlignmentMatch[], score: (i: number, j: number) => number): AlignmentMatch[] {
  const out: AlignmentMatch[] = [];
  matches.forEach((m, k) => {
    const prev = matches[k - 1];
    if (prev && m.observed - prev.observed === 2 && m.canonical - prev.canonical === 2)
      out.push({
        observed: prev.observed + 1,
        canonical: prev.canonical + 1,
        score: score(prev.observed + 1, prev.canonical + 1),
      });
    out.push(m);
  });
  return out;
}
