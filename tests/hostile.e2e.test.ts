/**
 * One batch of hostile and broken inputs through the CLI (in-process): every input must end up in files.csv
 * exactly once with a status and a reason, the good samples beside them must still be read completely, and
 * the batch must finish in bounded time and memory. Every input is made here, in a temp folder.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runBatch } from "../src/cli/batch.js";
import { collectInputs } from "../src/cli/inputs.js";
import { main } from "../src/cli/main.js";
import type { ReportJson } from "../src/report/types.js";
import { parseCsv } from "./csv.js";
import {
  budgetPdf,
  damagedXref,
  docx,
  encryptedPdf,
  htmlPage,
  imageBombPdf,
  longPdf,
  proseOnlyReportPdf,
  SAMPLES,
  truncated,
  type Truth,
} from "./hostile/make.js";
import { remapDigit } from "./hostile/mutate.js";
import { textSamplePdfs } from "./sampleFiles.js";

const HEXI = "sample-hexi-2019-ruled.pdf";
const XINAN = "sample-xinan-2022-ruled.pdf";
const FENGYANG = "sample-fengyang-2024-web.pdf";
const PASSWORD = "xxgk-secret";
/** 年报 in GBK: a name from an old Windows archive, not valid UTF-8. */
const GBK_NAME = Buffer.from([0xc4, 0xea, 0xb1, 0xa8]);
const BATCH_BOUND_MS = 120_000;
/** Resident memory of the whole process (main thread and worker threads) must stay below this. */
const RSS_BOUND_MB = 1536;

// The text-layer samples (the OCR samples are slow and not exact; tests/ocr.e2e.test.ts covers them), given as files.
const samplePdfs = textSamplePdfs;
const sampleFiles = samplePdfs.map((f) => join(SAMPLES, f));
const truthOf = (pdf: string) =>
  JSON.parse(readFileSync(join(SAMPLES, pdf.replace(/\.pdf$/, ".truth.json")), "utf8")) as Truth;
const sample = (pdf: string) => readFileSync(join(SAMPLES, pdf));
const shown = (file: string) => relative(process.cwd(), file) || file;

const temps: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "xxgk-hostile-"));
  temps.push(d);
  return d;
};

type Row = Record<string, string>;
let inputDir = "";
let outDir = "";
let exitCode = -1;
let elapsedMs = 0;
let peakRssMb = 0;
let rows: Row[] = [];
/** files.csv row of an input in inputDir, by its base name. */
const row = (name: string): Row => {
  const matches = rows.filter((r) => r.file === shown(join(inputDir, name)));
  expect(matches, `${name} in files.csv`).toHaveLength(1);
  return matches[0];
};
const report = (r: Row) => JSON.parse(readFileSync(join(outDir, r.output), "utf8")) as ReportJson;

function expectTruth(r: Row, pdf: string) {
  expect(r.status, `${r.file}: ${r.reason}`).toBe("ok");
  const truth = truthOf(pdf);
  const doc = report(r);
  expect(doc.report).toMatchObject({ agency: truth.agency, year: truth.year, template: truth.template });
  const got = Object.fromEntries(doc.cells.map((c) => [`${c.table}/${c.row}/${c.column}`, c.value]));
  expect(Object.keys(truth.cells).length).toBeGreaterThan(100);
  for (const [key, value] of Object.entries(truth.cells)) expect(got[key], `${pdf} ${key}`).toBeCloseTo(value, 6);
  expect(doc.warnings.filter((w) => w.kind === "consistency")).toEqual([]);
}

/** Runs the CLI with stderr silenced; returns the exit code and files.csv. */
async function runCli(args: string[]): Promise<{ code: number; rows: Row[]; stderr: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => {
    lines.push(String(s));
    return true;
  });
  try {
    const code = await main(args);
    const out = args[args.indexOf("-o") + 1];
    return { code, rows: parseCsv(readFileSync(join(out, "files.csv"), "utf8")), stderr: lines.join("") };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  inputDir = tempDir();
  outDir = tempDir();
  const files: [string, Buffer][] = [
    ["empty.pdf", Buffer.alloc(0)],
    ["truncated.pdf", truncated(sample(HEXI), 0.4)],
    ["damaged-xref.pdf", damagedXref(sample(XINAN))],
    ["encrypted.pdf", await encryptedPdf(PASSWORD)],
    ["budget.pdf", await budgetPdf()],
    ["prose-only-report.pdf", await proseOnlyReportPdf()],
    ["html-page.pdf", htmlPage()],
    ["word-document.pdf", docx()],
    ["long-500-pages.pdf", await longPdf(500)],
    ["image-bomb.pdf", imageBombPdf(30000, 30000)],
    // Just under the reader's pixel limit: 300 MB declared, still not to be decoded.
    ["image-bomb-under-limit.pdf", imageBombPdf(9999, 9999)],
    // Every 1 decodes as 400 nines: a cell value past the largest double.
    ["huge-numbers.pdf", remapDigit(sample(HEXI), 1, "9".repeat(400))],
  ];
  for (const [name, data] of files) writeFileSync(join(inputDir, name), data);
  // The same sample three times: in samples/, under its own name here, and renamed.
  copyFileSync(join(SAMPLES, HEXI), join(inputDir, HEXI));
  copyFileSync(join(SAMPLES, HEXI), join(inputDir, "copy-of-hexi.pdf"));
  // A name that is not UTF-8, holding a sample with a comment appended (other bytes, so it is read on its own).
  mkdirSync(join(inputDir, "gbk"));
  writeFileSync(
    Buffer.concat([Buffer.from(join(inputDir, "gbk") + "/"), GBK_NAME, Buffer.from(".pdf")]),
    Buffer.concat([sample(FENGYANG), Buffer.from("\n% copy\n")]),
  );

  const rssTimer = setInterval(() => (peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 1e6)), 50);
  const started = performance.now();
  try {
    const run = await runCli(["extract", inputDir, ...sampleFiles, "-o", outDir, "--quiet", "--timeout", "60"]);
    exitCode = run.code;
    rows = run.rows;
  } finally {
    elapsedMs = performance.now() - started;
    clearInterval(rssTimer);
  }
}, 300_000);

afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe("a batch of hostile inputs", () => {
  it("finishes within its bounds and exits 1", { timeout: 180_000 }, () => {
    expect(exitCode).toBe(1);
    expect(elapsedMs).toBeLessThan(BATCH_BOUND_MS);
    expect(peakRssMb).toBeLessThan(RSS_BOUND_MB);
  });

  it("lists every input exactly once, with a status and a reason", { timeout: 180_000 }, () => {
    const { files } = collectInputs([inputDir, ...sampleFiles]);
    expect(files).toHaveLength(15 + samplePdfs.length);
    expect(rows).toHaveLength(files.length);
    expect(rows.map((r) => r.file).sort()).toEqual(files.map((f) => shown(f.display)).sort());
    for (const r of rows) {
      expect(["ok", "no-report", "failed"], r.file).toContain(r.status);
      if (r.status !== "ok") expect(r.reason.trim(), r.file).not.toBe("");
      if (r.status === "ok") expect(r.output, r.file).toMatch(/\.json$/);
    }
  });

  it("reads every good sample completely", { timeout: 180_000 }, () => {
    for (const pdf of samplePdfs) {
      const r = rows.find((x) => x.file === shown(join(SAMPLES, pdf)));
      expect(r, pdf).toBeDefined();
      expectTruth(r!, pdf);
    }
  });

  it("reports an empty file", () => {
    expect(row("empty.pdf")).toMatchObject({ status: "failed" });
    expect(row("empty.pdf").reason).toMatch(/empty|0 bytes/);
  });

  it("reports a truncated PDF as failed", () => {
    const r = row("truncated.pdf");
    expect(r.status).toBe("failed");
    expect(r.reason).not.toBe("");
  });

  it("says why a truncated PDF cannot be read", () => {
    expect(row("truncated.pdf").reason).toMatch(/damaged|truncated/);
  });

  it("reads a PDF with a damaged cross-reference table, or says it is damaged", () => {
    const r = row("damaged-xref.pdf");
    if (r.status === "ok") expectTruth(r, XINAN);
    else {
      expect(r.status).toBe("failed");
      expect(r.reason).toMatch(/damaged/);
    }
  });

  it("asks for the password of an encrypted PDF", () => {
    const r = row("encrypted.pdf");
    expect(r.status).toBe("failed");
    expect(r.reason).toMatch(/password/i);
  });

  it("opens the encrypted PDF with --password, and says when the password is wrong", { timeout: 180_000 }, async () => {
    const withPassword = (password: string) =>
      runCli([
        "extract",
        join(inputDir, "encrypted.pdf"),
        "-o",
        tempDir(),
        "--quiet",
        "--timeout",
        "60",
        "--password",
        password,
      ]);
    const right = await withPassword(PASSWORD);
    expect(right.rows).toHaveLength(1);
    expect(["ok", "no-report"]).toContain(right.rows[0].status);
    expect(right.rows[0].reason).not.toMatch(/password|encrypted/i);
    expect(right.rows[0].reason).not.toBe("");

    const wrong = await withPassword("not-it");
    expect(wrong.code).toBe(1);
    expect(wrong.rows).toHaveLength(1);
    expect(wrong.rows[0].status).toBe("failed");
    expect(wrong.rows[0].reason).toMatch(/password/i);
    expect(wrong.rows[0].reason).toMatch(/wrong/i);
  });

  it("does not take a budget with a table of numbers for a report", () => {
    const r = row("budget.pdf");
    expect(r.status).toBe("no-report");
    expect(r.reason).not.toBe("");
    expect(r.output).toBe("");
  });

  it("says a report without its standard tables has no tables", () => {
    const r = row("prose-only-report.pdf");
    expect(r.status).toBe("no-report");
    expect(r.reason).toMatch(/table/);
  });

  it("reads an HTML page and a Word document renamed .pdf by their content, and finds no report in them", () => {
    expect(row("html-page.pdf")).toMatchObject({ format: "html", status: "no-report" });
    expect(row("html-page.pdf").reason).toMatch(/no 政府信息公开工作年度报告 found/);
    // The Word document has a report's title but no tables.
    expect(row("word-document.pdf")).toMatchObject({ format: "docx", status: "no-report" });
    expect(row("word-document.pdf").reason).toMatch(/no standard tables/);
  });

  it("stops early on a 500-page PDF with a clear status", () => {
    const r = row("long-500-pages.pdf");
    expect(Number(r.seconds)).toBeLessThan(60);
    if (r.status === "ok") expect(report(r).warnings.map((w) => w.rule)).toContain("input.too_long");
    else {
      expect(r.status).toBe("no-report");
      expect(r.reason).not.toBe("");
    }
  });

  it.each(["image-bomb.pdf", "image-bomb-under-limit.pdf"])(
    "places an image declaring gigabytes of pixels without inflating it (%s)",
    (name) => {
      const r = row(name);
      expect(["no-report", "failed"]).toContain(r.status);
      expect(r.reason).not.toBe("");
      expect(r.reason).not.toMatch(/--timeout|--max-memory|crashed/);
      expect(Number(r.seconds)).toBeLessThan(30);
    },
  );

  it("still reads a report whose text holds numbers too long for a double", () => {
    const r = row("huge-numbers.pdf");
    expect(r.status).toBe("ok");
    expect(report(r).warnings.map((w) => w.rule)).toContain("value.unreadable");
  });

  it("never writes a cell value that is not a finite number", () => {
    const bad = report(row("huge-numbers.pdf")).cells.filter(
      (c) => typeof c.value !== "number" || !Number.isFinite(c.value),
    );
    expect(bad.map((c) => `${c.table}/${c.row}/${c.column}`)).toEqual([]);
  });

  it("reads the same file once and lists each copy", () => {
    const copies = [join(SAMPLES, HEXI), join(inputDir, HEXI), join(inputDir, "copy-of-hexi.pdf")].map(shown);
    const found = rows.filter((r) => copies.includes(r.file));
    expect(found).toHaveLength(3);
    for (const r of found) expectTruth(r, HEXI);
    expect(new Set(found.map((r) => r.output)).size).toBe(1);
    expect(new Set(found.map((r) => r.sha256)).size).toBe(1);
    const first = found.filter((r) => r.reason === "");
    expect(first).toHaveLength(1);
    for (const r of found.filter((x) => x !== first[0])) expect(r.reason).toBe(`same file as ${first[0].file}`);
    // One report JSON for the three copies.
    const jsons = readdirSync(outDir).filter((f) => f.endsWith(".json"));
    const hexiJsons = jsons.filter(
      (f) => (JSON.parse(readFileSync(join(outDir, f), "utf8")) as ReportJson).source.sha256 === truthOf(HEXI).sha256,
    );
    expect(hexiJsons).toEqual([found[0].output]);
  });

  it("reads a file whose name is not UTF-8 and lists it readably", () => {
    const r = rows.find((x) => x.file.startsWith(shown(join(inputDir, "gbk")) + "/"));
    expect(r).toBeDefined();
    expect(r!.file).toContain("年报");
    expectTruth(r!, FENGYANG);
    expect(report(r!).source.file).toContain("年报");
  });

  it("times each file from when a worker starts on it, not from when it was queued", { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const copies = 120; // a file takes 0.05–0.3 s: several times the limit of work for one worker
    for (let k = 0; k < copies; k++)
      writeFileSync(
        join(dir, `copy-${String(k).padStart(3, "0")}.pdf`),
        Buffer.concat([sample(FENGYANG), Buffer.from(`\n% copy ${k}\n`)]),
      );
    const results = await runBatch(collectInputs([dir]).files, { outDir: tempDir(), jobs: 1, timeoutSeconds: 3 });
    expect(Math.max(...results.map((r) => r.seconds))).toBeLessThan(3);
    expect(results).toHaveLength(copies);
    expect(results.filter((r) => r.status !== "ok").map((r) => `${basename(r.file)}: ${r.reason}`)).toEqual([]);
  });

  it("writes one report JSON per distinct extracted file and nothing for the rest", () => {
    const outputs = new Set(rows.filter((r) => r.status === "ok").map((r) => r.output));
    const jsons = readdirSync(outDir).filter((f) => f.endsWith(".json"));
    expect(jsons.sort()).toEqual([...outputs].sort());
    for (const r of rows.filter((x) => x.status !== "ok")) expect(r.output, basename(r.file)).toBe("");
  });
});
