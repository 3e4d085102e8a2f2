import { join } from "node:path";
import { writeAtomic } from "../output/files.js";
import { readReportJsons } from "../output/reports.js";
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
  const reports = readReportJsons(dir);
  for (const { report } of reports) {
    report.warnings = (report.warnings ?? []).filter((w) => w.kind !== "consistency");
    report.warnings.push(...checkReport(report));
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
