/**
 * Reports read from a web page or a Word file: the document's own tables go to the same row, template and
 * value stages as a PDF's (spans expanded onto the grid the ruled-table finder builds), and its text blocks to
 * the same title and prose stages, laid out as lines of a page so that those stages read them unchanged.
 */
import { existsSync, readFileSync } from "node:fs";
import { gridTable } from "../layout/grid.js";
import type { Table } from "../layout/table.js";
import type { Picture } from "../ocr/pictures.js";
import type { Glyph, PageModel } from "../pdf/types.js";
import { isWide } from "../pdf/glyphs.js";
import type { Block, MarkupDocument } from "../markup/types.js";
import { warning, type Warning } from "../report/warning.js";
import { agencyFromTitle, readMetadata, type ReportMetadata } from "./metadata.js";
import { readStatements } from "./narrative.js";
import { readSections } from "./sections.js";
import type { OcrMode } from "./options.js";
import { buildReport, NoReportError } from "./report.js";
import type { ReportJson } from "../report/types.js";

/** Font sizes given to headings by level (1 = largest) and to paragraphs without a size of their own. */
const HEADING_SIZES = [22, 18, 16, 15, 14, 14];
const PARAGRAPH_SIZE = 12;
const LINE_GAP = 1.5;

/** The document's text blocks as lines of glyphs on one page (tables left out): what the title reader reads. */
export function textPage(doc: MarkupDocument): PageModel {
  const glyphs: Glyph[] = [];
  let y = 0;
  for (const b of doc.blocks) {
    if (b.kind !== "heading" && b.kind !== "paragraph") continue;
    const size =
      b.kind === "heading" ? HEADING_SIZES[Math.min(b.level, HEADING_SIZES.length) - 1] : (b.size ?? PARAGRAPH_SIZE);
    let x = 0;
    for (const ch of b.text) {
      const w = isWide(ch) ? size : size / 2;
      if (ch.trim() !== "") glyphs.push({ text: ch, x0: x, x1: x + w, y0: y, y1: y + size, size, vertical: false });
      x += w;
    }
    y += size * LINE_GAP;
  }
  return {
    number: 1,
    width: 0,
    height: y,
    glyphs,
    segments: [],
    images: [],
    graphicsRead: true,
    textLayer: "ok",
    source: "text",
  };
}

/**
 * Title, agency and year: the report's own title among its text first; the site's metadata (article title,
 * the page's <title> before its site name, a Word file's document title) only when the text names none.
 */
export function markupMetadata(doc: MarkupDocument, page: PageModel): ReportMetadata {
  const own = readMetadata([page]);
  if (own.title) return own;
  const hints = [doc.meta.articleTitle, doc.meta.htmlTitle?.split(/[_|｜]|\s[-—]\s/)[0], doc.meta.docTitle];
  for (const hint of hints) {
    const title = hint?.replace(/\s+/g, "");
    const year = title?.match(/((?:19|20)\d{2})\s*年/);
    if (title && year && /报告|年报/.test(title))
      return { title, agency: agencyFromTitle(title), year: Number(year[1]) };
  }
  return own;
}

/** A picture of the document that can be read: saved beside the web page, or inside the Word file. */
function pictureOf(block: Extract<Block, { kind: "image" }>): Picture | null {
  if (block.data) return { name: block.src, bytes: block.data };
  if (block.path && existsSync(block.path)) return { name: block.src, bytes: new Uint8Array(readFileSync(block.path)) };
  return null;
}

/** The document's tables in reading order: its own, and those OCR read from its pictures (when given). */
function documentTables(
  doc: MarkupDocument,
  fromPictures: Map<Picture, Table[]>,
  pictures: Map<Block, Picture>,
): Table[] {
  return doc.blocks.flatMap((b) => {
    if (b.kind === "table") return [gridTable(b.table.rows, b.table.index)];
    const picture = pictures.get(b);
    return picture ? (fromPictures.get(picture) ?? []) : [];
  });
}

/**
 * The report of a web page or Word file; throws NoReportError when it holds none. Pictures in it are read by
 * OCR (they may be tables pasted as pictures) only when its own tables do not give the whole report.
 */
export async function markupReport(
  doc: MarkupDocument,
  source: ReportJson["source"],
  ocr: OcrMode = "auto",
): Promise<ReportJson> {
  const page = textPage(doc);
  const text = doc.blocks.flatMap((b) => (b.kind === "heading" || b.kind === "paragraph" ? [b.text] : [])).join("\n");
  const meta = markupMetadata(doc, page);
  const narrative = readStatements(text, null);
  const sections = readSections(
    doc.blocks.flatMap((b) => (b.kind === "heading" || b.kind === "paragraph" ? [{ text: b.text, page: null }] : [])),
  );
  const pictures = new Map<Block, Picture>();
  for (const b of doc.blocks)
    if (b.kind === "image") {
      const p = pictureOf(b);
      if (p) pictures.set(b, p);
    }
  const unsaved = doc.blocks.filter((b) => b.kind === "image" && !pictures.has(b)).length;
  const build = (fromPictures: Map<Picture, Table[]>) => {
    try {
      return {
        report: buildReport({ tables: documentTables(doc, fromPictures, pictures), meta, narrative, sections }, source),
        error: null,
      };
    } catch (err) {
      if (err instanceof NoReportError) return { report: null, error: err };
      throw err;
    }
  };
  let { report, error } = build(new Map());
  const incomplete = !report || report.warnings.some((w) => w.rule === "table.cells_missing");
  const notes: Warning[] = [];
  if (incomplete && pictures.size && ocr !== "off") {
    // OCR's modules load only for a document with pictured tables (see pdfReport).
    const { pictureTables } = await import("../ocr/pictures.js");
    const read = await pictureTables([...pictures.values()]);
    ({ report, error } = build(read.tables));
    const undecoded = read.unreadable.length
      ? `; ${read.unreadable.length} could not be decoded: ${read.unreadable.map((p) => p.name).join(", ")}`
      : "";
    notes.push(
      warning(
        "page.ocr",
        `${read.tables.size} picture(s) read by OCR (the document's own tables did not give the whole report)${undecoded}`,
      ),
    );
  } else if (incomplete && pictures.size)
    notes.push(
      warning(
        "input.picture_not_read",
        `${pictures.size} picture(s) in the document were not read (--ocr off): a table pasted as a picture needs OCR`,
      ),
    );
  if (!report) {
    const err = error ?? new NoReportError("no 政府信息公开工作年度报告 found");
    if (unsaved)
      err.message += `; the page shows ${unsaved} picture(s) that were not saved with it, and a table printed as a picture can only be read from its file (save the page completely, with its _files folder)`;
    throw err;
  }
  if (unsaved && report.warnings.some((w) => w.rule === "table.cells_missing"))
    notes.push(
      warning(
        "input.picture_not_read",
        `${unsaved} picture(s) in the page were not saved beside it: a table printed as a picture cannot be read (save the page completely, with its _files folder)`,
      ),
    );
  report.warnings.push(...notes);
  return report;
}
