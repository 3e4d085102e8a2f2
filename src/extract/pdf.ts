/**
 * Reports of PDFs: pages read into page models (text layer), pages or pictures without usable text read by
 * OCR when the text layer did not give the whole report, then the report built from the page models.
 */
import { createHash } from "node:crypto";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { findTables } from "../layout/index.js";
import { colCount, type Cell } from "../layout/table.js";
import { blockText, contains, toLines, union } from "../layout/text.js";
import { openPdf, readPage } from "../pdf/document.js";
import { ocrNeed } from "../pdf/ocrNeed.js";
import type { Box, PageModel } from "../pdf/types.js";
import type { ReportJson } from "../report/types.js";
import { isPageNumber } from "../text/numbering.js";
import { warning, type Warning } from "../report/warning.js";
import { readMetadata } from "./metadata.js";
import { readStatements } from "./narrative.js";
import { readSections } from "./sections.js";
import type { ExtractOptions } from "./options.js";
import { buildReport, NoReportError, type ReportInput } from "./report.js";

/** Pages read at most: a report has a handful; a 500-page file is something else and must not run for minutes. */
export const MAX_PAGES = 80;

/** Whether a glyph's centre is in one of the cells (within their bounds); a loop, not a callback per page. */
function inAnyCell(g: PageModel["glyphs"][number], bounds: Box, cells: Cell[]): boolean {
  const x = (g.x0 + g.x1) / 2;
  const y = (g.y0 + g.y1) / 2;
  if (!contains(bounds, x, y)) return false;
  for (const c of cells) if (contains(c.box, x, y)) return true;
  return false;
}

/** The report input of a PDF's page models. */
export function pdfInput(pages: PageModel[]): ReportInput {
  const tables = pages.map((p) => findTables(p));
  // The running text: every page's lines outside table cells, for the sections. A cell as wide as its table
  // is prose set on ruled lines (WPS underlines, which a table below may join), so it stays in.
  const lines = pages.flatMap((p, k) => {
    const cells = tables[k].flatMap((t) => t.cells.filter((c) => c.colSpan < colCount(t)));
    // Cells are looked through only for a glyph inside their bounds (most of a page's prose is not).
    const bounds = union(cells.map((c) => c.box));
    const free: PageModel["glyphs"] = [];
    for (const g of p.glyphs) if (!inAnyCell(g, bounds, cells)) free.push(g);
    return toLines(free).flatMap((l) => (isPageNumber(l.text.trim()) ? [] : [{ text: l.text, page: p.number }]));
  });
  return {
    tables: tables.flat(),
    meta: readMetadata(pages),
    // The whole page: prose set in a grid (WPS underlines) is still prose; the patterns need sentences.
    narrative: pages.flatMap((p) => readStatements(blockText(p.glyphs), p.number)),
    sections: readSections(lines),
  };
}

/** Builds a report, or null when the pages hold none (the reason kept for the caller). */
function tryBuild(
  pages: PageModel[],
  source: ReportJson["source"],
): { report: ReportJson | null; error: NoReportError | null } {
  try {
    return { report: buildReport(pdfInput(pages), source), error: null };
  } catch (err) {
    if (err instanceof NoReportError) return { report: null, error: err };
    throw err;
  }
}

/**
 * The report of a PDF (not yet checked: see src/validate). `kept`, when given, receives the page models the
 * report was built from, OCR'd pages as OCR read them (xxgk inspect draws them without reading them again).
 */
export async function pdfReport(
  data: Uint8Array,
  file: string,
  options: ExtractOptions = {},
  kept?: PageModel[],
): Promise<ReportJson> {
  const sha256 = createHash("sha256").update(data).digest("hex");
  const bytes = data.length;
  const mode = options.ocr ?? "auto";
  // pdf.js takes (detaches) the bytes it is given; OCR opens the file a second time, for rendering.
  const copy = mode === "off" ? null : data.slice();
  const doc = await openPdf(data, options);
  let renderDoc: PDFDocumentProxy | null = null;
  let pages: PageModel[] = [];
  try {
    const readable = Math.min(doc.numPages, MAX_PAGES);
    // Pages are asked for together: pdf.js answers in turn, but its message round trips no longer idle the thread.
    pages = await Promise.all(
      Array.from({ length: readable }, (_, k) => readPage(doc, k + 1, { graphics: mode === "force" })),
    );
    const source = { file, sha256, format: "pdf" as const, pages: doc.numPages, bytes };
    // Images are looked for only when the text layer did not give the whole report (their operator lists cost).
    const needs = async () => {
      for (const [k, p] of pages.entries())
        if (!p.graphicsRead) pages[k] = await readPage(doc, p.number, { graphics: true });
      return pages.flatMap((p) => {
        const need = mode === "force" ? { why: "OCR forced (--ocr force)", regions: "page" as const } : ocrNeed(p);
        return need ? [{ page: p.number, ...need }] : [];
      });
    };
    let { report, error } = mode === "force" ? { report: null, error: null } : tryBuild(pages, source);
    const incomplete = !report || report.warnings.some((w) => w.rule === "table.cells_missing");
    const pending = incomplete ? await needs() : [];
    const ocrNotes: Warning[] = [];
    if (pending.length && mode !== "off") {
      renderDoc = await openPdf(copy!, { ...options, render: true });
      // OCR's modules (tesseract.js and its engine) load with the first page that needs them: a thread that
      // reads only text layers never holds them.
      const [{ sharedEngine }, { ocrPage }] = await Promise.all([import("../ocr/engine.js"), import("../ocr/page.js")]);
      const engine = sharedEngine();
      for (const n of pending) {
        const k = pages.findIndex((p) => p.number === n.page);
        const read = await ocrPage(renderDoc, pages[k], engine, n.regions);
        pages[k] = read;
        const straightened = Math.abs(read.skew) >= 0.1 ? `; straightened by ${read.skew}°` : "";
        ocrNotes.push(warning("page.ocr", `第${n.page}页 read by OCR (${n.why})${straightened}`, [], [n.page]));
      }
      ({ report, error } = tryBuild(pages, source));
    }
    if (!report) {
      const err = error ?? new NoReportError("no 政府信息公开工作年度报告 found");
      err.pages = doc.numPages;
      if (doc.numPages > MAX_PAGES)
        err.message += ` (only the first ${MAX_PAGES} of its ${doc.numPages} pages were read)`;
      if (pending.length && mode === "off")
        err.message = `${pending.length} of ${pages.length} page(s) need OCR (${pending[0].why}) and --ocr off was given`;
      throw err;
    }
    report.warnings.push(...ocrNotes);
    if (doc.numPages > MAX_PAGES)
      report.warnings.push(
        warning(
          "input.too_long",
          `the PDF has ${doc.numPages} pages; only the first ${MAX_PAGES} were read (reports are far shorter: is it a compilation?)`,
        ),
      );
    if (mode === "off")
      for (const n of pending)
        report.warnings.push(
          warning("page.needs_ocr", `第${n.page}页: ${n.why}; its content was not read (--ocr off)`, [], [n.page]),
        );
    return report;
  } finally {
    kept?.push(...pages);
    await doc.destroy();
    await renderDoc?.destroy();
  }
}
