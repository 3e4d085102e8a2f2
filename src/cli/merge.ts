import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseFile } from "fast-csv";
import { readReport, readReportJsons } from "../output/reports.js";
import { crossYearView } from "../validate/crossYear.js";
import { finishBatch, type FileResult } from "./batch.js";

async function readFilesCsv(path: string): Promise<Record<string, string>[]> {
  if (!existsSync(path)) return [];
  const rows: Record<string, string>[] = [];
  await new Promise<void>((resolve, reject) =>
    parseFile<Record<string, string>, Record<string, string>>(path, { headers: true })
      .on("data", (r) => rows.push(r))
      .on("end", () => resolve())
      .on("error", reject),
  );
  return rows;
}

/**
 * Combines the output folders of shards (`--shard i/n` runs) into one: report JSONs copied (one per PDF,
 * by sha256), files.csv rows concatenated, cross-year checks and every batch file rebuilt over the whole.
 */
export async function mergeOutputs(dirs: string[], outDir: string): Promise<FileResult[]> {
  mkdirSync(outDir, { recursive: true });
  const results: FileResult[] = [];
  const outputBySha = new Map<string, string>();
  for (const dir of dirs) {
    for (const { name, report: doc } of readReportJsons(dir)) {
      if (outputBySha.has(doc.source.sha256)) continue;
      let target = name;
      for (let k = 2; [...outputBySha.values()].includes(target); k++) target = name.replace(/\.json$/, `-${k}.json`);
      if (join(dir, name) !== join(outDir, target)) copyFileSync(join(dir, name), join(outDir, target));
      outputBySha.set(doc.source.sha256, target);
    }
    for (const row of await readFilesCsv(join(dir, "files.csv"))) {
      const sha256 = row.sha256 || null;
      results.push({
        file: row.file,
        sha256,
        status: (row.status as FileResult["status"]) || "failed",
        format: (row.format as FileResult["format"]) || null,
        reason: row.reason ?? "",
        pages: row.pages ? Number(row.pages) : null,
        seconds: Number(row.seconds) || 0,
        output: sha256 && row.status === "ok" ? (outputBySha.get(sha256) ?? null) : null,
        warnings: Number(row.warnings) || 0,
        agency: null,
        year: null,
        cached: row.cached === "true",
        crossYear: null,
      });
    }
  }
  for (const r of results) {
    if (!r.output) continue;
    const doc = readReport(join(outDir, r.output));
    r.agency = doc.report.agency;
    r.year = doc.report.year;
    r.crossYear = crossYearView(doc);
  }
  await finishBatch(results, outDir);
  return results;
}
