/** Reading a printed table value: integers, decimals, separators, units, negatives and the ways of printing nothing. */

export interface ParsedValue {
  /** null when the text is not a number and not a blank marker. */
  value: number | null;
  blank: boolean;
  /** Unit converted from (e.g. "元" printed in a 万元 column), for the provenance note. */
  convertedFrom?: string;
  /** A count printed (or OCR'd) "8.157": its point taken for the thousands separator a count must have meant. */
  pointAsSeparator?: boolean;
}

/** A number whose only point stands before exactly three digits: "8.157" (a comma misprinted or misread). */
const POINT_THOUSANDS = /^\d{1,3}\.\d{3}$/;

/** What agencies print for "nothing": read as 0 with blank: true. */
const BLANK = /^(?:|[-－—–―─━一_/／\\]+|无|空)$/u;
const UNIT = /(?:万元|元|件|个|项|条|次|宗|家|人|%|％)$/u;

/** True when a cell's text reads as a value (number or blank marker), used to tell data rows from headers. */
export function isValueText(raw: string): boolean {
  const p = parseValue(raw);
  return p.value !== null && (!p.blank || raw.trim() !== "");
}

/** `count`: the column holds counts (whole numbers), so a point before three digits separates thousands. */
export function parseValue(raw: string, columnUnit?: "万元", count = false): ParsedValue {
  let t = raw
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[−‐‑–]/g, "-");
  if (BLANK.test(t)) return { value: 0, blank: true };
  let convertedFrom: string | undefined;
  const unit = t.match(UNIT)?.[0];
  if (unit) {
    t = t.slice(0, -unit.length);
    if (unit === "元" && columnUnit === "万元") convertedFrom = "元";
  }
  if (/^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(t)) t = t.replace(/,/g, "");
  if (count && POINT_THOUSANDS.test(t))
    return { value: Number(t.replace(".", "")), blank: false, pointAsSeparator: true };
  if (!/^[-+]?\d+(?:\.\d+)?$/.test(t)) return { value: null, blank: false };
  // More digits than a double holds exactly is not a count or an amount anyone printed.
  if (t.replace(/\D/g, "").length > 15) return { value: null, blank: false };
  let value = Number(t);
  if (convertedFrom) value = value / 10000;
  if (Object.is(value, -0)) value = 0;
  return { value: Number(value.toFixed(6)), blank: false, convertedFrom };
}
