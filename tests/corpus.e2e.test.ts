import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractDocument as extractReport } from "../src/extract/document.js";
import { NoReportError } from "../src/extract/report.js";

/** Cell accuracy on the development corpus (text layer). It only ever goes up: raise it as the extractor improves. */
const MIN_TEXT_ACCURACY = 99.9;

const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
const CORPUS = resolve(ROOT, "../shared/corpus/text");
const SCORER = resolve(ROOT, "../shared/eval/score.mjs");

describe.skipIf(!existsSync(CORPUS))("text corpus", () => {
  it("reaches the accuracy floor with no missed or false consistency warnings", { timeout: 300_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), "xxgk-corpus-"));
    try {
      const pdfs = readdirSync(CORPUS).filter((f) => f.toLowerCase().endsWith(".pdf")).sort();
      expect(pdfs.length).toBeGreaterThan(0);
      for (const pdf of pdfs) {
        try {
          const report = await extractReport(new Uint8Array(readFileSync(join(CORPUS, pdf))), pdf);
          writeFileSync(join(out, pdf.replace(/\.pdf$/i, ".json")), JSON.stringify(report));
        } catch (err) {
          if (!(err instanceof NoReportError)) throw err; // a report not found only costs accuracy
        }
      }
      const run = spawnSync(process.execPath, [SCORER, "--truth", CORPUS, "--out", out, "--warnings"], { encoding: "utf8" });
      const lines = run.stdout.trim().split("\n");
      const last = lines[lines.length - 1];
      const figure = last.match(/^cell accuracy ([\d.]+)% \((\d+)\/(\d+)\); warnings missed (\d+), false (\d+)$/);
      const summary = lines.find((l) => /^reports \d+:/.test(l));
      const unflagged = summary?.match(/unflagged (\d+)/);
      expect(figure, run.stdout + run.stderr).not.toBeNull();
      expect(unflagged, summary).not.toBeNull();
      const [, accuracy, , , missed, falseAlarms] = figure!;
      console.log(`${last}; unflagged ${unflagged![1]}`);
      expect(Number(accuracy)).toBeGreaterThanOrEqual(MIN_TEXT_ACCURACY);
      expect(Number(missed), run.stdout).toBe(0);
      expect(Number(falseAlarms), run.stdout).toBe(0);
      expect(Number(unflagged![1]), run.stdout).toBe(0);
      expect(summary, run.stdout).toMatch(/ 0 with wrong year\/template\/agency/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

/**
 * Scans of the development corpus: the borderless (three-line) ones, the hardest for OCR, and a ruled one
 * whose agency OCR misreads unless checked against real place names.
 * A subset, so the suite stays within its time on two cores; the whole scan corpus is scored by hand
 * (README). Like the text floor, it only ever goes up.
 */
const SCAN_CORPUS = resolve(ROOT, "../shared/corpus/scan");
const SCAN_SUBSET = [
  "synth-jiangning-office-2024-scan-hard-s1",
  "synth-linhu-edu-2019-scan-hard-s1",
  "yunxi-land-2020-scan-hard-s1",
  "yunxi-market-2023-scan-hard-s1",
  "mengzhou-commerce-2024-scan-hard-s1",
];
const MIN_SCAN_SUBSET_ACCURACY = 97;

describe.skipIf(!existsSync(SCAN_CORPUS))("scan corpus (subset)", () => {
  it("reaches the OCR accuracy floor with no unflagged wrong cell", { timeout: 600_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "xxgk-scans-"));
    try {
      const input = join(dir, "in");
      const out = join(dir, "out");
      mkdirSync(input);
      for (const name of SCAN_SUBSET)
        for (const ext of [".pdf", ".truth.json"]) symlinkSync(join(SCAN_CORPUS, name + ext), join(input, name + ext));
      const extract = spawnSync(process.execPath, [join(ROOT, "bin/xxgk.js"), "extract", input, "-o", out, "--quiet", "--timeout", "600"], { encoding: "utf8" });
      expect(extract.status, extract.stderr).toBe(0);
      const run = spawnSync(process.execPath, [SCORER, "--truth", input, "--out", out], { encoding: "utf8" });
      const lines = run.stdout.trim().split("\n");
      const figure = lines[lines.length - 1].match(/^cell accuracy ([\d.]+)%/);
      const summary = lines.find((l) => /^reports \d+:/.test(l));
      const unflagged = summary?.match(/unflagged (\d+)/);
      expect(figure, run.stdout + run.stderr).not.toBeNull();
      console.log(`scan subset: ${lines[lines.length - 1]}`);
      expect(Number(figure![1])).toBeGreaterThanOrEqual(MIN_SCAN_SUBSET_ACCURACY);
      expect(Number(unflagged?.[1]), run.stdout).toBe(0);
      expect(summary, run.stdout).toMatch(/ 0 with wrong year\/template\/agency/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
