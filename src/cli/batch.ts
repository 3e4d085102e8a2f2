import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { limitInlining } from "./compiler.js";
import type { OcrMode } from "../extract/options.js";
import type { ReportJson } from "../report/types.js";
import { EXTRACTOR_VERSION } from "../extract/version.js";
import { ReportCsvs, writeCsv } from "../output/csv.js";
import { writeAtomic } from "../output/files.js";
import { readReport } from "../output/reports.js";
import { writeCodebook } from "../output/codebook.js";
import { HtmlReport, renderCropsHere, type CropRenderer } from "../output/html.js";
import { writeSqliteOnThread } from "../output/sqliteThread.js";
import { agencyKey, checkBatch, crossYearView } from "../validate/crossYear.js";
import { INPUT_EXTENSION, type InputFile } from "./inputs.js";
import type { CropTask, ExtractTask, FileStatus, TaskResult } from "./worker.js";

export type { FileStatus } from "./worker.js";

export interface FileResult extends TaskResult {
  file: string;
  sha256: string | null;
  output: string | null;
  /** Set when the output of an earlier run was reused (same bytes, same extractor version). */
  cached: boolean;
}

export interface BatchOptions {
  outDir: string;
  password?: string;
  /** Worker threads; default: the number of cores. */
  jobs?: number;
  /** Seconds one file may take before its worker is stopped. */
  timeoutSeconds?: number;
  /** Heap a worker may use (MB) before it is stopped. */
  maxMemoryMb?: number;
  /** Redo files whose output is already there. */
  force?: boolean;
  ocr?: OcrMode;
  onFileDone?: (result: FileResult, done: number, total: number) => void;
}

export const DEFAULT_TIMEOUT_SECONDS = 120;
export const DEFAULT_MAX_MEMORY_MB = 1536;
/**
 * A worker's young generation (V8's default is 48 MB): a quarter of it still lets most of a report's
 * short-lived garbage die young. Measured on a 1000-file batch at --jobs 2: peak RSS 289–300 MB with 16 MB,
 * 260–267 MB with 12 MB at ~4% more CPU, 263–270 MB with 8 MB at ~7% more (more survivors to collect). (The old generation's limit, --max-memory, also
 * sets how far V8 lets a heap grow between collections: at 2 GB and above it allows 4× the live heap, which
 * costs ~100 MB per worker for ~12% less CPU; below, 1.3× to 2×: the 1.5 GB default (1.8×) keeps a 1000-file
 * batch under 300 MB and runs ~9% faster than 1 GB.)
 */
const WORKER_YOUNG_GENERATION_MB = 12;
/**
 * A crop worker's heap limit: drawing a page leaves much short-lived garbage (a font's outlines), and V8 lets a
 * heap with a high limit grow far past what is live before collecting it (~100 MB per worker at the default).
 */
const CROP_WORKER_MEMORY_MB = 256;

// The worker is the compiled one, also when this module runs from src/ under the test runner.
const workerFile = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/cli/worker.js");

/** At most `n` holders at once; the others wait in order. */
class Semaphore {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

const HASH_CONCURRENCY = 8;

async function sha256Of(file: string | Buffer): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Output names: the input's base name, with a hash suffix where two inputs share one. */
function outputNames(files: { file: string; sha256: string | null }[]): Map<string, string> {
  const count = new Map<string, number>();
  const base = (f: string) =>
    basename(f)
      .replace(/ \[name not UTF-8\]$/, "")
      .replace(INPUT_EXTENSION, "");
  for (const f of files) count.set(base(f.file), (count.get(base(f.file)) ?? 0) + 1);
  return new Map(
    files.map((f) => [
      f.file,
      count.get(base(f.file))! > 1 ? `${base(f.file)}-${(f.sha256 ?? "x").slice(0, 8)}` : base(f.file),
    ]),
  );
}

/** An earlier run's report for exactly these bytes and this extractor version, if there is one. */
function reusable(path: string, sha256: string): ReportJson | null {
  if (!existsSync(path)) return null;
  try {
    const doc = readReport(path);
    return doc.source?.sha256 === sha256 && doc.extractor?.version === EXTRACTOR_VERSION ? doc : null;
  } catch {
    return null;
  }
}

function failure(err: unknown, options: BatchOptions): string {
  const e = err as { name?: string; code?: string; message?: string };
  if (e.name === "AbortError" || e.name === "TimeoutError")
    return `stopped after ${options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS} s (--timeout): the file takes too long to read`;
  if (e.code === "ERR_WORKER_OUT_OF_MEMORY")
    return `stopped: reading it needed more than ${options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB} MB of memory (--max-memory)`;
  return `the reader crashed: ${e.message ?? String(err)}`;
}

/** Temporary files of a run that was killed between writing and renaming (ours: `name.<pid>.tmp`). */
function sweepTemporaryFiles(dir: string): void {
  for (const name of readdirSync(dir)) if (/\.\d+\.tmp$/.test(name)) rmSync(join(dir, name), { force: true });
}

interface HashedInput {
  file: string;
  path: InputFile["path"];
  sha256: string | null;
  error: string | null;
}

/**
 * Every input's hash (or why it cannot be read), a few files at a time: ten thousand open at once would run out of file
 * handles.
 */
async function hashInputs(inputs: InputFile[]): Promise<HashedInput[]> {
  const hashing = new Semaphore(HASH_CONCURRENCY);
  return Promise.all(
    inputs.map(async ({ path, display: file }) => {
      await hashing.acquire();
      try {
        return { file, path, sha256: await sha256Of(path), error: null };
      } catch (err) {
        return { file, path, sha256: null, error: `cannot be read from disk: ${(err as Error).message}` };
      } finally {
        hashing.release();
      }
    }),
  );
}

const NOTHING_READ = {
  format: null,
  pages: null,
  seconds: 0,
  warnings: 0,
  agency: null,
  year: null,
  cached: false,
  crossYear: null,
};

/** The result of a file whose report an earlier run wrote. */
function cachedResult(previous: ReportJson, file: string, sha256: string, output: string): FileResult {
  return {
    file,
    sha256,
    output,
    cached: true,
    status: "ok",
    format: previous.source.format ?? "pdf",
    reason: "",
    pages: previous.source.pages,
    seconds: 0,
    warnings: previous.warnings.length,
    agency: previous.report.agency,
    year: previous.report.year,
    crossYear: crossYearView(previous),
  };
}

/**
 * Extracts every file on a pool of worker threads. A file that fails, hangs or eats memory is stopped and
 * recorded, and the batch goes on; identical files are read once; outputs of an earlier run are reused.
 */
export async function runBatch(inputs: InputFile[], options: BatchOptions): Promise<FileResult[]> {
  mkdirSync(options.outDir, { recursive: true });
  sweepTemporaryFiles(options.outDir);
  // Started first, no more workers than files: the workers load pdf.js while the files are hashed.
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), inputs.length));
  const pool = workerPool(jobs, options);
  const hashed = await hashInputs(inputs);
  const names = outputNames(hashed);
  const slots = new Semaphore(pool.maxThreads);
  const results: FileResult[] = new Array(inputs.length);
  const firstBySha = new Map<string, Promise<FileResult>>();
  let done = 0;
  const finish = (k: number, r: FileResult) => {
    results[k] = r;
    options.onFileDone?.(r, ++done, inputs.length);
    return r;
  };
  const extract = async ({ file, path }: HashedInput, sha256: string, output: string): Promise<FileResult> => {
    const outPath = join(options.outDir, output);
    const previous = options.force ? null : reusable(outPath, sha256);
    if (previous) return cachedResult(previous, file, sha256, output);
    // The time limit runs from when a worker takes the file, not from when it was queued.
    await slots.acquire();
    try {
      const r = (await pool.run(
        { path, name: basename(file), outPath, password: options.password, ocr: options.ocr },
        { signal: AbortSignal.timeout((options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000) },
      )) as TaskResult;
      return { ...r, file, sha256, output: r.status === "ok" ? output : null, cached: false };
    } catch (err) {
      return {
        file,
        sha256,
        output: null,
        status: "failed" as FileStatus,
        reason: failure(err, options),
        ...NOTHING_READ,
      };
    } finally {
      slots.release();
    }
  };
  try {
    await Promise.all(
      hashed.map(async (input, k) => {
        const { file, sha256, error } = input;
        if (!sha256)
          return finish(k, { file, sha256, output: null, status: "failed", reason: error!, ...NOTHING_READ });
        const earlier = firstBySha.get(sha256);
        if (earlier) {
          const first = await earlier;
          return finish(k, {
            ...first,
            file,
            cached: false,
            reason: first.reason || `same file as ${relative(process.cwd(), first.file)}`,
          });
        }
        const job = extract(input, sha256, `${names.get(file)}.json`);
        firstBySha.set(sha256, job);
        return finish(k, await job);
      }),
    );
  } finally {
    await pool.destroy();
  }
  // The extraction workers are gone (with their heaps) before the batch's outputs are written. report.html's crops
  // of text-layer pages are read here (a page's text and lines, no drawing); those of OCR'd pages are drawn on
  // fresh workers with small heaps, as many PDFs at a time as the batch had workers, started only if one is asked
  // for. A PDF whose crops take too long gets none, as one that cannot be drawn.
  const drawing: { pool?: Piscina<ExtractTask | CropTask, unknown> } = {};
  try {
    await finishBatch(results, options.outDir, (path, requests) => {
      if (!requests.some((r) => r.picture)) return renderCropsHere(path, requests);
      drawing.pool ??= workerPool(jobs, { ...options, maxMemoryMb: CROP_WORKER_MEMORY_MB });
      return drawing.pool
        .run({ path, requests } satisfies CropTask, {
          name: "cropTask",
          signal: AbortSignal.timeout((options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000),
        })
        .then((images) => images as (string | null)[])
        .catch(() => requests.map(() => null));
    });
  } finally {
    await drawing.pool?.destroy();
  }
  return results;
}

/** `jobs` worker threads, all started at once, each with the batch's heap limits. */
function workerPool(jobs: number, options: BatchOptions): Piscina<ExtractTask | CropTask, unknown> {
  limitInlining();
  return new Piscina({
    filename: workerFile,
    maxThreads: jobs,
    minThreads: jobs,
    idleTimeout: 1000,
    resourceLimits: {
      maxOldGenerationSizeMb: options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB,
      maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
    },
  });
}

/** What a batch writes once every report is on disk: cross-report checks, then every batch-level file. */
export async function finishBatch(
  results: FileResult[],
  outDir: string,
  renderCrops: CropRenderer = renderCropsHere,
): Promise<void> {
  await crossCheck(results, outDir);
  // One entry per report JSON (duplicate inputs share one).
  const outputs = new Set<string>();
  const reported = results.filter(
    (r) => r.status === "ok" && r.output && !outputs.has(r.output) && outputs.add(r.output),
  );
  const sqlite = writeSqliteOnThread(
    join(outDir, "xxgk.sqlite"),
    reported.map((r) => join(outDir, r.output!)),
    results.map(fileRow),
  );
  try {
    // Each report is read once for the CSVs and report.html together.
    const csvs = new ReportCsvs(outDir);
    const html = new HtmlReport();
    for (const r of reported) {
      const report = readReport(join(outDir, r.output!));
      await csvs.add(report);
      html.add(report, existsSync(resolve(r.file)) ? resolve(r.file) : null);
    }
    await csvs.close();
    await writeFilesCsv(results, outDir);
    await writeCodebook(outDir);
    // The database's thread is done before the crops are drawn: one memory-hungry step at a time.
    await sqlite;
    await html.write(
      join(outDir, "report.html"),
      results.map((r) => ({ ...r, file: relative(process.cwd(), r.file) || r.file })),
      renderCrops,
    );
  } finally {
    await sqlite;
  }
}

/** Relations across reports (consecutive years of one agency): checked once the batch is read, one agency at a time. */
async function crossCheck(results: FileResult[], outDir: string): Promise<void> {
  const groups = new Map<string, Set<string>>();
  for (const r of results) {
    if (r.status !== "ok" || !r.output || !r.agency || !r.year) continue;
    const key = agencyKey(r.agency);
    groups.set(key, (groups.get(key) ?? new Set()).add(r.output));
  }
  const known = new Map(results.filter((r) => r.output && r.crossYear).map((r) => [r.output!, r.crossYear!]));
  // Every group, even of one: a report reused from an earlier run may carry warnings about a report not in this batch.
  // A group holds only what the check reads of each report (an agency may have hundreds); a changed report is
  // read again whole to be written.
  for (const outputs of groups.values()) {
    const views = [...outputs].map((o) => {
      const view = known.get(o) ?? crossYearView(readReport(join(outDir, o)));
      return { o, view, before: JSON.stringify(view.warnings.filter((w) => w.rule.startsWith("cross_year."))) };
    });
    const added = checkBatch(views.map((v) => v.view));
    for (const { o, view, before } of views) {
      const now = added.get(view) ?? [];
      if (JSON.stringify(now) === before) continue;
      const report = readReport(join(outDir, o));
      report.warnings = [...report.warnings.filter((w) => !w.rule.startsWith("cross_year.")), ...now];
      writeAtomic(join(outDir, o), JSON.stringify(report, null, 2) + "\n");
      for (const r of results) if (r.output === o) r.warnings = report.warnings.length;
    }
  }
}

/** The report CSVs of an output folder rebuilt from its report JSONs, one report in memory at a time. */
export async function writeReportCsvs(jsonPaths: string[], outDir: string): Promise<void> {
  const csvs = new ReportCsvs(outDir);
  for (const path of jsonPaths) await csvs.add(readReport(path));
  await csvs.close();
}

/** A file's row in files.csv and the database's files table (which leaves out warnings and cached). */
function fileRow(r: FileResult) {
  return {
    file: relative(process.cwd(), r.file) || r.file,
    format: r.format,
    status: r.status,
    reason: r.reason,
    pages: r.pages,
    seconds: r.seconds,
    output: r.output,
    warnings: r.warnings,
    sha256: r.sha256,
    cached: r.cached,
  };
}

export async function writeFilesCsv(results: FileResult[], outDir: string): Promise<void> {
  await writeCsv(
    join(outDir, "files.csv"),
    ["file", "format", "status", "reason", "pages", "seconds", "output", "warnings", "sha256", "cached"],
    results.map(fileRow),
  );
}
