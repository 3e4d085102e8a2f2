/** Which OCR readings of table cells may be figures, to be read again with a digits-only alphabet. */

/** A reading made of figure characters only (o and 〇 are zeros OCR read as letters). */
export const NUMERIC = /^[0-9０-９,，.．\-－—–/／oO〇]+$/u;
/** Two Chinese characters or more: a label or a header word. */
export const TWO_HAN = /[\u4e00-\u9fff].*[\u4e00-\u9fff]/u;
/** More than half: a column of short readings. */
const MOSTLY = 0.5;

/** A number, or digits without two Chinese characters beside them. */
export const looksNumeric = (t: string) => NUMERIC.test(t) || (/\d/.test(t) && !/[\u4e00-\u9fff]{2}/u.test(t));

/** Where a reading stands: the ruled row and column of its cell, or null for a text block of a borderless table. */
export interface ReadingPlace {
  row: string | null;
  col: string | null;
}

/**
 * Whether the reading at an index may be a misread figure. A text block that is not a label may be one. In a
 * ruled row with any figure, a reading of one or two characters is one as likely as not (a bold 0 at 120 dpi
 * reads as 册 in every cell of a column, 4 as 也, 1 as 工). A row whose every figure misread (0 crowded by its
 * cell's borders reads as 品) is found by its column: one character in a column of short readings (labels are
 * long), some of them figures.
 */
export function misreadFigures(texts: string[], places: ReadingPlace[]): (k: number) => boolean {
  const shareOf = (line: (p: ReadingPlace) => string | null, test: (t: string) => boolean) => {
    const share = new Map<string, number>();
    for (const key of new Set(places.map(line))) {
      if (key === null) continue;
      const ks = places.map((p, k) => (line(p) === key ? k : -1)).filter((k) => k >= 0);
      share.set(key, ks.filter((k) => test(texts[k])).length / ks.length);
    }
    return share;
  };
  const rowFigures = shareOf((p) => p.row, looksNumeric);
  const columnFigures = shareOf((p) => p.col, looksNumeric);
  const columnShort = shareOf(
    (p) => p.col,
    (t) => Array.from(t).length <= 2,
  );
  return (k) => {
    const { row, col } = places[k];
    if (row === null) return !TWO_HAN.test(texts[k]);
    const chars = Array.from(texts[k]).length;
    const figureColumn = (columnFigures.get(col!) ?? 0) > 0 && (columnShort.get(col!) ?? 0) > MOSTLY;
    return ((rowFigures.get(row) ?? 0) > 0 && chars <= 2) || (figureColumn && chars === 1);
  };
}
