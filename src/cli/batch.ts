import { mkdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { NoReportError, extractReport, type ReportJson } from "../extract/report.js";
import { PdfInputError } from "../pdf/document.js";
import { cellRows, CELL_COLUMNS, warningRows, WARNING_COLUMNS, wideColumns, wideRows, WIDE_PREFIX, writeCsv, type Row } from "../output/csv.js";
import { writeAtomic } from "../output/files.js";
import type { TableId } from "../template/templates.js";
import { checkBatch } from "../validate/crossYear.js";

export type FileStatus = "ok" | "no-report" | "failed";

export interface FileResult {
  file: string;
  status: FileStatus;
  reason: string;
  pages: number | null;
  seconds: number;
  output: string | null;
  warnings: number;
  report?: ReportJson;
}

export interface BatchOptions {
  outDir: string;
  password?: string;
  onFileDone?: (result: FileResult, index: number, total: number) => void;
}

/** Output name for a report: the PDF's base name, made unique within the batch. */
function outputName(file: string, used: Set<string>): string {
  const base = basename(file).replace(/\.pdf$/i, "");
  let name = base;
  for (let k = 2; used.has(name); k++) name = `${base}-${k}`;
  used.add(name);
  return name;
}

function describe(err: unknown): { status: FileStatus; reason: string } {
  if (err instanceof NoReportError) return { status: "no-report", reason: err.message };
  if (err instanceof PdfInputError) return { status: "failed", reason: err.message };
  const msg = err instanceof Error ? err.message : String(err);
  return { status: "failed", reason: `could not be read: ${msg}` };
}

export async function extractOne(file: string, password?: string): Promise<Omit<FileResult, "output">> {
  const started = performance.now();
  try {
    const data = new Uint8Array(readFileSync(file));
    const report = await extractReport(data, file, { password });
    return { file, status: "ok", reason: "", pages: report.source.pages, seconds: (performance.now() - started) / 1000, warnings: report.warnings.length, report };
  } catch (err) {
    return { file, ...describe(err), pages: null, seconds: (performance.now() - started) / 1000, warnings: 0 };
  }
}

const STANDARD_TABLES: TableId[] = ["active_disclosure", "applications", "review_litigation"];

/** Extracts every file, one at a time; a failure is recorded and the batch goes on. */
export async function runBatch(files: string[], options: BatchOptions): Promise<FileResult[]> {
  mkdirSync(options.outDir, { recursive: true });
  const used = new Set<string>();
  const results: FileResult[] = [];
  for (let i = 0; i < files.length; i++) {
    const r = await extractOne(files[i], options.password);
    let output: string | null = null;
    if (r.report) {
      r.report.source.file = basename(files[i]);
      output = `${outputName(files[i], used)}.json`;
      writeAtomic(join(options.outDir, output), JSON.stringify(r.report, null, 2) + "\n");
    }
    const result = { ...r, output };
    results.push(result);
    options.onFileDone?.(result, i, files.length);
  }
  // Relations across reports (consecutive years of one agency) are known only once the batch is read.
  for (const [report, warnings] of checkBatch(results.flatMap((r) => (r.report ? [r.report] : [])))) {
    report.warnings.push(...warnings);
    const result = results.find((r) => r.report === report)!;
    result.warnings = report.warnings.length;
    writeAtomic(join(options.outDir, result.output!), JSON.stringify(report, null, 2) + "\n");
  }
  await writeReportCsvs(
    results.flatMap((r) => (r.report ? [r.report] : [])),
    options.outDir,
  );
  await writeFilesCsv(results, options.outDir);
  return results;
}

/** The CSVs built from report JSONs: cells, warnings and one wide table per standard table. */
export async function writeReportCsvs(reports: ReportJson[], outDir: string): Promise<void> {
  await writeCsv(join(outDir, "cells.csv"), CELL_COLUMNS, cellRows(reports));
  await writeCsv(join(outDir, "warnings.csv"), WARNING_COLUMNS, warningRows(reports));
  for (const t of STANDARD_TABLES) await writeCsv(join(outDir, `${t}.csv`), [...WIDE_PREFIX, ...wideColumns(t)], wideRows(reports, t));
}

export async function writeFilesCsv(results: FileResult[], outDir: string): Promise<void> {
  const fileRows: Row[] = results.map((r) => ({
    file: relative(process.cwd(), r.file) || r.file,
    status: r.status,
    reason: r.reason,
    pages: r.pages,
    seconds: Number(r.seconds.toFixed(3)),
    output: r.output,
    warnings: r.warnings,
  }));
  await writeCsv(join(outDir, "files.csv"), ["file", "status", "reason", "pages", "seconds", "output", "warnings"], fileRows);
}
