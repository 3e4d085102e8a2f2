import { availableParallelism } from "node:os";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import cliProgress from "cli-progress";
import type { OcrMode } from "../extract/options.js";
import { EXTRACTOR_VERSION } from "../extract/version.js";
import { existsSync } from "node:fs";
import { basename, relative } from "node:path";
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, runBatch, type FileResult } from "./batch.js";
import { checkFolder } from "./check.js";
import { mergeOutputs } from "./merge.js";
import { collectInputs } from "./inputs.js";
import { resolveShard, SHARD_COUNT_VAR, ShardError, type Shard } from "./shard.js";

const OUTPUTS_HELP = `
Output files (in the -o folder):
  <name>.json          one per report: source (file, sha256, pages), report (agency, year, template, title),
                       cells (table, row, column, value, raw, blank, page, bbox) and warnings
  cells.csv            one row per standard cell across all reports (long format)
  active_disclosure.csv, applications.csv, review_litigation.csv
                       one row per report and table row, the table's columns as columns (wide format)
  warnings.csv         every warning: rule, kind (consistency | extraction | input), severity, message, cells
  files.csv            every input with its format (pdf, html, docx, doc), status ok / no-report / failed, the reason,
                       pages, seconds, sha256
  xxgk.sqlite          reports, cells, warnings and files as indexed SQLite tables (Datasette, pandas, …)
  report.html          a self-contained page: file status, charts, warnings, a crop of every flagged cell
CSV files are UTF-8 with a BOM so that Excel shows Chinese text correctly.

Exit codes: 0 every file parsed, 1 some files failed or held no report (see files.csv), 2 usage error.
A rerun into the same folder skips files already done (same bytes, same xxgk version): use it to finish an
interrupted batch. Check one page's reading with: xxgk inspect FILE --page N
`;

const SHARD_HELP = `
Sharding (--shard): each run reads every n-th input of the sorted list, starting at the i-th; run the n shards
into n folders, then: xxgk merge <folders…> -o <dir>
  --shard i/n      the i-th of n (1 ≤ i ≤ n)
  --shard auto     i and n from the job array this run is a task of:
                     Slurm job array: i = SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN + 1 (so --array=0-7 and
                     --array=1-8 both work), n = SLURM_ARRAY_TASK_COUNT; arrays with a step or gaps are refused
                     Kubernetes Indexed Job: i = JOB_COMPLETION_INDEX + 1, n = ${SHARD_COUNT_VAR} (set it in the
                     manifest to the Job's completions)
  --shard auto/N   the same i, and n = N (for a Kubernetes Indexed Job without ${SHARD_COUNT_VAR})
A count given twice (auto/N, SLURM_ARRAY_TASK_COUNT, ${SHARD_COUNT_VAR}) must agree.`;

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let exitCode = 0;
  program
    .name("xxgk")
    .description(
      "Extract the standard tables of 政府信息公开工作年度报告 (PDFs, saved web pages, Word files) into JSON and CSV, with consistency warnings.",
    )
    .version(EXTRACTOR_VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program
    .command("extract")
    .description(
      "extract reports from files or folders (searched recursively for .pdf, .html/.htm, .docx, .doc/.wps; each file read by its content)",
    )
    .argument("<inputs...>", "report files (PDF, saved web page, Word) or folders")
    .requiredOption("-o, --out <dir>", "output folder (created if missing)")
    .option("--password <password>", "user password for encrypted PDFs")
    .option("-j, --jobs <n>", "files read in parallel (worker threads)", positiveInt, availableParallelism())
    .option(
      "--timeout <seconds>",
      "per-file time limit; a file past it is stopped and reported as failed",
      positiveInt,
      DEFAULT_TIMEOUT_SECONDS,
    )
    .option(
      "--max-memory <mb>",
      "per-worker memory limit in MB; a file past it is stopped and reported as failed",
      positiveInt,
      DEFAULT_MAX_MEMORY_MB,
    )
    .option(
      "--ocr <mode>",
      "auto: OCR pages and pictures without usable text when the text layer does not give the report; off: never; force: OCR every page",
      parseOcrMode,
      "auto",
    )
    .option("--force", "re-extract files whose output is already there (by default a rerun skips them)")
    .option(
      "--shard <i/n|auto|auto/N>",
      "read only the i-th of n parts of the inputs; auto: i and n from a Slurm job array or Kubernetes Indexed Job (see Sharding below); combine the outputs with xxgk merge",
      parseShard,
    )
    .option("--quiet", "no progress bar or per-file lines")
    .addHelpText("after", SHARD_HELP)
    .addHelpText("after", OUTPUTS_HELP)
    .action(async (inputs: string[], opts: ExtractOptions) => {
      exitCode = await extractCommand(inputs, opts);
    });
  program
    .command("inspect")
    .description(
      "draw what the reader found on one page (ruling lines, table cells, mapped standard cells with their ids and values) as a PNG",
    )
    .argument("<file>", "a PDF")
    .requiredOption("-p, --page <n>", "page number (1-based)", positiveInt)
    .option("-o, --out <png>", "where to write the picture (default: <file>-p<n>.png in the current folder)")
    .option("--password <password>", "user password for encrypted PDFs")
    .action(async (file: string, opts: { page: number; out?: string; password?: string }) => {
      if (!existsSync(file)) {
        process.stderr.write(`xxgk: no such file: ${file}\n`);
        exitCode = 2;
        return;
      }
      const out = opts.out ?? `${basename(file).replace(/\.pdf$/i, "")}-p${opts.page}.png`;
      try {
        // Loaded on use: the other commands' main thread carries no pdf.js.
        const { inspectPage } = await import("./inspect.js");
        const r = await inspectPage(file, opts.page, out, opts.password);
        process.stderr.write(
          `${out}: ${r.tables} table(s) found, ${r.mapped} standard cell(s) mapped on page ${opts.page}\n`,
        );
      } catch (err) {
        process.stderr.write(`xxgk: ${(err as Error).message}\n`);
        exitCode = 1;
      }
    });
  program
    .command("merge")
    .description("combine the output folders of --shard runs into one (report JSONs, files.csv, all batch outputs)")
    .argument("<dirs...>", "output folders of the shards")
    .requiredOption("-o, --out <dir>", "merged output folder")
    .action(async (dirs: string[], opts: { out: string }) => {
      const missing = dirs.filter((d) => !existsSync(d));
      if (missing.length) {
        process.stderr.write(`xxgk: no such folder: ${missing.join(", ")}\n`);
        exitCode = 2;
        return;
      }
      const results = await mergeOutputs(dirs, opts.out);
      const ok = results.filter((r) => r.status === "ok").length;
      process.stderr.write(
        `${ok}/${results.length} file(s) ok across ${dirs.length} shard(s), merged into ${opts.out}\n`,
      );
      exitCode = ok === results.length ? 0 : 1;
    });
  program
    .command("check")
    .description(
      "re-run the consistency rules over an output folder's report JSONs (after correcting values by hand); rewrites their warnings and the CSVs, reads no PDF",
    )
    .argument("<dir>", "output folder of an earlier extract")
    .action(async (dir: string) => {
      exitCode = await checkCommand(dir);
    });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  return exitCode;
}

interface ExtractOptions {
  out: string;
  password?: string;
  quiet?: boolean;
  jobs: number;
  timeout: number;
  maxMemory: number;
  force?: boolean;
  shard?: Shard;
  ocr: OcrMode;
}

function parseOcrMode(value: string): OcrMode {
  if (value !== "auto" && value !== "off" && value !== "force")
    throw new InvalidArgumentError("expected auto, off or force");
  return value;
}

function parseShard(value: string): Shard {
  try {
    return resolveShard(value, process.env);
  } catch (err) {
    if (err instanceof ShardError) throw new InvalidArgumentError(err.message);
    throw err;
  }
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
  return n;
}

async function extractCommand(inputs: string[], opts: ExtractOptions): Promise<number> {
  const collected = collectInputs(inputs);
  const { missing } = collected;
  // Shards split the sorted input list round-robin, so each gets a fair mix of folders.
  const files = opts.shard
    ? collected.files.filter((_, k) => k % opts.shard!.count === opts.shard!.index - 1)
    : collected.files;
  for (const m of missing) process.stderr.write(`xxgk: no such file or folder: ${m}\n`);
  if (missing.length && !files.length) return 2;
  if (!files.length) {
    process.stderr.write("xxgk: no report files (.pdf, .html/.htm, .docx, .doc/.wps) found in the given inputs\n");
    return 2;
  }
  const tty = Boolean(process.stderr.isTTY) && !opts.quiet;
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          format: "{bar} {value}/{total} files | {eta_formatted} left | {file}",
          stream: process.stderr,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(files.length, 0, { file: "" });
  const report = (r: FileResult, done: number, total: number) => {
    const name = relative(process.cwd(), r.file) || r.file;
    const line =
      r.status === "ok"
        ? `ok ${name}: ${r.warnings} warning(s)${r.cached ? " (output of an earlier run reused)" : ""}`
        : `${r.status} ${name}: ${r.reason}`;
    if (bar) {
      bar.update(done, { file: basename(r.file) });
      if (r.status !== "ok") process.stderr.write(`\n${line}\n`);
    } else if (!opts.quiet || r.status !== "ok") process.stderr.write(`[${done}/${total}] ${line}\n`);
  };
  const results = await runBatch(files, {
    outDir: opts.out,
    password: opts.password,
    jobs: opts.jobs,
    timeoutSeconds: opts.timeout,
    maxMemoryMb: opts.maxMemory,
    force: opts.force,
    ocr: opts.ocr,
    onFileDone: report,
  });
  bar?.stop();
  if (bar)
    for (const r of results.filter((x) => x.status === "ok" && x.warnings > 0).slice(0, 50))
      process.stderr.write(`${basename(r.file)}: ${r.warnings} warning(s)\n`);
  const ok = results.filter((r) => r.status === "ok").length;
  process.stderr.write(`${ok}/${results.length} report(s) extracted into ${opts.out} (see files.csv)\n`);
  return ok === results.length && !missing.length ? 0 : 1;
}

async function checkCommand(dir: string): Promise<number> {
  if (!existsSync(dir)) {
    process.stderr.write(`xxgk: no such folder: ${dir}\n`);
    return 2;
  }
  const results = await checkFolder(dir);
  if (!results.length) {
    process.stderr.write(`xxgk: no xxgk report JSON in ${dir}\n`);
    return 2;
  }
  for (const r of results)
    process.stdout.write(`${r.file}: ${r.consistency} consistency warning(s), ${r.warnings} in all\n`);
  process.stdout.write(`${results.length} report(s) checked; warnings.csv and cells.csv rebuilt in ${dir}\n`);
  return 0;
}
