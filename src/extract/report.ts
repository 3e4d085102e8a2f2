import { createHash } from "node:crypto";
import { findTables } from "../layout/index.js";
import type { Table, TableStrategy } from "../layout/table.js";
import { blockText } from "../layout/text.js";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { sharedEngine } from "../ocr/engine.js";
import { ocrPage } from "../ocr/page.js";
import { openPdf, readPage, type OpenOptions } from "../pdf/document.js";
import { ocrNeed } from "../pdf/ocrNeed.js";
import type { Box, PageModel } from "../pdf/types.js";
import { AMOUNT_COLUMNS, standardCells, type TableId, type TemplateVersion } from "../template/templates.js";
import type { Warning } from "../validate/warning.js";
import { repairOcrValues } from "../validate/repair.js";
import { checkReport, onPages } from "../validate/rules.js";
import { LOOSE_LABEL, mapActiveDisclosure, mapApplications, mapReviewLitigation, type MappedCell } from "./map.js";
import { readMetadata, type ReportMetadata } from "./metadata.js";
import { readStatements, type Statement } from "./narrative.js";
import { tableRows } from "./rows.js";
import { parseValue } from "./values.js";
import { EXTRACTOR_VERSION } from "./version.js";
import type { InputFormat } from "../markup/convert.js";


/** Pages read at most: a report has a handful; a 500-page file is something else and must not run for minutes. */
export const MAX_PAGES = 80;

export interface ReportCell {
  table: TableId;
  row: string;
  column: string;
  row_label: string;
  column_label: string;
  value: number;
  raw: string;
  blank: boolean;
  /** Page and box of the cell (PDF); null for a web page or Word file, whose cells have a locator instead. */
  page: number | null;
  bbox: [number, number, number, number] | null;
  /** Where a web page's or Word file's cell is: its table (counted from 0), row and column on the expanded grid. */
  locator?: { table: number; row: number; column: number };
  /** A cell OCR'd from a picture in a web page or Word file: the picture (its bbox is in points of the picture at 150 dpi). */
  picture?: string;
  /** Which table finder read the cell and how sure the label match was. */
  strategy: TableStrategy;
  label_score: number;
  /** OCR confidence (0–100) of the value, for cells read from an image. */
  confidence?: number;
}

export interface ReportJson {
  extractor: { name: "xxgk"; version: string };
  /** pages: of a PDF; null for a web page or Word file. */
  source: { file: string; sha256: string; format: InputFormat; pages: number | null; bytes: number };
  report: {
    agency: string | null;
    year: number | null;
    template: TemplateVersion | null;
    title: string | null;
    other_rows: "split" | "single";
  };
  tables: { page: number | null; strategy: TableStrategy; rows: number; columns: number; bbox: [number, number, number, number] | null; source?: number }[];
  cells: ReportCell[];
  /** Figures the prose states (applications received, processing fees), for narrative.mismatch. */
  narrative: Statement[];
  warnings: Warning[];
}

/** OCR readings below this confidence are flagged for a person to check. */
export const LOW_OCR_CONFIDENCE = 80;
/** Digits a correction from the template's relations may change in an OCR reading. */
const MAX_REPAIR_EDITS = 2;

export class NoReportError extends Error {
  /** Pages of the PDF, when it could be opened. */
  pages: number | null = null;
}

const round = (n: number) => Math.round(n * 10) / 10;
const bbox = (b: Box): [number, number, number, number] => [round(b.x0), round(b.y0), round(b.x1), round(b.y1)];

/** The pages some cells are on (none for a web page's or Word file's cells), in order. */
const pagesOf = (cells: { page: number | null; strategy?: TableStrategy; picture?: string }[]): number[] =>
  [...new Set(cells.flatMap((c) => (c.page !== null && c.strategy !== "grid" && !c.picture ? [c.page] : [])))].sort((a, b) => a - b);

/** Where a mapped cell is, for a message: （第3页） on a PDF page, （表2第5行第3列） in a document's own table. */
function where(m: MappedCell): string {
  if (m.strategy === "grid") return `（表${(m.source ?? 0) + 1}第${m.cell.row + 1}行第${m.cell.col + 1}列）`;
  return m.picture ? `（图片 ${m.picture}）` : `（第${m.page}页）`;
}

/** Where a mapped cell is: page and box on a PDF page, or its place in a document's own table. */
function provenance(m: MappedCell): Pick<ReportCell, "page" | "bbox" | "locator" | "picture"> {
  if (m.strategy === "grid") return { page: null, bbox: null, locator: { table: m.source ?? 0, row: m.cell.row, column: m.cell.col } };
  if (m.picture) return { page: null, bbox: bbox(m.cell.box), picture: m.picture };
  return { page: m.page, bbox: bbox(m.cell.box) };
}

/** Template version from the active-disclosure column words, else from the report year. */
export function detectTemplate(text: string, year: number | null): TemplateVersion | null {
  const has2021 = /制发件数|本年制发|废止件数|现行有效/.test(text);
  const has2019 = /新制作数量|新公开数量|对外公开总数量|上一年项目数量/.test(text);
  if (has2021 && !has2019) return "2021";
  if (has2019 && !has2021) return "2019";
  if (year !== null) return year >= 2021 ? "2021" : "2019";
  return null;
}

export type OcrMode = "auto" | "off" | "force";

export interface ExtractOptions extends OpenOptions {
  /** auto: OCR only pages (or pictures) without usable text, when the text layer did not give the report. */
  ocr?: OcrMode;
}

/** Builds a report, or null when the pages hold none (the reason kept for the caller). */
function tryBuild(pages: PageModel[], source: ReportJson["source"]): { report: ReportJson | null; error: NoReportError | null } {
  try {
    return { report: buildReport(pdfInput(pages), source), error: null };
  } catch (err) {
    if (err instanceof NoReportError) return { report: null, error: err };
    throw err;
  }
}

export async function extractReport(data: Uint8Array, file: string, options: ExtractOptions = {}): Promise<ReportJson> {
  const sha256 = createHash("sha256").update(data).digest("hex");
  const bytes = data.length;
  const mode = options.ocr ?? "auto";
  // pdf.js takes (detaches) the bytes it is given; OCR opens the file a second time, for rendering.
  const copy = mode === "off" ? null : data.slice();
  const doc = await openPdf(data, options);
  let renderDoc: PDFDocumentProxy | null = null;
  try {
    const readable = Math.min(doc.numPages, MAX_PAGES);
    // Pages are asked for together: pdf.js answers in turn, but its message round trips no longer idle the thread.
    const pages: PageModel[] = await Promise.all(Array.from({ length: readable }, (_, k) => readPage(doc, k + 1, { graphics: mode === "force" })));
    const source = { file, sha256, format: "pdf" as const, pages: doc.numPages, bytes };
    // Images are looked for only when the text layer did not give the whole report (their operator lists cost).
    const needs = async () => {
      for (const [k, p] of pages.entries()) if (!p.graphicsRead) pages[k] = await readPage(doc, p.number, { graphics: true });
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
      const engine = sharedEngine();
      for (const n of pending) {
        const k = pages.findIndex((p) => p.number === n.page);
        const read = await ocrPage(renderDoc, pages[k], engine, n.regions);
        pages[k] = read;
        ocrNotes.push({
          rule: "page.ocr",
          kind: "input",
          severity: "info",
          message: `第${n.page}页 read by OCR (${n.why})${Math.abs(read.skew) >= 0.1 ? `; straightened by ${read.skew}°` : ""}`,
          cells: [],
          pages: [n.page],
        });
      }
      ({ report, error } = tryBuild(pages, source));
    }
    if (!report) {
      const err = error ?? new NoReportError("no 政府信息公开工作年度报告 found");
      err.pages = doc.numPages;
      if (doc.numPages > MAX_PAGES) err.message += ` (only the first ${MAX_PAGES} of its ${doc.numPages} pages were read)`;
      if (pending.length && mode === "off")
        err.message = `${pending.length} of ${pages.length} page(s) need OCR (${pending[0].why}) and --ocr off was given`;
      throw err;
    }
    report.warnings.push(...ocrNotes);
    if (doc.numPages > MAX_PAGES)
      report.warnings.push({
        rule: "input.too_long",
        kind: "input",
        severity: "warning",
        message: `the PDF has ${doc.numPages} pages; only the first ${MAX_PAGES} were read (reports are far shorter: is it a compilation?)`,
        cells: [],
        pages: [],
      });
    if (mode === "off")
      for (const n of pending)
        report.warnings.push({
          rule: "page.needs_ocr",
          kind: "input",
          severity: "warning",
          message: `第${n.page}页: ${n.why}; its content was not read (--ocr off)`,
          cells: [],
          pages: [n.page],
        });
    return report;
  } finally {
    await doc.destroy();
    await renderDoc?.destroy();
  }
}

/** What a report is built from, whatever the input's form: its tables, title metadata and prose figures. */
export interface ReportInput {
  tables: Table[];
  meta: ReportMetadata;
  narrative: Statement[];
}

/** The report input of a PDF's page models. */
export function pdfInput(pages: PageModel[]): ReportInput {
  return {
    tables: pages.flatMap((p) => findTables(p)),
    meta: readMetadata(pages),
    // The whole page: prose set in a grid (WPS underlines) is still prose; the patterns need sentences.
    narrative: pages.flatMap((p) => readStatements(blockText(p.glyphs), p.number)),
  };
}

export function buildReport({ tables, meta, narrative }: ReportInput, source: ReportJson["source"]): ReportJson {
  const records = tableRows(tables);
  const allText = tables.flatMap((t) => t.cells.map((c) => c.text)).join(" ");
  const template = detectTemplate(allText, meta.year);
  if (!template || records.length === 0) {
    const hasTitle = meta.title !== null;
    throw new NoReportError(
      hasTitle
        ? "the report has no standard tables that could be read (no table with numbers found)"
        : "no 政府信息公开工作年度报告 found: no report title and no standard tables",
    );
  }
  const apps = mapApplications(records, template);
  const rest = records.filter((r) => !apps.used.has(r));
  const mapped: MappedCell[] = [...mapActiveDisclosure(rest, template), ...apps.cells, ...mapReviewLitigation(rest)];
  if (mapped.length === 0) throw new NoReportError("tables were found but none matches the standard report tables");

  const labels = new Map(standardCells(template, apps.otherRows).map((c) => [`${c.table}/${c.row}/${c.column}`, c]));
  const cells: ReportCell[] = [];
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  for (const m of mapped) {
    const key = `${m.table}/${m.row}/${m.column}`;
    const def = labels.get(key);
    if (!def || seen.has(key)) continue;
    seen.add(key);
    const raw = m.cell.text;
    const parsed = parseValue(raw, m.column === "amount_10k_yuan" ? "万元" : undefined, !AMOUNT_COLUMNS.has(m.column));
    if (parsed.value === null) {
      warnings.push({
        rule: "value.unreadable",
        kind: "extraction",
        severity: "error",
        message: `${def.rowLabel} / ${def.columnLabel}: “${raw}” is not a number${where(m)}`,
        cells: [key],
        pages: pagesOf([m]),
      });
      continue;
    }
    if (parsed.pointAsSeparator)
      warnings.push({
        rule: "value.point_as_separator",
        kind: "extraction",
        severity: "warning",
        message: `${def.rowLabel} / ${def.columnLabel}: “${raw}” read as ${parsed.value}: a count has no decimals, so its point was taken for a thousands separator${where(m)}`,
        cells: [key],
        pages: pagesOf([m]),
      });
    cells.push({
      table: m.table,
      row: m.row,
      column: m.column,
      row_label: def.rowLabel,
      column_label: def.columnLabel,
      value: parsed.value,
      raw,
      blank: parsed.blank,
      ...provenance(m),
      strategy: m.strategy,
      label_score: Number(m.labelScore.toFixed(3)),
    });
    const ocr = m.cell.glyphs.filter((g) => g.confidence !== undefined).map((g) => g.confidence!);
    if (ocr.length) {
      const confidence = Math.round(Math.min(...ocr));
      cells[cells.length - 1].confidence = confidence;
      if (confidence < LOW_OCR_CONFIDENCE)
        warnings.push({
          rule: "ocr.low_confidence",
          kind: "extraction",
          severity: "warning",
          message: `${def.rowLabel} / ${def.columnLabel}: OCR read “${raw}” with confidence ${confidence}${where(m)}`,
          cells: [key],
          pages: pagesOf([m]),
        });
    }
    if (m.labelScore < LOOSE_LABEL)
      warnings.push({
        rule: "label.loose_match",
        kind: "extraction",
        severity: "warning",
        message: `row label matched the template only loosely (${m.labelScore.toFixed(2)}): ${def.rowLabel}${where(m)}`,
        cells: [key],
        pages: pagesOf([m]),
      });
    if (parsed.convertedFrom)
      warnings.push({
        rule: "value.unit_converted",
        kind: "extraction",
        severity: "info",
        message: `${def.rowLabel}: “${raw}” printed in ${parsed.convertedFrom}, converted to 万元${where(m)}`,
        cells: [key],
        pages: pagesOf([m]),
      });
  }
  // OCR'd values of a table no relation checks (主动公开) stay unconfirmed however sure the engine was.
  const unchecked = cells.filter((c) => c.confidence !== undefined && c.table === "active_disclosure");
  if (unchecked.length)
    warnings.push({
      rule: "ocr.unverified",
      kind: "extraction",
      severity: "info",
      message: `${unchecked.length} value(s) of 主动公开政府信息情况 were read by OCR and no relation of the template can confirm them: check them against the page${onPages(pagesOf(unchecked))}`,
      cells: unchecked.map((c) => `${c.table}/${c.row}/${c.column}`),
      pages: pagesOf(unchecked),
    });
  // An empty slot in a table without ruling lines may be a blank cell or a number the column finder lost.
  const inferredBlanks = cells.filter((c) => c.strategy === "stream" && c.blank && c.raw.trim() === "");
  if (inferredBlanks.length)
    warnings.push({
      rule: "table.stream_blank",
      kind: "extraction",
      severity: "info",
      message: `${inferredBlanks.length} cell(s) of a table without ruling lines were empty and read as 0: check them${onPages(pagesOf(inferredBlanks))}`,
      cells: inferredBlanks.map((c) => `${c.table}/${c.row}/${c.column}`),
      pages: pagesOf(inferredBlanks),
    });
  const missing = [...labels.keys()].filter((k) => !seen.has(k));
  const missingByTable = new Map<string, string[]>();
  for (const k of missing) {
    const t = k.split("/")[0];
    missingByTable.set(t, [...(missingByTable.get(t) ?? []), k]);
  }
  for (const [t, keys] of missingByTable)
    warnings.push({
      rule: "table.cells_missing",
      kind: "extraction",
      severity: "error",
      message: `${keys.length} standard cell(s) of table ${t} could not be read: ${keys.slice(0, 5).join(", ")}${keys.length > 5 ? " …" : ""}; its consistency rules were not checked`,
      cells: keys,
      pages: [],
    });
  const report: ReportJson = {
    extractor: { name: "xxgk", version: EXTRACTOR_VERSION },
    source,
    report: { agency: meta.agency, year: meta.year, template, title: meta.title, other_rows: apps.otherRows },
    tables: tables.map((t) =>
      t.strategy === "grid"
        ? { page: null, strategy: t.strategy, rows: t.ys.length - 1, columns: t.xs.length - 1, bbox: null, source: t.source }
        : { page: t.page, strategy: t.strategy, rows: t.ys.length - 1, columns: t.xs.length - 1, bbox: bbox(t.box) },
    ),
    cells,
    narrative,
    warnings,
  };
  const repaired = repairOcrValues(report, { unsureBelow: LOW_OCR_CONFIDENCE, maxDigitEdits: MAX_REPAIR_EDITS });
  report.cells = repaired.cells;
  report.warnings.push(...repaired.warnings, ...checkReport(report));
  return report;
}
