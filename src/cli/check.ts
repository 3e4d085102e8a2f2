import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ReportJson } from "../extract/report.js";
import { writeAtomic } from "../output/files.js";
import { checkBatch } from "../validate/crossYear.js";
import { checkReport } from "../validate/rules.js";
import { writeReportCsvs } from "./batch.js";

export interface CheckResult {
  file: string;
  warnings: number;
  consistency: number;
}

/**
 * Re-runs the consistency rules over the report JSONs of an output folder, without reading any PDF
 * (for values corrected by hand), rewrites each JSON's consistency warnings and rebuilds the CSVs.
 */
export async function checkFolder(dir: string): Promise<CheckResult[]> {
  const reports: { name: string; report: ReportJson }[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
    let doc: ReportJson;
    try {
      doc = JSON.parse(readFileSync(join(dir, name), "utf8")) as ReportJson;
    } catch {
      continue;
    }
    if (doc?.extractor?.name !== "xxgk" || !Array.isArray(doc.cells)) continue;
    doc.warnings = (doc.warnings ?? []).filter((w) => w.kind !== "consistency");
    doc.warnings.push(...checkReport(doc));
    reports.push({ name, report: doc });
  }
  for (const [report, warnings] of checkBatch(reports.map((r) => r.report))) report.warnings.push(...warnings);
  for (const { name, report } of reports) writeAtomic(join(dir, name), JSON.stringify(report, null, 2) + "\n");
  await writeReportCsvs(
    reports.map((r) => join(dir, r.name)),
    dir,
  );
  return reports.map(({ name, report }) => ({
    file: name,
    warnings: report.warnings.length,
    consistency: report.warnings.filter((w) => w.kind === "consistency").length,
  }));
}
