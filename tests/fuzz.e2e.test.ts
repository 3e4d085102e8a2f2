/**
 * Fuzzing: a few hundred deterministic mutants of the samples (byte flips, truncations, deleted objects,
 * edited page content, digits decoding as something else) read as one batch. Every mutant must end with a
 * status and, unless ok, a reason; no report may hold a cell value that is not a finite number.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBatch, type FileResult } from "../src/cli/batch.js";
import { collectInputs } from "../src/cli/inputs.js";
import type { ReportJson } from "../src/report/types.js";
import { parseCsv } from "./csv.js";
import { prng, SAMPLES } from "./hostile/make.js";
import { MUTATIONS, mutate, type Mutation } from "./hostile/mutate.js";
import { textSamplePdfs } from "./sampleFiles.js";

const SEED = 20240501;
/** Mutants per kind and sample: 5 kinds × 3 samples × 20 = 300. */
const PER_KIND = Number(process.env.XXGK_FUZZ_PER_KIND ?? 20);
/**
 * Per-file limit. runBatch starts a file's clock when it is queued, not when a worker picks it up (see the
 * queue test in hostile.e2e.test.ts), so the limit also bounds the whole batch: it must be far above the batch's
 * time on a loaded 2-core machine (60 s stopped the last mutants of a run sharing the cores with two OCR
 * batches), so that only a hang reaches it. No mutant takes more than a few seconds.
 */
const TIMEOUT_SECONDS = Number(process.env.XXGK_FUZZ_TIMEOUT ?? 300);

// The text-layer samples: mutants of the OCR samples would each be read by OCR (tests/ocr.e2e.test.ts covers those).
const samplePdfs = textSamplePdfs;
let inputDir = "";
let outDir = "";
let results: FileResult[] = [];
let elapsedMs = 0;
const made = new Map<Mutation, number>();

beforeAll(
  async () => {
    inputDir = mkdtempSync(join(tmpdir(), "xxgk-fuzz-in-"));
    outDir = mkdtempSync(join(tmpdir(), "xxgk-fuzz-out-"));
    const rand = prng(SEED);
    for (const pdf of samplePdfs) {
      const original = readFileSync(join(SAMPLES, pdf));
      for (const kind of MUTATIONS)
        for (let k = 0; k < PER_KIND; k++) {
          const mutant = mutate(original, kind, rand);
          if (!mutant) continue;
          made.set(kind, (made.get(kind) ?? 0) + 1);
          writeFileSync(
            join(inputDir, `${pdf.replace(/\.pdf$/, "")}-${kind}-${String(k).padStart(3, "0")}.pdf`),
            mutant,
          );
        }
    }
    const { files } = collectInputs([inputDir]);
    const started = performance.now();
    results = await runBatch(files, { outDir, jobs: 2, timeoutSeconds: TIMEOUT_SECONDS });
    elapsedMs = performance.now() - started;
    if (process.env.XXGK_FUZZ_VERBOSE) {
      const byReason = new Map<string, number>();
      for (const r of results) {
        const key = `${r.status}: ${r.reason
          .replace(/\d+/g, "N")
          .replace(/same file as .*/, "same file as …")
          .slice(0, 140)}`;
        byReason.set(key, (byReason.get(key) ?? 0) + 1);
      }
      console.log(`${results.length} mutants in ${(elapsedMs / 1000).toFixed(1)} s`, Object.fromEntries(made));
      console.log(
        [...byReason]
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `${String(n).padStart(4)}  ${k}`)
          .join("\n"),
      );
      const slow = [...results].sort((a, b) => b.seconds - a.seconds).slice(0, 5);
      console.log(
        "stopped:",
        results
          .filter((r) => /--timeout/.test(r.reason))
          .map((r) => r.file.split("/").pop())
          .join(" "),
      );
      console.log("slowest:", slow.map((r) => `${r.file.split("/").pop()} ${r.seconds}s ${r.status}`).join(", "));
    }
  },
  (TIMEOUT_SECONDS + 120) * 1000,
);

afterAll(() => {
  for (const d of [inputDir, outDir]) if (d) rmSync(d, { recursive: true, force: true });
});

describe("fuzzed samples", () => {
  it("made mutants of every kind", () => {
    for (const kind of MUTATIONS) expect(made.get(kind) ?? 0, kind).toBeGreaterThan(0);
    expect(results.length).toBe([...made.values()].reduce((a, b) => a + b, 0));
    expect(results.length).toBeGreaterThanOrEqual(200);
  });

  it("ends every mutant with a status, and a reason unless ok", { timeout: 180_000 }, () => {
    for (const r of results) {
      expect(["ok", "no-report", "failed"], r.file).toContain(r.status);
      if (r.status !== "ok") expect(r.reason.trim(), r.file).not.toBe("");
      // A stopped worker is the reader crashing, hanging or running away, not a verdict on the file. (Time
      // itself is the bench's to measure: a wall-clock bound fails on a loaded machine.)
      expect(r.reason, r.file).not.toMatch(/^the reader crashed|--max-memory|--timeout/);
    }
    const rows = parseCsv(readFileSync(join(outDir, "files.csv"), "utf8"));
    expect(rows).toHaveLength(results.length);
    expect(rows.map((r) => r.status)).toEqual(results.map((r) => r.status));
  });

  it("explains every failure instead of passing on the reader's internal error", () => {
    const raw = results.filter((r) => r.status === "failed" && r.reason.startsWith("could not be read:"));
    expect(raw.map((r) => `${r.file.split("/").pop()}: ${r.reason}`)).toEqual([]);
  });

  it("writes only finite numbers as cell values", { timeout: 180_000 }, () => {
    const outputs = new Set(results.filter((r) => r.status === "ok").map((r) => r.output!));
    expect(outputs.size).toBeGreaterThan(0);
    for (const output of outputs) {
      const doc = JSON.parse(readFileSync(join(outDir, output), "utf8")) as ReportJson;
      for (const c of doc.cells) {
        const id = `${output} ${c.table}/${c.row}/${c.column} “${c.raw}”`;
        expect(typeof c.value, id).toBe("number");
        expect(Number.isFinite(c.value), id).toBe(true);
        expect(
          c.bbox.every((n) => Number.isFinite(n)),
          id,
        ).toBe(true);
        expect(c.page, id).toBeGreaterThanOrEqual(1);
        expect(c.page, id).toBeLessThanOrEqual(doc.source.pages);
      }
      // Quoted raw text may say anything; the numbers a message computes may not.
      for (const w of doc.warnings)
        expect(w.message.replace(/“[^”]*”/g, "“…”"), `${output} ${w.rule}`).not.toMatch(/NaN|Infinity|undefined/);
    }
  });
});
