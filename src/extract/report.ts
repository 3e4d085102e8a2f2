/**
 * The report of one file, from what its reader found (tables, title, prose figures) whatever the file's form:
 * rows placed on the template, values read, and a warning for every cell that could not be read or is unsure.
 * The template's relations are checked afterwards (src/validate), on the report built here.
 */
import type { Table } from "../layout/table.js";
import type { Box } from "../pdf/types.js";
import {
  cellKey,
  LOW_OCR_CONFIDENCE,
  type ReportCell,
  type ReportJson,
  type Section,
  type Statement,
  type TableReport,
} from "../report/types.js";
import { onPages, pagesOf, warning, type Warning } from "../report/warning.js";
import { AMOUNT_COLUMNS, standardCells, TEMPLATE_MARKS, type TemplateVersion } from "../template/templates.js";
import { parseValue } from "../text/values.js";
import { placeAgency } from "./divisions.js";
import { LOOSE_LABEL, mapActiveDisclosure, mapApplications, mapReviewLitigation, type MappedCell } from "./map.js";
import type { ReportMetadata } from "./metadata.js";
import { tableRows, type RowRecord } from "./rows.js";
import { EXTRACTOR_VERSION } from "./version.js";

export class NoReportError extends Error {
  /** Pages of the PDF, when it could be opened. */
  pages: number | null = null;
}

const round = (n: number) => Math.round(n * 10) / 10;
const bbox = (b: Box): [number, number, number, number] => [round(b.x0), round(b.y0), round(b.x1), round(b.y1)];

/** Where a mapped cell is, for a message: （第3页） on a PDF page, （表2第5行第3列） in a document's own table. */
function where({ found, cell }: MappedCell): string {
  if (found.strategy === "grid") return `（表${(found.source ?? 0) + 1}第${cell.row + 1}行第${cell.col + 1}列）`;
  return found.picture ? `（图片 ${found.picture}）` : `（第${found.page}页）`;
}

/** The page of a mapped cell, for a warning's pages: none for a web page's, a Word file's or a picture's. */
const pageOf = ({ found }: MappedCell): { page: number | null } => ({
  page: found.strategy === "grid" || found.picture ? null : found.page,
});

/** Where a mapped cell is: page and box on a PDF page, or its place in a document's own table. */
function provenance({ found, cell }: MappedCell): Pick<ReportCell, "page" | "bbox" | "locator" | "picture"> {
  if (found.strategy === "grid")
    return { page: null, bbox: null, locator: { table: found.source ?? 0, row: cell.row, column: cell.col } };
  if (found.picture) return { page: null, bbox: bbox(cell.box), picture: found.picture };
  return { page: found.page, bbox: bbox(cell.box) };
}

/** Template version from the words only one template's tables print, else from the report year. */
export function detectTemplate(text: string, year: number | null): TemplateVersion | null {
  const marked = (["2021", "2019"] as const).filter((v) => TEMPLATE_MARKS[v].some((w) => text.includes(w)));
  if (marked.length === 1) return marked[0];
  if (year !== null) return year >= 2021 ? "2021" : "2019";
  return null;
}

/** What a report is built from, whatever the input's form: its tables, title metadata and prose figures. */
export interface ReportInput {
  tables: Table[];
  meta: ReportMetadata;
  narrative: Statement[];
  sections: Section[];
}

export function buildReport(
  { tables, meta, narrative, sections }: ReportInput,
  source: ReportJson["source"],
): ReportJson {
  const records = tableRows(tables);
  const template = detectTemplate(tables.flatMap((t) => t.cells.map((c) => c.text)).join(" "), meta.year);
  if (!template || records.length === 0)
    throw new NoReportError(
      meta.title !== null
        ? "the report has no standard tables that could be read (no table with numbers found)"
        : "no 政府信息公开工作年度报告 found: no report title and no standard tables",
    );
  const apps = mapApplications(records, template);
  const rest = records.filter((r) => !apps.used.has(r));
  const mapped: MappedCell[] = [...mapActiveDisclosure(rest, template), ...apps.cells, ...mapReviewLitigation(rest)];
  if (mapped.length === 0) throw new NoReportError("tables were found but none matches the standard report tables");

  const labels = new Map(standardCells(template, apps.otherRows).map((c) => [cellKey(c), c]));
  const cells: ReportCell[] = [];
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  const placed = new Map<Table, MappedCell[]>();
  const unread = new Set<MappedCell>();
  for (const m of mapped) {
    const key = cellKey(m);
    const def = labels.get(key);
    if (!def || seen.has(key)) continue;
    seen.add(key);
    placed.set(m.found, [...(placed.get(m.found) ?? []), m]);
    const read = readCell(m, def);
    if (read.cell) cells.push(read.cell);
    else unread.add(m);
    warnings.push(...read.warnings);
  }
  warnings.push(
    ...unsureTables(cells),
    ...unplacedFigures(
      records,
      apps.used,
      mapped.filter((m) => seen.has(cellKey(m))),
    ),
    ...missingCells([...labels.keys()].filter((k) => !seen.has(k))),
  );
  const place = placeAgency(meta.agency);
  // OCR rarely turns one real place into another; a name that starts with none may be misread (重州 for 孟州).
  if (meta.agencyByOcr && meta.agency && !place.division_code && place.agency_kind !== "development_zone")
    warnings.push(
      warning(
        "meta.agency_unverified",
        `the agency “${meta.agency}” was read by OCR and names no province, city or county we know at its start: ` +
          `it may be misread`,
      ),
    );
  return {
    extractor: { name: "xxgk", version: EXTRACTOR_VERSION },
    source,
    report: {
      agency: meta.agency,
      ...place,
      year: meta.year,
      template,
      title: meta.title,
      other_rows: apps.otherRows,
    },
    tables: tables.map((t) => tableReport(t, placed.get(t) ?? [], unread)),
    cells,
    narrative,
    sections,
    warnings,
  };
}

/** Where a found table is, how it was read, and what it gave the template. */
function tableReport(t: Table, cells: MappedCell[], unread: Set<MappedCell>): TableReport {
  const size = { strategy: t.strategy, rows: t.ys.length - 1, columns: t.xs.length - 1 };
  const where =
    t.strategy === "grid"
      ? { page: null, bbox: null, source: t.source }
      : t.picture
        ? { page: null, bbox: bbox(t.box), picture: t.picture }
        : { page: t.page, bbox: bbox(t.box) };
  const matched = cells.length
    ? {
        table: cells[0].table,
        rows: new Set(cells.map((c) => c.row)).size,
        cells: cells.length,
        unread: cells.filter((c) => unread.has(c)).length,
      }
    : null;
  return { ...where, ...size, matched };
}

/** One mapped cell's value, provenance and what is unsure about it; no cell when its text is not a number. */
function readCell(
  m: MappedCell,
  def: { rowLabel: string; columnLabel: string },
): { cell: ReportCell | null; warnings: Warning[] } {
  const key = cellKey(m);
  const raw = m.cell.text;
  const name = `${def.rowLabel} / ${def.columnLabel}`;
  const warn = (rule: Parameters<typeof warning>[0], message: string) =>
    warning(rule, `${message}${where(m)}`, [key], pagesOf([pageOf(m)]));
  const parsed = parseValue(raw, m.column === "amount_10k_yuan" ? "万元" : undefined, !AMOUNT_COLUMNS.has(m.column));
  if (parsed.value === null)
    return { cell: null, warnings: [warn("value.unreadable", `${name}: “${raw}” is not a number`)] };
  const warnings: Warning[] = [];
  if (parsed.pointAsSeparator)
    warnings.push(
      warn(
        "value.point_as_separator",
        `${name}: “${raw}” read as ${parsed.value}: a count has no decimals, so its point was taken for a thousands separator`,
      ),
    );
  const cell: ReportCell = {
    table: m.table,
    row: m.row,
    column: m.column,
    row_label: def.rowLabel,
    column_label: def.columnLabel,
    value: parsed.value,
    raw,
    blank: parsed.blank,
    ...provenance(m),
    strategy: m.found.strategy,
    label_score: Number(m.labelScore.toFixed(3)),
  };
  const ocr = m.cell.glyphs.flatMap((g) => (g.confidence === undefined ? [] : [g.confidence]));
  if (ocr.length) {
    cell.confidence = Math.round(Math.min(...ocr));
    if (cell.confidence < LOW_OCR_CONFIDENCE)
      warnings.push(warn("ocr.low_confidence", `${name}: OCR read “${raw}” with confidence ${cell.confidence}`));
  }
  if (m.labelScore < LOOSE_LABEL)
    warnings.push(
      warn(
        "label.loose_match",
        `row label matched the template only loosely (${m.labelScore.toFixed(2)}): ${def.rowLabel}`,
      ),
    );
  if (parsed.convertedFrom)
    warnings.push(
      warn("value.unit_converted", `${def.rowLabel}: “${raw}” printed in ${parsed.convertedFrom}, converted to 万元`),
    );
  return { cell, warnings };
}

/** Cells read but unconfirmed: OCR'd values no relation checks, empty slots of a borderless table. */
function unsureTables(cells: ReportCell[]): Warning[] {
  const out: Warning[] = [];
  // OCR'd values of a table no relation checks (主动公开) stay unconfirmed however sure the engine was.
  const unchecked = cells.filter((c) => c.confidence !== undefined && c.table === "active_disclosure");
  if (unchecked.length)
    out.push(
      warning(
        "ocr.unverified",
        `${unchecked.length} value(s) of 主动公开政府信息情况 were read by OCR and no relation of the template can confirm them: check them against the page${onPages(pagesOf(unchecked))}`,
        unchecked.map(cellKey),
        pagesOf(unchecked),
      ),
    );
  // An empty slot in a table without ruling lines may be a blank cell or a number the column finder lost.
  const blanks = cells.filter((c) => c.strategy === "stream" && c.blank && c.raw.trim() === "");
  if (blanks.length)
    out.push(
      warning(
        "table.stream_blank",
        `${blanks.length} cell(s) of a table without ruling lines were empty and read as 0: check them${onPages(pagesOf(blanks))}`,
        blanks.map(cellKey),
        pagesOf(blanks),
      ),
    );
  return out;
}

/**
 * Figures printed in a row of the applications table whose label names no row of the template (a wrapped
 * group label read as a row, "（三）不予"): they are likelier the pieces of the rows beside it (a number wrapped
 * round its label, 12 above and 2 below) than figures of their own, so the cells of those rows in the same
 * columns are unsure, and the table's relations are not checked.
 */
const overlaps = (a: Box, b: Box) =>
  Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0) && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0);

function unplacedFigures(records: RowRecord[], used: Set<RowRecord>, placed: MappedCell[]): Warning[] {
  const apps = placed.filter((m) => m.table === "applications");
  const tables = new Set(apps.map((m) => m.found));
  const unsure = new Set<MappedCell>();
  const strays: string[] = [];
  for (const rec of records) {
    if (used.has(rec) || !tables.has(rec.table)) continue;
    for (const { cell } of rec.values) {
      // Two borderless tables read from overlapping lines hold the same figures twice: those were placed.
      const sameFigures = (m: MappedCell) => m.found.page === rec.table.page && overlaps(m.cell.box, cell.box);
      if (!/\d/.test(cell.text) || apps.some(sameFigures)) continue;
      strays.push(cell.text.trim());
      const column = apps.filter((m) => m.found === rec.table && m.cell.col === cell.col);
      const above = column.filter((m) => m.cell.row < rec.row).sort((a, b) => b.cell.row - a.cell.row)[0];
      const below = column.filter((m) => m.cell.row > rec.row).sort((a, b) => a.cell.row - b.cell.row)[0];
      for (const m of [above, below]) if (m) unsure.add(m);
    }
  }
  if (!unsure.size) return [];
  const keys = [...unsure].map(cellKey);
  const pages = pagesOf([...unsure].map(pageOf));
  return [
    warning(
      "table.figures_unplaced",
      `figures ${strays.join(", ")} of the applications table stand in no row of the template: the ${keys.length} cell(s) beside them may have lost a piece of their number; its consistency rules were not checked${onPages(pages)}`,
      keys,
      pages,
    ),
  ];
}

/** One warning per table with standard cells that could not be read (their table's relations are then not checked). */
function missingCells(keys: string[]): Warning[] {
  const byTable = new Map<string, string[]>();
  for (const k of keys) {
    const t = k.split("/")[0];
    byTable.set(t, [...(byTable.get(t) ?? []), k]);
  }
  return [...byTable].map(([t, ks]) =>
    warning(
      "table.cells_missing",
      `${ks.length} standard cell(s) of table ${t} could not be read: ${ks.slice(0, 5).join(", ")}${ks.length > 5 ? " …" : ""}; its consistency rules were not checked`,
      ks,
    ),
  );
}
