import { readFileSync } from "node:fs";
import { extractDocument, InputError } from "../extract/document.js";
import type { OcrMode } from "../extract/options.js";
import { NoReportError } from "../extract/report.js";
import { sniffFormat } from "../markup/convert.js";
import type { InputFormat } from "../report/types.js";
import { crossYearView, type CrossYearView } from "../validate/crossYear.js";
import { writeAtomic } from "../output/files.js";
import { PdfInputError } from "../pdf/document.js";

import { renderCrops, type CropRequest } from "../output/render.js";

export interface ExtractTask {
  /** Path to open: raw bytes (arrive as Uint8Array) when the name is not valid UTF-8. */
  path: string | Uint8Array;
  /** Name for the report's source.file. */
  name: string;
  /** Where the report JSON goes (written here, by the worker, atomically). */
  outPath: string;
  password?: string;
  ocr?: OcrMode;
}

export type FileStatus = "ok" | "no-report" | "failed";

/** What a worker hands back: a summary only; the report itself is on disk. */
export interface TaskResult {
  status: FileStatus;
  /** The input's form, by its content (null: none of those read). */
  format: InputFormat | null;
  reason: string;
  pages: number | null;
  seconds: number;
  warnings: number;
  agency: string | null;
  year: number | null;
  /** What the batch's cross-year check reads of the report (see crossYearView), so it need not read the JSON again. */
  crossYear: CrossYearView | null;
}

function describe(err: unknown): { status: FileStatus; reason: string } {
  if (err instanceof NoReportError) return { status: "no-report", reason: err.message };
  if (err instanceof PdfInputError || err instanceof InputError) return { status: "failed", reason: err.message };
  const msg = err instanceof Error ? err.message : String(err);
  return { status: "failed", reason: `the PDF is damaged or malformed and could not be read to the end (${msg})` };
}

/** Extracts one file (PDF, web page, Word) and writes its report JSON; never throws for a bad input, it reports why. */
export default async function extractTask(task: ExtractTask): Promise<TaskResult> {
  const started = performance.now();
  const seconds = () => Number(((performance.now() - started) / 1000).toFixed(3));
  let format: InputFormat | null = null;
  try {
    const data = new Uint8Array(readFileSync(typeof task.path === "string" ? task.path : Buffer.from(task.path)));
    format = sniffFormat(data, task.name);
    const path = typeof task.path === "string" ? task.path : undefined;
    const report = await extractDocument(data, task.name, { password: task.password, ocr: task.ocr, path });
    writeAtomic(task.outPath, JSON.stringify(report, null, 2) + "\n");
    return {
      status: "ok",
      format,
      reason: "",
      pages: report.source.pages,
      seconds: seconds(),
      warnings: report.warnings.length,
      agency: report.report.agency,
      year: report.report.year,
      crossYear: crossYearView(report),
    };
  } catch (err) {
    return {
      ...describe(err),
      format,
      pages: err instanceof NoReportError ? err.pages : null,
      seconds: seconds(),
      warnings: 0,
      agency: null,
      year: null,
      crossYear: null,
    };
  }
}

/** The crops of one PDF for a batch's report.html (`pool.run(task, { name: "cropTask" })`), drawn on a worker too. */
export interface CropTask {
  path: string;
  requests: CropRequest[];
}

export function cropTask(task: CropTask): Promise<(string | null)[]> {
  return renderCrops(task.path, task.requests);
}
