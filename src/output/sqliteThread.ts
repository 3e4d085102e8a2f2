import { once } from "node:events";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, Worker, workerData } from "node:worker_threads";
import { writeSqlite, type FileRow } from "./sqlite.js";

interface Job {
  path: string;
  reportFiles: string[];
  files: FileRow[];
}

// The compiled module, also when the caller runs from src/ under the test runner.
const self = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/output/sqliteThread.js");

/**
 * writeSqlite on a thread of its own, so the database and the CSVs of a batch's end are written at once on
 * two cores (each takes seconds for a thousand reports).
 */
export async function writeSqliteOnThread(path: string, reportFiles: string[], files: FileRow[]): Promise<void> {
  const worker = new Worker(self, { workerData: { path, reportFiles, files } satisfies Job });
  const [code] = (await Promise.race([
    once(worker, "exit"),
    once(worker, "error").then(([err]) => Promise.reject(err)),
  ])) as [number];
  if (code !== 0) throw new Error(`the SQLite writer stopped with code ${code}`);
}

if (!isMainThread && workerData && (workerData as Job).reportFiles) {
  const job = workerData as Job;
  await writeSqlite(job.path, job.reportFiles, job.files);
}
