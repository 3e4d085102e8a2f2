import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractReport, NoReportError } from "../src/extract/report.js";

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
