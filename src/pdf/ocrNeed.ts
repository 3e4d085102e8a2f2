import type { Box, PageModel } from "./types.js";

/** An image covering at least this share of the page with almost no text on it may be a scanned table. */
const MIN_IMAGE_SHARE = 0.04;
/**
 * A smaller one may too when it is shaped like a table (a review table of one row is 2% of a page): at least
 * this share, a third of the page wide and twice as wide as high. A seal or a logo is not.
 */
const MIN_TABLE_PICTURE_SHARE = 0.01;
const MIN_TABLE_PICTURE_WIDTH = 1 / 3;
const MIN_TABLE_PICTURE_ASPECT = 2;
const MAX_GLYPHS_ON_IMAGE = 3;

export interface OcrNeed {
  why: string;
  /** The whole page, or the pictures on it that hold no text. */
  regions: Box[] | "page";
}

/** Why a page (or part of it) can only be read by OCR, or null when its text layer is enough. */
export function ocrNeed(page: PageModel): OcrNeed | null {
  const area = page.width * page.height;
  if (page.textLayer === "empty" && page.images.length)
    return { why: "the page is an image without a text layer (scanned)", regions: "page" };
  if (page.textLayer === "unusable")
    return { why: "the page's text layer does not decode to real characters", regions: "page" };
  const pictures = page.images.filter((img) => {
    const w = Math.min(img.x1, page.width) - Math.max(img.x0, 0);
    const h = Math.min(img.y1, page.height) - Math.max(img.y0, 0);
    if (w <= 0 || h <= 0) return false;
    const share = (w * h) / area;
    const tableShaped =
      share >= MIN_TABLE_PICTURE_SHARE &&
      w >= MIN_TABLE_PICTURE_WIDTH * page.width &&
      w >= MIN_TABLE_PICTURE_ASPECT * h;
    if (share < MIN_IMAGE_SHARE && !tableShaped) return false;
    const inside = page.glyphs.filter(
      (g) => g.x0 >= img.x0 && g.x1 <= img.x1 && g.y0 >= img.y0 && g.y1 <= img.y1,
    ).length;
    return inside <= MAX_GLYPHS_ON_IMAGE;
  });
  return pictures.length
    ? { why: "the page holds a large picture without text (a pasted table or a scan)", regions: pictures }
    : null;
}
