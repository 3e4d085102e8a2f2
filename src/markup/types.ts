/**
 * The layout-free document model of reports published as web pages and Word files.
 *
 * A PDF gives glyphs on pages and the table stages must rebuild structure from geometry; a web page or a Word file
 * already states its structure (paragraphs, table cells with their spans). This model keeps exactly that structure,
 * in reading order, so the table/template stages can map cells to the standard template without any layout work.
 */

/** One cell of a source table as the document defines it (HTML <td>/<th>, Word <w:tc>), spans not expanded. */
export interface SourceCell {
  text: string;
  rowSpan: number;
  colSpan: number;
}

/** A table of the document: rows of cells in source order; `index` counts the document's tables from 0. */
export interface SourceTable {
  index: number;
  rows: SourceCell[][];
}

export type Block =
  | { kind: "heading"; level: number; text: string } // h1–h6, Word Title/Heading styles, or a centred bold/large paragraph (level 1 = largest)
  | { kind: "paragraph"; text: string; size?: number } // size: font size in pt when known (Word w:sz/2, inline CSS font-size)
  | { kind: "table"; table: SourceTable }
  | {
      kind: "image";
      src: string;
      /** The image file on disk beside the page, or null when not saved (never fetch URLs). */
      path: string | null;
      alt: string;
      /** The picture's bytes when the document embeds them (a Word file's word/media part); absent for web pages. */
      data?: Uint8Array;
    };

export interface MarkupDocument {
  format: "html" | "docx";
  /** Site/document metadata that may help find agency and year (never the report's own words). */
  meta: {
    htmlTitle?: string;
    articleTitle?: string;
    pubDate?: string;
    contentSource?: string;
    siteName?: string;
    /** Word: docProps/core.xml title, creator and creation date (often left over from a template: a hint only). */
    docTitle?: string;
    author?: string;
    created?: string;
  };
  /**
   * The report's content in reading order (for a web page: the article body only, without the site's navigation,
   * header, footer, side lists, scripts, styles).
   */
  blocks: Block[];
}
