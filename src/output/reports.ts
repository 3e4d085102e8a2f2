import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ReportJson } from "../report/types.js";

/** One report JSON as xxgk wrote it. */
export function readReport(path: string): ReportJson {
  return JSON.parse(readFileSync(path, "utf8")) as ReportJson;
}

/** The report JSONs xxgk wrote into a folder (other or unreadable .json files are passed over), by name. */
export function readReportJsons(dir: string): { name: string; report: ReportJson }[] {
  const out: { name: string; report: ReportJson }[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith(".json"))
    .sort()) {
    try {
      const report = readReport(join(dir, name));
      if (report?.extractor?.name === "xxgk" && Array.isArray(report.cells)) out.push({ name, report });
    } catch {
      // not JSON: not ours
    }
  }
  return out;
}
