import { Command, CommanderError } from "commander";
import cliProgress from "cli-progress";
import { EXTRACTOR_VERSION } from "../extract/report.js";
import { existsSync } from "node:fs";
import { runBatch, type FileResult } from "./batch.js";
import { checkFolder } from "./check.js";
import { collectInputs } from "./inputs.js";

const OUTPUTS_HELP = `
Output files (in the -o folder):
  <name>.json          one per report: source (file, sha256, pages), report (agency, year, template, title),
                       cells (table, row, column, value, raw, blank, page, bbox) and warnings
  cells.csv            one row per standard cell across all reports (long format)
  active_disclosure.csv, applications.csv, review_litigation.csv
                       one row per report and table row, the table's columns as columns (wide format)
  warnings.csv         every warning: rule, kind (consistency | extraction | input), severity, message, cells
  files.csv            every input with status ok / no-report / failed, the reason, pages and seconds
CSV files are UTF-8 with a BOM so that Excel shows Chinese text correctly.

Exit codes: 0 every file parsed, 1 some files failed or held no report (see files.csv), 2 usage error.
`;

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let exitCode = 0;
  program
    .name("xxgk")
    .description("Extract the standard tables of 政府信息公开工作年度报告 PDFs into JSON and CSV, with consistency warnings.")
    .version(EXTRACTOR_VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program
    .command("extract")
    .description("extract reports from PDF files or folders (searched recursively for .pdf)")
    .argument("<inputs...>", "PDF files or folders")
    .requiredOption("-o, --out <dir>", "output folder (created if missing)")
    .option("--password <password>", "user password for encrypted PDFs")
    .option("--quiet", "no progress bar or per-file lines")
    .addHelpText("after", OUTPUTS_HELP)
    .action(async (inputs: string[], opts: { out: string; password?: string; quiet?: boolean }) => {
      exitCode = await extractCommand(inputs, opts);
    });
  program
    .command("check")
    .description("re-run the consistency rules over an output folder's report JSONs (after correcting values by hand); rewrites their warnings and the CSVs, reads no PDF")
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

async function extractCommand(inputs: string[], opts: { out: string; password?: string; quiet?: boolean }): Promise<number> {
  const { files, missing } = collectInputs(inputs);
  for (const m of missing) process.stderr.write(`xxgk: no such file or folder: ${m}\n`);
  if (missing.length && !files.length) return 2;
  if (!files.length) {
    process.stderr.write("xxgk: no .pdf files found in the given inputs\n");
    return 2;
  }
  const tty = Boolean(process.stderr.isTTY) && !opts.quiet;
  const bar = tty
    ? new cliProgress.SingleBar({ format: "{bar} {value}/{total} files | {eta_formatted} left | {file}", stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(files.length, 0, { file: "" });
  const report = (r: FileResult, i: number, total: number) => {
    const name = r.file;
    const line =
      r.status === "ok"
        ? `ok ${name}: ${r.report!.cells.length} cells, ${r.warnings} warning(s)`
        : `${r.status} ${name}: ${r.reason}`;
    if (bar) {
      bar.update(i + 1, { file: name.split("/").pop() });
      if (r.status !== "ok") process.stderr.write(`\n${line}\n`);
    } else if (!opts.quiet || r.status !== "ok") process.stderr.write(`[${i + 1}/${total}] ${line}\n`);
  };
  const results = await runBatch(files, { outDir: opts.out, password: opts.password, onFileDone: report });
  bar?.stop();
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
  for (const r of results) process.stdout.write(`${r.file}: ${r.consistency} consistency warning(s), ${r.warnings} in all\n`);
  process.stdout.write(`${results.length} report(s) checked; warnings.csv and cells.csv rebuilt in ${dir}\n`);
  return 0;
}
