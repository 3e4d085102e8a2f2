import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractDocument as extractReport } from "../src/extract/document.js";
import { NoReportError } from "../src/extract/report.js";

/**
 * Cell accuracy on the development corpus: PDFs with a text layer, saved web pages, Word files. It only
 * ever goes up: raise it as the extractor improves.
 */
const MIN_ACCURACY = 99.9;

const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
const SCORER = resolve(ROOT, "../shared/eval/score.mjs");
const INPUTS = /\.(pdf|html?|docx)$/i;

describe.each(["text", "html", "docx"])("%s corpus", (kind) => {
  const corpus = resolve(ROOT, "../shared/corpus", kind);
  it.skipIf(!existsSync(corpus))(
    "reaches the accuracy floor with no missed or false consistency warnings",
    { timeout: 300_000 },
    async () => {
      const out = mkdtempSync(join(tmpdir(), "xxgk-corpus-"));
      try {
        const files = readdirSync(corpus)
          .filter((f) => INPUTS.test(f))
          .sort();
        expect(files.length).toBeGreaterThan(0);
        const divisions = new Set<string>();
        for (const file of files) {
          try {
            const report = await extractReport(new Uint8Array(readFileSync(join(corpus, file))), file);
            // A report's sections are found with their prose, and a division is only ever one the agency names.
            expect(report.sections.length, file).toBeGreaterThanOrEqual(3);
            expect(
              report.sections.reduce((n, s) => n + s.text.length, 0),
              file,
            ).toBeGreaterThan(100);
            const { division_code, division_name, agency_normalized } = report.report;
            if (division_code) {
              expect(agency_normalized, file).toContain(division_name!.replace(/(市|县|区)$/, ""));
              divisions.add(division_code);
            }
            writeFileSync(join(out, file.replace(INPUTS, ".json")), JSON.stringify(report));
          } catch (err) {
            if (!(err instanceof NoReportError)) throw err; // a report not found only costs accuracy
          }
        }
        // The corpus's real places (a county-level city, a county, a district) are placed.
        expect(divisions.size).toBeGreaterThanOrEqual(2);
        const run = spawnSync(process.execPath, [SCORER, "--truth", corpus, "--out", out, "--warnings"], {
          encoding: "utf8",
        });
        const lines = run.stdout.trim().split("\n");
        const last = lines[lines.length - 1];
        const figure = last.match(/^cell accuracy ([\d.]+)% \((\d+)\/(\d+)\); warnings missed (\d+), false (\d+)$/);
        const summary = lines.find((l) => /^reports \d+:/.test(l));
        const unflagged = summary?.match(/unflagged (\d+)/);
        expect(figure, run.stdout + run.stderr).not.toBeNull();
        expect(unflagged, summary).not.toBeNull();
        const [, accuracy, , , missed, falseAlarms] = figure!;
        console.log(`${kind}: ${last}; unflagged ${unflagged![1]}`);
        expect(Number(accuracy)).toBeGreaterThanOrEqual(MIN_ACCURACY);
        expect(Number(missed), run.stdout).toBe(0);
        expect(Number(falseAlarms), run.stdout).toBe(0);
        expect(Number(unflagged![1]), run.stdout).toBe(0);
        expect(summary, run.stdout).toMatch(/ 0 with wrong year\/template\/agency/);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );
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
const MIN_SCAN_SUBSET_ACCURACY = 99;

describe.skipIf(!existsSync(SCAN_CORPUS))("scan corpus (subset)", () => {
  it("reaches the OCR accuracy floor with no unflagged wrong cell", { timeout: 600_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "xxgk-scans-"));
    try {
      const input = join(dir, "in");
      const out = join(dir, "out");
      mkdirSync(input);
      for (const name of SCAN_SUBSET)
        for (const ext of [".pdf", ".truth.json"]) symlinkSync(join(SCAN_CORPUS, name + ext), join(input, name + ext));
      const extract = spawnSync(
        process.execPath,
        [join(ROOT, "bin/xxgk.js"), "extract", input, "-o", out, "--quiet", "--timeout", "600"],
        { encoding: "utf8" },
      );
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
