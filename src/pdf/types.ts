/** Axis-aligned box in page space: points, origin top-left, y grows downward. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One character with its own box: every later stage places text by position, never by pdf.js item. */
export interface Glyph extends Box {
  text: string;
  /** Font size in points. */
  size: number;
  /** Set for glyphs of a vertical (top-to-bottom) font. */
  vertical: boolean;
  /** The code point the text layer printed, when `text` is its normalised form (a radical ⺠ for 民). */
  original?: string;
  /** OCR confidence 0–100; absent for text-layer glyphs. */
  confidence?: number;
}

/**
 * What OCR gives a value cell with ink it could not read: not a number (the cell is reported unreadable), but a value's
 * place.
 */
export const UNREAD = "?";

/** A straight ruling segment drawn on the page (a stroked line or a thin filled rectangle). */
export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** An image drawn on the page: where, and what pdf.js calls it (null for inline images). */
export interface PageImage extends Box {
  id: string | null;
  /** Drawn unrotated and unflipped: its first pixel row is at the top of its box. */
  upright: boolean;
}

/** Why a page cannot be read from its text layer. */
export type TextLayerStatus = "ok" | "empty" | "unusable";

/** Everything later stages know about one page: the one page model, whatever its source (text layer or OCR). */
export interface PageModel {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  glyphs: Glyph[];
  segments: Segment[];
  /** Images drawn on the page (known only when the operator list was read). */
  images: PageImage[];
  /** Whether the operator list was read (rulings and images are known). */
  graphicsRead: boolean;
  textLayer: TextLayerStatus;
  /** Where the glyphs came from. */
  source: "text" | "ocr";
}
