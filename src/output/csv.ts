import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { format, writeToBuffer, type CsvFormatterStream } from "fast-csv";
import type { ReportJson } from "../report/types.js";
import { ACTIVE_DISCLOSURE, APPLICATION_COLUMNS, REVIEW_COLUMNS, type TableId } from "../template/templates.js";
import { atomicFile, writeAtomic } from "./files.js";
import { SUMMARY_COLUMNS, summaryRow } from "./summary.js";

export type Row = Record<string, string | number | boolean | null>;

/** UTF-8 with BOM, so Excel opens Chinese text correctly; headers always written, even for no rows. */
export async function writeCsv(path: string, headers: string[], rows: Row[]): Promise<void> {
  const buffer = await writeToBuffer(rows, { headers, alwaysWriteHeaders: true });
  writeAtomic(path, Buffer.concat([Buffer.from("\ufeff"), buffer]));
}

/** A CSV written row by row (a batch's CSVs never hold every report in memory), renamed into place when closed. */
export class CsvSink {
  private readonly stream: CsvFormatterStream<Row, Row>;
  private readonly done: Promise<void>;
  private readonly file: ReturnType<typeof atomicFile>;
  constructor(path: string, headers: string[]) {
    this.file = atomicFile(path);
    // The BOM goes in by hand: fast-csv writes it only with a first row, and Excel needs it in an empty file too.
    this.stream = format<Row, Row>({ headers, alwaysWriteHeaders: true });
    const out = createWriteStream(this.file.tmp);
    out.write("\ufeff");
    this.stream.pipe(out);
    this.done = finished(out);
  }
  /** Waits while the file catches up: rows must not pile up in memory faster than the disk takes them. */
  async write(rows: Iterable<Row>): Promise<void> {
    for (const row of rows) if (!this.stream.write(row)) await once(this.stream, "drain");
  }
  async close(): Promise<void> {
    this.stream.end();
    await this.done;
    this.file.commit();
  }
}

export const CELL_COLUMNS = [
  "file",
  "agency",
  "year",
  "template",
  "table",
  "row",
  "column",
  "row_label",
  "column_label",
  "value",
  "raw",
  "blank",
  "page",
  "bbox",
  "strategy",
];

export function cellRows(reports: ReportJson[]): Row[] {
  return reports.flatMap((r) =>
    r.cells.map((c) => ({
      file: r.source.file,
      agency: r.report.agency,
      year: r.report.year,
      template: r.report.template,
      table: c.table,
      row: c.row,
      column: c.column,
      row_label: c.row_label,
      column_label: c.column_label,
      value: c.value,
      raw: c.raw,
      blank: c.blank,
      page: c.page,
      bbox: c.bbox?.join(" ") ?? "",
      strategy: c.strategy,
    })),
  );
}

export const WARNING_COLUMNS = ["file", "agency", "year", "rule", "kind", "severity", "message", "cells", "pages"];

export function warningRows(reports: ReportJson[]): Row[] {
  return reports.flatMap((r) =>
    r.warnings.map((w) => ({
      file: r.source.file,
      agency: r.report.agency,
      year: r.report.year,
      rule: w.rule,
      kind: w.kind,
      severity: w.severity,
      message: w.message,
      cells: w.cells.join(" "),
      pages: w.pages.join(" "),
    })),
  );
}

/** Columns of the wide CSV of one standard table: every column id any template gives it, in template order. */
export function wideColumns(table: TableId): string[] {
  if (table === "applications") return APPLICATION_COLUMNS.map((c) => c.id);
  if (table === "review_litigation") return REVIEW_COLUMNS.map((c) => c.id);
  const ids: string[] = [];
  for (const groups of Object.values(ACTIVE_DISCLOSURE))
    for (const g of groups) for (const c of g.columns) if (!ids.includes(c.id)) ids.push(c.id);
  return ids;
}

/** One row per report and table row, the table's columns as columns. */
export function wideRows(reports: ReportJson[], table: TableId): Row[] {
  const cols = wideColumns(table);
  const out: Row[] = [];
  for (const r of reports) {
    const byRow = new Map<string, Row>();
    for (const c of r.cells.filter((x) => x.table === table)) {
      let row = byRow.get(c.row);
      if (!row) {
        row = {
          file: r.source.file,
          agency: r.report.agency,
          year: r.report.year,
          template: r.report.template,
          row: c.row,
          row_label: c.row_label,
        };
        for (const col of cols) row[col] = null;
        byRow.set(c.row, row);
      }
      row[c.column] = c.value;
    }
    out.push(...byRow.values());
  }
  return out;
}

export const WIDE_PREFIX = ["file", "agency", "year", "template", "row", "row_label"];

const STANDARD_TABLES: TableId[] = ["active_disclosure", "applications", "review_litigation"];

export const SECTION_COLUMNS = ["file", "number", "heading", "text", "pages"];

export function sectionRows(r: ReportJson): Row[] {
  return (r.sections ?? []).map((s) => ({
    file: r.source.file,
    number: s.number,
    heading: s.heading,
    text: s.text,
    pages: s.pages.join(" "),
  }));
}

/**
 * The CSVs of a batch built report by report: reports, cells, warnings, sections, one wide table per standard table.
 */
export class ReportCsvs {
  private readonly reports: CsvSink;
  private readonly cells: CsvSink;
  private readonly warnings: CsvSink;
  private readonly sections: CsvSink;
  private readonly wide: { t: TableId; sink: CsvSink }[];
  constructor(outDir: string) {
    this.reports = new CsvSink(
      join(outDir, "reports.csv"),
      SUMMARY_COLUMNS.map((c) => c.name),
    );
    this.cells = new CsvSink(join(outDir, "cells.csv"), CELL_COLUMNS);
    this.warnings = new CsvSink(join(outDir, "warnings.csv"), WARNING_COLUMNS);
    this.sections = new CsvSink(join(outDir, "sections.csv"), SECTION_COLUMNS);
    this.wide = STANDARD_TABLES.map((t) => ({
      t,
      sink: new CsvSink(join(outDir, `${t}.csv`), [...WIDE_PREFIX, ...wideColumns(t)]),
    }));
  }
  async add(report: ReportJson): Promise<void> {
    await this.reports.write([summaryRow(report)]);
    await this.cells.write(cellRows([report]));
    await this.warnings.write(warningRows([report]));
    await this.sections.write(sectionRows(report));
    for (const { t, sink } of this.wide) await sink.write(wideRows([report], t));
  }
  async close(): Promise<void> {
    await Promise.all(
      [this.reports, this.cells, this.warnings, this.sections, ...this.wide.map((w) => w.sink)].map((s) => s.close()),
    );
  }
}
