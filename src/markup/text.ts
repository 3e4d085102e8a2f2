/**
 * Text helpers shared by the web-page and Word readers: whitespace collapsing, joining the lines of a cell or a
 * heading the way a Chinese reader reads them, and decoding a saved page's bytes (UTF-8 or GBK/GB18030, with or
 * without a declared charset).
 *
 * Both readers must give the same cell text for the same table, whatever the source format, so the rules live here.
 */

/**
 * Characters that sit next to each other without a space in Chinese text: ideographs, CJK and full-width
 * punctuation, and the curly quotes, dashes and ellipsis Chinese text borrows from general punctuation.
 */
const CJK =
  /[\p{Script=Han}\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31c0-\u31ef\u3200-\u33ff\ufe30-\ufe4f\uff00-\uffef\u2014\u2018-\u201f\u2026\u00b7]/u;

export const isCjk = (ch: string): boolean => CJK.test(ch);

/**
 * Whitespace that collapses to one space. U+3000 (ideographic space) is a full-width character and stays inside the
 * text; it is only trimmed at the ends, where it is indentation.
 */
const SPACES = /[\t\n\r\f\v \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f]+/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const EDGES = /^[\s\u3000]+|[\s\u3000]+$/g;

/** A source line break (with its indentation) between two CJK characters: markup wrapped inside a sentence. */
const CJK_WRAP = new RegExp(`(?<=${CJK.source})[\\t \\u00a0]*[\\r\\n][\\t\\r\\n \\u00a0]*(?=${CJK.source})`, "gu");

/**
 * One space between words, none at the ends; zero-width characters and soft hyphens dropped. A line break of the
 * source between two CJK characters disappears (as CSS Text 3 renders it): "政府信息\n    公开" is "政府信息公开".
 */
export function collapse(text: string): string {
  return text.replace(ZERO_WIDTH, "").replace(CJK_WRAP, "").replace(SPACES, " ").replace(EDGES, "");
}

/**
 * Joins two lines of one cell or heading: directly when both sides of the break are CJK ("商业" + "企业" →
 * "商业企业"), else with a space ("Word" + "2019" → "Word 2019"), so a wrapped label reads as it was typed.
 */
export function joinLines(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  const last = Array.from(a).at(-1) ?? "";
  const first = Array.from(b)[0] ?? "";
  return isCjk(last) && isCjk(first) ? a + b : `${a} ${b}`;
}

/** Collapses each line and joins the non-empty ones with {@link joinLines}. */
export function joinAll(lines: readonly string[]): string {
  return lines
    .map(collapse)
    .filter((l) => l.length > 0)
    .reduce(joinLines, "");
}

/** Counts ideographs: how much Chinese prose a piece of a page holds. */
export function cjkCount(text: string): number {
  let n = 0;
  for (const ch of text) if (/\p{Script=Han}/u.test(ch)) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Decoding saved web pages

/** A WHATWG encoding name TextDecoder accepts: "utf-8", "utf-16le", "utf-16be", "gb18030", or what a page declares. */
export type PageEncoding = string;

/** GB2312 and GBK are subsets of GB18030: one decoder reads all three (and mislabelled pages using GBK characters). */
const GB_LABELS = new Set([
  "gb2312",
  "gbk",
  "gb18030",
  "x-gbk",
  "cp936",
  "ms936",
  "windows-936",
  "csgb2312",
  "chinese",
  "iso-ir-58",
  "csiso58gb231280",
  "gb_2312",
  "gb_2312-80",
  "x-euc-cn",
  "euc-cn",
]);

function bomEncoding(bytes: Uint8Array): { encoding: PageEncoding; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  return null;
}

/** The charset a page declares in its first 2 KB (`<meta charset>` or `http-equiv content-type`), normalised. */
export function declaredCharset(bytes: Uint8Array): PageEncoding | null {
  // Latin-1 maps every byte to one character, so ASCII markup reads correctly whatever the real encoding is.
  const head = Buffer.from(bytes.subarray(0, 2048)).toString("latin1");
  const m = head.match(/<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)/i);
  if (!m) return null;
  const label = m[1].toLowerCase();
  if (GB_LABELS.has(label)) return "gb18030";
  if (label === "utf8" || label === "unicode-1-1-utf-8") return "utf-8";
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null; // a label TextDecoder does not know: decide by content
  }
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const hasNonAscii = (bytes: Uint8Array) => bytes.some((b) => b >= 0x80);

/**
 * Which encoding the page's bytes are in: a BOM, then the declared charset, else UTF-8 when the bytes are valid
 * UTF-8, else GB18030.
 *
 * A declaration is overruled in one case each way, because saved pages are often re-encoded without fixing their
 * `<meta>`: a page declared GBK whose non-ASCII bytes are valid UTF-8 is UTF-8 (GBK text of any length is almost never
 * valid UTF-8), and a page declared UTF-8 whose bytes are not valid UTF-8 is GB18030.
 */
export function detectEncoding(bytes: Uint8Array): { encoding: PageEncoding; skip: number } {
  const bom = bomEncoding(bytes);
  if (bom) return bom;
  const declared = declaredCharset(bytes);
  const utf8 = isValidUtf8(bytes);
  if (declared === "gb18030") return { encoding: utf8 && hasNonAscii(bytes) ? "utf-8" : "gb18030", skip: 0 };
  if (declared === "utf-8") return { encoding: utf8 ? "utf-8" : "gb18030", skip: 0 };
  if (declared) return { encoding: declared, skip: 0 };
  return { encoding: utf8 ? "utf-8" : "gb18030", skip: 0 };
}

/** The page's text, decoded as {@link detectEncoding} decides; undecodable bytes become U+FFFD, never an error. */
export function decodePage(bytes: Uint8Array): { text: string; encoding: PageEncoding } {
  const { encoding, skip } = detectEncoding(bytes);
  const text = new TextDecoder(encoding).decode(bytes.subarray(skip));
  return { text, encoding };
}
