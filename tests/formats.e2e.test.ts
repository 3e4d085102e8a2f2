/**
 * PDFs, web pages and Word files in one batch, end to end (the CLI as a child process: bin/xxgk.js → dist/, built
 * by `npm test`'s pretest). The web-page and Word samples are written by scripts/make-samples.ts from the same
 * data as the PDF samples: a UTF-8 article page (.html), an older GBK page without a declared charset (.htm) and
 * Word files (.docx). Beside them go two PDF samples, a site's 404 page, a truncated .docx and, when LibreOffice
 * is installed, a Word 97 .doc made from a sample .docx. One `xxgk extract` over the folder must list every input
 * once with its format and status, and read every report exactly, its cells located by table/row/column.
 */
import { spawnSync } from "node:child_process";
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { basename, delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportJson } from "../src/report/types.js";
import { readCsv, removeTemps, ROOT, runXxgk, tempDir, type RunResult } from "./batch/helpers.js";
import { SAMPLES, textSamplePdfs, truthOf, type Truth } from "./sampleFiles.js";

/** The web-page and Word samples, sorted by name. */
const markupSamples = readdirSync(SAMPLES)
  .filter((f) => /\.(?:html?|docx)$/.test(f))
  .sort();
const markupTruth = (file: string): Truth =>
  JSON.parse(readFileSync(join(SAMPLES, file.replace(/\.[a-z]+$/, ".truth.json")), "utf8")) as Truth;

/** Two PDF samples with a text layer: the 2019 template's and one of the 2021 template's. */
const PDFS = ["sample-hexi-2019-ruled.pdf", "sample-xinan-2022-ruled.pdf"];
/** The Word sample the broken copy and the .doc are made from. */
const DOCX = "sample-xinan-2022.docx";
const NOT_FOUND = "page-not-found.html";
const BROKEN = "truncated.docx";
const DOC = "word97-xinan-2022.doc";

/** A site's 404 page: the same furniture as an article page, and no report. */
const NOT_FOUND_PAGE = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>404 页面不存在_凤阳县人民政府门户网站</title>
<link rel="stylesheet" href="/static/css/common.css">
</head>
<body>
<header class="site-header"><div class="logo"><a href="/"><img src="/static/images/logo.png" alt="凤阳县人民政府门户网站"></a></div></header>
<nav class="main-nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/zwfw/">政务服务</a> <a href="/hdjl/">互动交流</a></nav>
<div class="container">
<div class="error-box">
<h1>404</h1>
<p>抱歉，您访问的页面不存在或已被删除！可能是网址输入有误，或者该信息已经过期下线。</p>
<p>您可以：<a href="/">返回首页</a> 或 <a href="/xxgk/">进入政府信息公开专栏</a> 查找政府信息公开工作年度报告。</p>
<p>页面将在 <span id="sec">5</span> 秒后自动跳转到首页。</p>
</div>
</div>
<footer class="site-footer"><p>主办单位：凤阳县人民政府办公室</p><p>网站标识码：3411260001　皖ICP备10203040号-1</p></footer>
<script>setTimeout(function () { location.href = "/"; }, 5000);</script>
</body>
</html>
`;

/** The LibreOffice executable on PATH, or null (as src/markup/convert.ts looks for it). */
function findSoffice(): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const exe of ["soffice", "libreoffice"]) {
      try {
        accessSync(join(dir, exe), constants.X_OK);
        return join(dir, exe);
      } catch {
        // not here
      }
    }
  }
  return null;
}
const SOFFICE = findSoffice();

/** A Word 97 .doc of `docx`, converted by LibreOffice in a folder and profile of its own. */
function convertToDoc(docx: string): string {
  const work = tempDir("xxgk-doc-");
  copyFileSync(docx, join(work, "report.docx"));
  const run = spawnSync(
    SOFFICE!,
    [
      `-env:UserInstallation=${pathToFileURL(join(work, "profile")).href}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "doc",
      "--outdir",
      join(work, "out"),
      join(work, "report.docx"),
    ],
    { encoding: "utf8", timeout: 60_000 },
  );
  const doc = join(work, "out", "report.doc");
  if (!existsSync(doc)) throw new Error(`soffice did not convert ${docx} (exit ${run.status}): ${run.stderr}`);
  return doc;
}

const failed = (r: RunResult) => `exit ${r.code} signal ${r.signal}\n${r.stderr.slice(-4000)}`;

/** Truth cells read right, as ../shared/eval/score.mjs counts them (a value within 1e-6). */
function score(report: ReportJson, truth: Truth): { right: number; total: number; wrong: string[] } {
  const got = new Map(report.cells.map((c) => [`${c.table}/${c.row}/${c.column}`, c.value]));
  const wrong: string[] = [];
  for (const [key, want] of Object.entries(truth.cells)) {
    const have = got.get(key);
    if (typeof have !== "number" || Math.abs(have - want) >= 1e-6) wrong.push(`${key}: got ${have} want ${want}`);
  }
  const total = Object.keys(truth.cells).length;
  return { right: total - wrong.length, total, wrong };
}

/** What each input of the batch is and what it must give. */
interface Input {
  name: string;
  format: "pdf" | "html" | "docx" | "doc";
  status: "ok" | "no-report" | "failed";
  /** The truth of a report (a .doc made from a sample keeps its sample's truth, but not its sha256). */
  truth?: Truth;
  sameBytes?: boolean;
}

let input: string;
let out: string;
let run: RunResult;
let rows: Record<string, string>[];
const inputs: Input[] = [];

beforeAll(async () => {
  expect(
    existsSync(join(ROOT, "dist", "cli", "worker.js")),
    "dist/ missing: run `npx tsc -p tsconfig.json` (npm test does)",
  ).toBe(true);
  input = join(tempDir("xxgk-formats-"), "in");
  mkdirSync(input, { recursive: true });
  for (const f of markupSamples) {
    copyFileSync(join(SAMPLES, f), join(input, f));
    inputs.push({
      name: f,
      format: f.endsWith(".docx") ? "docx" : "html",
      status: "ok",
      truth: markupTruth(f),
      sameBytes: true,
    });
  }
  for (const pdf of PDFS) {
    copyFileSync(join(SAMPLES, pdf), join(input, pdf));
    inputs.push({ name: pdf, format: "pdf", status: "ok", truth: truthOf(pdf), sameBytes: true });
  }
  writeFileSync(join(input, NOT_FOUND), NOT_FOUND_PAGE);
  inputs.push({ name: NOT_FOUND, format: "html", status: "no-report" });
  // Cut at 60%: the zip keeps word/document.xml's local header (so the bytes still say Word) but loses its end.
  const docx = readFileSync(join(SAMPLES, DOCX));
  writeFileSync(join(input, BROKEN), docx.subarray(0, Math.floor(docx.length * 0.6)));
  inputs.push({ name: BROKEN, format: "docx", status: "failed" });
  if (SOFFICE) {
    copyFileSync(convertToDoc(join(SAMPLES, DOCX)), join(input, DOC));
    inputs.push({ name: DOC, format: "doc", status: "ok", truth: markupTruth(DOCX), sameBytes: false });
  }
  out = join(tempDir("xxgk-formats-"), "out");
  run = await runXxgk(["extract", input, "-o", out, "--jobs", "2", "--quiet"]);
  rows = readCsv(join(out, "files.csv"));
}, 120_000);

afterAll(() => removeTemps());

const row = (name: string) => rows.find((r) => basename(r.file) === name);
const reportOf = (name: string): ReportJson =>
  JSON.parse(readFileSync(join(out, row(name)!.output), "utf8")) as ReportJson;

describe("the web-page and Word samples", () => {
  it("are there: a UTF-8 page, a GBK page without a charset, Word files, of both templates", () => {
    expect(markupSamples.filter((f) => f.endsWith(".html")).length).toBeGreaterThanOrEqual(1);
    expect(markupSamples.filter((f) => f.endsWith(".docx")).length).toBeGreaterThanOrEqual(1);
    const gbk = markupSamples.filter((f) => f.endsWith(".htm"));
    expect(gbk.length).toBeGreaterThanOrEqual(1);
    for (const f of gbk) {
      const bytes = readFileSync(join(SAMPLES, f));
      expect(bytes.toString("latin1"), `${f} declares its charset`).not.toMatch(/charset/i);
      expect(Buffer.from(bytes.toString("utf8"), "utf8").equals(bytes), `${f} is valid UTF-8, not GBK`).toBe(false);
    }
    expect(new Set(markupSamples.map((f) => markupTruth(f).template))).toEqual(new Set(["2019", "2021"]));
    for (const f of markupSamples) {
      const truth = markupTruth(f);
      expect(truth.file).toBe(f);
      expect(Object.keys(truth.cells).length).toBeGreaterThan(100);
    }
    expect(markupSamples).toContain(DOCX);
    // The PDFs beside them have a text layer (read without OCR, so the batch stays quick).
    expect(textSamplePdfs).toEqual(expect.arrayContaining(PDFS));
  });
});

describe("one batch of PDFs, web pages and Word files", () => {
  it("exits 1: some files gave no report", () => {
    expect(run.code, failed(run)).toBe(1);
  });

  it("lists every input exactly once in files.csv, with its format and status", () => {
    expect(rows.map((r) => basename(r.file)).sort()).toEqual(inputs.map((i) => i.name).sort());
    for (const i of inputs) {
      const r = row(i.name)!;
      expect({ file: i.name, format: r.format, status: r.status }, r.reason).toEqual({
        file: i.name,
        format: i.format,
        status: i.status,
      });
      if (i.status === "ok") expect(r.output).toMatch(/\.json$/);
      else expect(r.output).toBe("");
    }
    expect(row(NOT_FOUND)!.reason).not.toBe("");
    expect(row(BROKEN)!.reason).toMatch(/Word/);
  });

  it("reads every report completely, with no consistency warning", () => {
    for (const i of inputs.filter((x) => x.truth)) {
      const report = reportOf(i.name);
      const truth = i.truth!;
      expect(report.source.file).toBe(i.name);
      expect(report.source.format).toBe(i.format);
      if (i.sameBytes) expect(report.source.sha256, i.name).toBe(truth.sha256);
      expect(report.report, i.name).toMatchObject({ agency: truth.agency, year: truth.year, template: truth.template });
      const s = score(report, truth);
      expect(s.wrong, i.name).toEqual([]);
      expect(s.right, i.name).toBe(s.total);
      expect(
        report.warnings.filter((w) => w.kind === "consistency"),
        i.name,
      ).toEqual([]);
    }
  });

  it("locates web-page and Word cells by table/row/column, PDF cells by page and box", () => {
    for (const i of inputs.filter((x) => x.truth)) {
      const report = reportOf(i.name);
      expect(report.cells.length, i.name).toBeGreaterThan(100);
      if (i.format === "pdf") {
        expect(report.source.pages).toBeGreaterThanOrEqual(1);
        for (const c of report.cells) {
          expect(c.page, `${i.name} ${c.table}/${c.row}/${c.column}`).toBeGreaterThanOrEqual(1);
          expect(c.bbox).toHaveLength(4);
        }
        continue;
      }
      expect(report.source.pages, i.name).toBeNull();
      for (const c of report.cells) {
        const where = `${i.name} ${c.table}/${c.row}/${c.column}`;
        expect(c.page, where).toBeNull();
        expect(c.bbox, where).toBeNull();
        expect(c.locator, where).toBeDefined();
        const { table, row: r, column } = c.locator!;
        for (const n of [table, r, column])
          expect(Number.isInteger(n) && n >= 0, `${where}: locator ${JSON.stringify(c.locator)}`).toBe(true);
      }
      // Three source tables in the document, in reading order: one per standard table.
      const tables = new Map(report.cells.map((c) => [c.table, c.locator!.table]));
      expect(
        [tables.get("active_disclosure"), tables.get("applications"), tables.get("review_litigation")],
        i.name,
      ).toEqual([0, 1, 2]);
    }
  });

  it("reads a Word 97 .doc through LibreOffice", (ctx) => {
    if (!SOFFICE) ctx.skip("LibreOffice (soffice) is not on PATH");
    expect(row(DOC)).toMatchObject({ format: "doc", status: "ok" });
    expect(reportOf(DOC).source.format).toBe("doc");
  });
});
