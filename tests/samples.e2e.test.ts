import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli/main.js";
import { extractDocument as extractReport } from "../src/extract/document.js";
import { parseCsv } from "./csv.js";
import { SAMPLES, textSamplePdfs, type Truth } from "./sampleFiles.js";

// The samples with a text layer, read exactly. The scanned and pasted-picture samples (truth style "scan" or
// "mixed") need OCR and have their own test: tests/ocr.e2e.test.ts.
const pdfs = textSamplePdfs;

const temps: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "xxgk-test-"));
  temps.push(d);
  return d;
};
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

it("has samples to test", () => {
  expect(pdfs.length).toBeGreaterThanOrEqual(3);
});

describe.each(pdfs)("sample %s", (pdf) => {
  it("extracts every truth cell with provenance and no consistency warning", { timeout: 120_000 }, async () => {
    const truth = JSON.parse(readFileSync(join(SAMPLES, pdf.replace(/\.pdf$/, ".truth.json")), "utf8")) as Truth;
    const report = await extractReport(new Uint8Array(readFileSync(join(SAMPLES, pdf))), pdf);
    expect(report.source.sha256).toBe(truth.sha256);
    expect(report.report).toMatchObject({ year: truth.year, template: truth.template, agency: truth.agency });
    const got = Object.fromEntries(report.cells.map((c) => [`${c.table}/${c.row}/${c.column}`, c.value]));
    const want = truth.cells;
    expect(Object.keys(want).length).toBeGreaterThan(100);
    for (const [key, value] of Object.entries(want)) expect(got[key], key).toBeCloseTo(value, 6);
    for (const c of report.cells) {
      expect(typeof c.raw).toBe("string");
      expect(c.page).toBeGreaterThanOrEqual(1);
      expect(c.page).toBeLessThanOrEqual(report.source.pages);
      expect(c.bbox).toHaveLength(4);
      expect(c.bbox.every((n) => Number.isFinite(n))).toBe(true);
      expect(c.bbox[2]).toBeGreaterThan(c.bbox[0]);
      expect(c.bbox[3]).toBeGreaterThan(c.bbox[1]);
    }
    expect(report.warnings.filter((w) => w.kind === "consistency")).toEqual([]);
  });
});

describe("CLI", () => {
  let stderr: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());

  it("extracts a folder of the samples into JSON and CSV files", { timeout: 120_000 }, async () => {
    // The text-layer samples only (the OCR samples take a minute; tests/ocr.e2e.test.ts runs the CLI on a scan).
    const input = tempDir();
    for (const pdf of pdfs) copyFileSync(join(SAMPLES, pdf), join(input, pdf));
    const out = tempDir();
    expect(await main(["extract", input, "-o", out, "--quiet"])).toBe(0);
    const written = readdirSync(out);
    for (const pdf of pdfs) expect(written).toContain(pdf.replace(/\.pdf$/, ".json"));
    for (const f of [
      "cells.csv",
      "files.csv",
      "warnings.csv",
      "applications.csv",
      "active_disclosure.csv",
      "review_litigation.csv",
    ])
      expect(written).toContain(f);

    const cells = readFileSync(join(out, "cells.csv"));
    expect([...cells.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = cells.toString("utf8").slice(1);
    expect(text.split(/\r?\n/)[0]).toBe(
      "file,agency,year,template,table,row,column,row_label,column_label,value,raw,blank,page,bbox,strategy",
    );
    const cellRows = parseCsv(text);
    expect(new Set(cellRows.map((r) => r.file))).toEqual(new Set(pdfs));
    expect(cellRows.every((r) => r.bbox.split(" ").length === 4)).toBe(true);

    const files = parseCsv(readFileSync(join(out, "files.csv"), "utf8"));
    expect(files.map((r) => basename(r.file)).sort()).toEqual(pdfs);
    expect(files.every((r) => r.status === "ok")).toBe(true);

    const report = JSON.parse(readFileSync(join(out, pdfs[0].replace(/\.pdf$/, ".json")), "utf8"));
    expect(report.source.file).toBe(pdfs[0]);
  });

  it(
    "reads a web page saved as .pdf by its content, records it as no report, and exits 1",
    { timeout: 120_000 },
    async () => {
      const input = tempDir();
      const out = tempDir();
      writeFileSync(join(input, "bad.pdf"), "<html><head><title>404</title></head><body>Not found</body></html>\n");
      copyFileSync(join(SAMPLES, pdfs[0]), join(input, pdfs[0]));
      expect(await main(["extract", input, "-o", out, "--quiet"])).toBe(1);
      const files = parseCsv(readFileSync(join(out, "files.csv"), "utf8"));
      expect(files).toHaveLength(2);
      const bad = files.find((r) => basename(r.file) === "bad.pdf");
      expect(bad?.format).toBe("html");
      expect(bad?.status).toBe("no-report");
      expect(bad?.reason).toMatch(/no 政府信息公开工作年度报告 found/);
      expect(files.find((r) => basename(r.file) === pdfs[0])?.status).toBe("ok");
      expect(existsSync(join(out, pdfs[0].replace(/\.pdf$/, ".json")))).toBe(true);
    },
  );

  it("exits 2 on usage errors", async () => {
    const out = tempDir();
    expect(await main([])).toBe(2);
    expect(await main(["frobnicate"])).toBe(2);
    expect(await main(["extract", SAMPLES])).toBe(2); // no -o
    expect(await main(["extract", SAMPLES, "-o", out, "--bogus"])).toBe(2);
    expect(await main(["extract", join(out, "missing.pdf"), "-o", out])).toBe(2);
    expect(await main(["extract", out, "-o", out])).toBe(2); // a folder without PDFs
  });
});
