#!/usr/bin/env node
// Benchmark: xxgk extract against `pdftotext -layout` (poppler-utils) over the same files at the same
// parallelism. The files are copies of varied reports: the dev corpus's text-layer PDFs when ../shared/corpus is
// there (real and generated layouts of many agencies), else the project's text samples; a trailing comment makes
// each copy's bytes unique, so none is skipped as a duplicate.
//
//   npm run bench [-- --files 1000] [--small 150] [--jobs N]
//
// Prints pages/s, reports/s, wall time, CPU time (all threads and processes) and peak RSS (polled from /proc)
// at --jobs 1 and at all cores, for a large batch and an everyday one (fixed costs weigh there), and OCR seconds
// per page on the scanned sample (with the native tesseract CLI's, when installed, as a ratio). The CPU columns
// show what a run costs whatever the machine lends it: pdftotext's wall time moves with process start costs.
import { spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  appendFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const count = opt("files", 1000);
const small = opt("small", 150);
const cores = opt("jobs", availableParallelism());

const work = join(tmpdir(), `xxgk-bench-${process.pid}`);
const corpusText = resolve(root, "../shared/corpus/text");
const sourceDir = existsSync(corpusText) ? corpusText : join(root, "samples");
// Text-layer reports only: the scanned ones are measured on their own below (OCR is another cost entirely).
const sources = readdirSync(sourceDir)
  .filter((f) => f.endsWith(".pdf") && !/-(scan|mixed)(-hard)?(-s\d+)?\.pdf$/.test(f))
  .sort()
  .map((f) => join(sourceDir, f));
const pagesOf = (file) => (readFileSync(file, "latin1").match(/\/Type\s*\/Page[^s]/g) ?? [1]).length;
const sourcePages = sources.map(pagesOf);

/** A folder of `n` distinct copies of the sources, round-robin; returns the folder, file count and page count. */
function makeCorpus(n) {
  const dir = join(work, `corpus-${n}`);
  mkdirSync(dir, { recursive: true });
  let pages = 0;
  for (let k = 0; k < n; k++) {
    const dst = join(dir, `r${String(k).padStart(5, "0")}.pdf`);
    copyFileSync(sources[k % sources.length], dst);
    appendFileSync(dst, `\n%bench copy ${k}\n`);
    pages += sourcePages[k % sources.length];
  }
  return { dir, files: n, pages };
}

const clockTicks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;
/** CPU seconds of this process's waited-for children so far (user + system; Linux /proc). */
function childrenCpu() {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(fields[13]) + Number(fields[14])) / clockTicks;
  } catch {
    return null;
  }
}

/**
 * Runs a command, polling its process tree's resident memory; resolves with seconds, CPU seconds (all its threads
 * and processes: what the machine's cores spent, which bounds the time at any number of jobs) and peak RSS in MB.
 */
function measure(cmd, argv, env = {}) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const cpuBefore = childrenCpu();
    const child = spawn(cmd, argv, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env } });
    let peak = 0;
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const hwm = Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0) / 1024;
        peak = Math.max(peak, hwm);
      } catch {
        // the process has just exited
      }
    }, 50);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(poll);
      const cpuAfter = childrenCpu();
      const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
      resolvePromise({ seconds: (performance.now() - started) / 1000, cpu, peakMb: peak, code, stderr });
    });
  });
}

/**
 * pdftotext over every file, `jobs` processes at a time, spawned by xargs (the leanest way to run a
 * one-file-per-process tool over a folder, so the reference is as fast as it can be).
 */
async function pdftotext(dir, jobs) {
  const script = `find "$1" -name '*.pdf' -print0 | xargs -0 -P ${jobs} -I{} pdftotext -layout {} /dev/null`;
  const r = await measure("sh", ["-c", script, "sh", dir]);
  return { seconds: r.seconds, cpu: r.cpu };
}

const hasPdftotext = spawnSync("pdftotext", ["-v"]).status !== null;
const rows = [];
for (const size of [...new Set([count, small])]) {
  const corpus = makeCorpus(size);
  for (const jobs of [...new Set([1, cores])]) {
    const out = join(work, `out-${size}-${jobs}`);
    // Run as a user runs it: the bin itself, whose shebang sets its memory allocator up.
    const r = await measure(join(root, "bin/xxgk.js"), [
      "extract",
      corpus.dir,
      "-o",
      out,
      "--quiet",
      "--jobs",
      String(jobs),
      "--force",
    ]);
    if (r.code !== 0) process.stderr.write(`xxgk exited ${r.code}: ${r.stderr.slice(-500)}\n`);
    // pdftotext right after, so both see the machine in the same state (shared machines drift).
    const ref = hasPdftotext ? await pdftotext(corpus.dir, jobs) : null;
    rows.push({ corpus, jobs, xxgk: r, ref });
    rmSync(out, { recursive: true, force: true });
  }
}

// OCR: the project's scanned sample, read alone, against the native tesseract CLI on the same page images.
const scans = readdirSync(join(root, "samples")).filter((f) => /-scan\.pdf$/.test(f));
let ocrLine = null;
if (scans.length) {
  const scan = join(root, "samples", scans[0]);
  const scanPages = (readFileSync(scan, "latin1").match(/\/Type\s*\/Page[^s]/g) ?? [1]).length;
  const r = await measure(process.execPath, [
    join(root, "bin/xxgk.js"),
    "extract",
    scan,
    "-o",
    join(work, "ocr"),
    "--quiet",
    "--jobs",
    "1",
    "--force",
  ]);
  const ours = r.seconds / scanPages;
  let native = null;
  const hasTesseract = spawnSync("tesseract", ["--version"]).status === 0;
  const hasPdftoppm = spawnSync("pdftoppm", ["-v"]).status !== null;
  if (hasTesseract && hasPdftoppm) {
    const imgDir = join(work, "pages");
    mkdirSync(imgDir, { recursive: true });
    spawnSync("pdftoppm", ["-r", "300", "-png", scan, join(imgDir, "p")]);
    const images = readdirSync(imgDir).map((f) => join(imgDir, f));
    const t0 = performance.now();
    for (const img of images) spawnSync("tesseract", [img, "stdout", "-l", "chi_sim"], { stdio: "ignore" });
    native = (performance.now() - t0) / 1000 / images.length;
  }
  ocrLine =
    `OCR (${scans[0]}, ${scanPages} pages, whole pipeline, --jobs 1): ${ours.toFixed(2)} s/page` +
    (native === null
      ? "; native tesseract CLI not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim) for the ratio"
      : `; native tesseract CLI (page OCR only): ${native.toFixed(2)} s/page; ratio ${(ours / native).toFixed(2)}`);
}

const fmt = (n, d = 1) => (n === null || n === undefined ? "—" : n.toFixed(d));
const lines = [
  `corpus: copies of ${sources.length} text-layer reports from ${sourceDir === corpusText ? "../shared/corpus/text" : "samples/"}; cores: ${availableParallelism()}`,
  "",
  "| files | pages | jobs | xxgk s | xxgk CPU s | xxgk pages/s | xxgk reports/s | xxgk peak RSS MB | pdftotext s | pdftotext CPU s | pdftotext pages/s | time ratio xxgk/pdftotext |",
  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...rows.map(
    ({ corpus, jobs, xxgk, ref }) =>
      `| ${corpus.files} | ${corpus.pages} | ${jobs} | ${fmt(xxgk.seconds)} | ${fmt(xxgk.cpu)} | ${fmt(corpus.pages / xxgk.seconds)} | ${fmt(corpus.files / xxgk.seconds)} | ${fmt(xxgk.peakMb, 0)} | ${fmt(ref?.seconds)} | ${fmt(ref?.cpu)} | ${ref ? fmt(corpus.pages / ref.seconds) : "—"} | ${ref ? fmt(xxgk.seconds / ref.seconds, 2) : "—"} |`,
  ),
];
if (!hasPdftotext) lines.push("", "pdftotext not found: install poppler-utils for the reference column.");
if (ocrLine) lines.push("", ocrLine);
console.log(lines.join("\n"));
writeFileSync(join(root, "bench-result.md"), lines.join("\n") + "\n");
rmSync(work, { recursive: true, force: true });
