/**
 * Batch runs end to end, with the CLI as a child process (bin/xxgk.js → dist/, built by `npm test`'s pretest):
 * a run killed midway and rerun gives the same outputs as an uninterrupted one, shards merge into the
 * unsharded result, xxgk.sqlite holds what the CSVs hold, and memory stays flat over a longer batch.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sqlite from "node-sqlite3-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeCopies,
  listFiles,
  readCsv,
  removeTemps,
  reportJsons,
  ROOT,
  runXxgk,
  sortedRows,
  sourcePdfs,
  tempDir,
  type RunResult,
} from "./batch/helpers.js";

const COPIES = 24;
const MEMORY_COPIES = 60;
const MEMORY_LIMIT_MB = 300;
/** Files that depend on the whole batch and that a rerun must reproduce byte for byte. */
const BATCH_CSVS = ["cells.csv", "warnings.csv", "applications.csv", "active_disclosure.csv", "review_litigation.csv"];

interface Truth {
  file: string;
  agency: string;
  year: number;
  cells: Record<string, number>;
}

const failed = (r: RunResult) => `exit ${r.code} signal ${r.signal}\n${r.stderr.slice(-4000)}`;

let input: string;
let bySource: Map<string, string[]>;
/** An uninterrupted, unsharded run over `input`: the reference the other runs are held to. */
let outB: string;

beforeAll(async () => {
  expect(
    existsSync(join(ROOT, "dist", "cli", "worker.js")),
    "dist/ missing: run `npx tsc -p tsconfig.json` (npm test does)",
  ).toBe(true);
  input = join(tempDir(), "in");
  bySource = makeCopies(input, COPIES);
  outB = join(tempDir(), "outB");
  const r = await runXxgk(["extract", input, "-o", outB, "--jobs", "2", "--quiet"]);
  expect(r.code, failed(r)).toBe(0);
}, 300_000);

afterAll(() => removeTemps());

describe("xxgk extract, killed midway and rerun", () => {
  it(
    "ends with the same outputs as an uninterrupted run, reusing what the killed run wrote",
    { timeout: 300_000 },
    async () => {
      const outA = join(tempDir(), "outA");
      const args = ["extract", input, "-o", outA, "--jobs", "2", "--quiet"];

      // 1. Start, and SIGKILL the process (workers and all) once a few report JSONs are on disk.
      const killed = await runXxgk(args, { poll: () => existsSync(outA) && reportJsons(outA).length >= 3, pollMs: 5 });
      expect(killed.signal, `the batch was not killed: ${failed(killed)}`).toBe("SIGKILL");
      const afterKill = reportJsons(outA);
      console.log(
        `killed after ${afterKill.length} of ${COPIES} reports; left: ${
          listFiles(outA)
            .filter((f) => !f.endsWith(".json"))
            .join(", ") || "nothing else"
        }`,
      );
      expect(afterKill.length, "the batch finished before it could be killed: nothing to resume").toBeLessThan(COPIES);
      expect(afterKill.length).toBeGreaterThanOrEqual(3);
      expect(existsSync(join(outA, "files.csv")), "files.csv is only written once the batch is done").toBe(false);
      // What the kill left must already be whole: report JSONs are written through a rename.
      const validAfterKill = afterKill.filter((f) => {
        try {
          JSON.parse(readFileSync(join(outA, f), "utf8"));
          return true;
        } catch {
          return false;
        }
      });
      expect(validAfterKill, "a report JSON was left truncated by the kill").toEqual(afterKill);

      // 2. Rerun the same command to completion.
      const rerun = await runXxgk(args);
      expect(rerun.code, failed(rerun)).toBe(0);

      // 3. Nothing half-written remains.
      // (Fails now and then while runs do not sweep a killed run's temporaries: see the known bug below.)
      const leftovers = listFiles(outA).filter((f) => f.endsWith(".tmp"));
      expect(leftovers, "temporary files left in the output folder").toEqual([]);
      const jsonA = reportJsons(outA);
      const jsonB = reportJsons(outB);
      expect(jsonA).toHaveLength(COPIES);
      expect(jsonA).toEqual(jsonB);
      for (const f of jsonA) {
        let a: unknown;
        expect(() => (a = JSON.parse(readFileSync(join(outA, f), "utf8"))), `${f} is not valid JSON`).not.toThrow();
        // No field of a report JSON is volatile (no timings, no dates): the whole document must match.
        expect(a, f).toEqual(JSON.parse(readFileSync(join(outB, f), "utf8")));
      }

      // 4. Batch-level CSVs are byte-identical.
      for (const csv of BATCH_CSVS)
        expect(readFileSync(join(outA, csv)).equals(readFileSync(join(outB, csv))), `${csv} differs`).toBe(true);

      // 5. files.csv: same rows but for timing and reuse.
      const filesA = readCsv(join(outA, "files.csv"));
      const filesB = readCsv(join(outB, "files.csv"));
      const stable = (rows: Record<string, string>[]) => rows.map(({ seconds: _s, cached: _c, ...rest }) => rest);
      expect(filesA).toHaveLength(COPIES);
      expect(stable(filesA)).toEqual(stable(filesB));
      expect(
        filesB.every((r) => r.cached === "false"),
        "a fresh folder has nothing to reuse",
      ).toBe(true);
      const reused = filesA
        .filter((r) => r.cached === "true")
        .map((r) => r.output)
        .sort();
      expect(reused.length, "the rerun reused no output of the killed run").toBeGreaterThan(0);
      // Exactly the reports the killed run had finished are reused; the others were read again.
      expect(reused).toEqual([...validAfterKill].sort());
      for (const r of filesA)
        expect(Number(r.seconds) === 0, `${r.file}: seconds ${r.seconds}, cached ${r.cached}`).toBe(
          r.cached === "true",
        );

      // 6. A third run finds everything done: all reused, same outputs.
      const again = await runXxgk(args);
      expect(again.code, failed(again)).toBe(0);
      expect(readCsv(join(outA, "files.csv")).every((r) => r.cached === "true")).toBe(true);
      for (const csv of BATCH_CSVS)
        expect(readFileSync(join(outA, csv)).equals(readFileSync(join(outB, csv))), `${csv} differs`).toBe(true);
    },
  );

  // What a worker or CSV writer killed between write and rename leaves: half a file under the temporary name
  // of a process that is gone. The kill above hits that window only now and then (about 1 kill in 10 of a
  // running batch, by hand), so this plants such leftovers deterministically.
  let staleLeft: string[] | undefined;
  it("reruns cleanly over a folder holding a killed run's temporaries", { timeout: 120_000 }, async () => {
    const out = join(tempDir(), "outStale");
    const first = reportJsons(outB)[0];
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `${first}.999999.tmp`), readFileSync(join(outB, first)).subarray(0, 1000));
    writeFileSync(join(out, "cells.csv.999999.tmp"), "\uFEFFfile,agency\n");
    const r = await runXxgk(["extract", input, "-o", out, "--jobs", "2", "--quiet"]);
    expect(r.code, failed(r)).toBe(0);
    expect(reportJsons(out)).toEqual(reportJsons(outB));
    expect(readFileSync(join(out, "cells.csv")).equals(readFileSync(join(outB, "cells.csv")))).toBe(true);
    staleLeft = listFiles(out).filter((f) => f.endsWith(".tmp"));
  });

  it("removes the temporaries a killed run left behind", () => {
    expect(staleLeft, "the rerun above did not complete").toBeDefined();
    expect(staleLeft).toEqual([]);
  });
});

describe("xxgk extract rerun over a smaller batch into the same folder", () => {
  // Two consecutive years of one agency: the first run adds cross_year warnings to the 2023 report's JSON.
  // A later run over the 2023 report alone reuses that JSON; it should then say what a fresh run of the
  // same command says (no cross_year warning, the 2022 report is not in this batch).
  let stale: { rerun: string[]; fresh: string[] } | undefined;
  it("reuses the report of an earlier, larger batch", { timeout: 120_000 }, async () => {
    const y2022 = join(ROOT, "samples", "sample-xinan-2022-ruled.pdf");
    const y2023 = join(ROOT, "tests", "fixtures", "xinan-2023-carry.pdf");
    const out = join(tempDir(), "outSmaller");
    const fresh = join(tempDir(), "outFresh");
    const big = await runXxgk(["extract", y2022, y2023, "-o", out, "--jobs", "2", "--quiet"]);
    expect(big.code, failed(big)).toBe(0);
    const rules = (dir: string) =>
      readCsv(join(dir, "warnings.csv"))
        .map((w) => `${w.file} ${w.rule}`)
        .sort();
    expect(
      rules(out).filter((r) => r.includes("cross_year.")).length,
      "the pair gives cross_year warnings",
    ).toBeGreaterThan(0);
    // The database took the reports as they came, before the check across them: it has the warnings added since.
    const db = new sqlite.Database(join(out, "xxgk.sqlite"), { readOnly: true });
    try {
      const inDb = db.all("SELECT r.file AS file, w.rule AS rule FROM warnings w JOIN reports r ON r.id = w.report_id");
      expect(inDb.map((w) => `${w.file} ${w.rule}`).sort()).toEqual(rules(out));
      const counts = db.all("SELECT file, warnings FROM reports ORDER BY file");
      expect(counts.map((r) => [r.file, r.warnings])).toEqual(
        readCsv(join(out, "reports.csv"))
          .map((r) => [r.file, Number(r.warnings)])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
    } finally {
      db.close();
    }
    const small = await runXxgk(["extract", y2023, "-o", out, "--jobs", "2", "--quiet"]);
    expect(small.code, failed(small)).toBe(0);
    expect(readCsv(join(out, "files.csv")).map((r) => r.cached)).toEqual(["true"]);
    const alone = await runXxgk(["extract", y2023, "-o", fresh, "--jobs", "2", "--quiet"]);
    expect(alone.code, failed(alone)).toBe(0);
    stale = { rerun: rules(out), fresh: rules(fresh) };
  });

  it("gives the warnings a fresh run of the same command gives", () => {
    expect(stale, "the runs above did not complete").toBeDefined();
    expect(stale!.rerun).toEqual(stale!.fresh);
  });
});

describe("xxgk extract --shard and xxgk merge", () => {
  /** The job-array variables of the runner's own environment removed: each shard gets only its own. */
  const noArray = {
    SLURM_ARRAY_TASK_ID: undefined,
    SLURM_ARRAY_TASK_MIN: undefined,
    SLURM_ARRAY_TASK_MAX: undefined,
    SLURM_ARRAY_TASK_COUNT: undefined,
    JOB_COMPLETION_INDEX: undefined,
    XXGK_SHARD_COUNT: undefined,
  };
  /** What Slurm sets in task `id` of `sbatch --array=min-max`. */
  const slurmTask = (id: number, min: number, max: number) => ({
    ...noArray,
    SLURM_ARRAY_TASK_ID: String(id),
    SLURM_ARRAY_TASK_MIN: String(min),
    SLURM_ARRAY_TASK_MAX: String(max),
    SLURM_ARRAY_TASK_COUNT: String(max - min + 1),
  });

  it(
    "merges three shards, run as job-array tasks, into what one unsharded run gives",
    { timeout: 300_000 },
    async () => {
      const shards = [1, 2, 3].map((k) => join(tempDir(), `shard${k}`));
      const merged = join(tempDir(), "merged");
      const opts = ["--jobs", "1", "--quiet", "--shard", "auto"];
      // As the README's recipes run them: shard 1 as task 0 of a Slurm --array=0-2, shard 2 as task 2 of an
      // --array=1-3 (Slurm numbers tasks from the array's first id), shard 3 as index 2 of a Kubernetes Indexed
      // Job with completions: 3.
      const runs = [
        () => runXxgk(["extract", input, "-o", shards[0], ...opts], { env: slurmTask(0, 0, 2) }),
        () => runXxgk(["extract", input, "-o", shards[1], ...opts], { env: slurmTask(2, 1, 3) }),
        () =>
          runXxgk(["extract", input, "-o", shards[2], ...opts], {
            env: { ...noArray, JOB_COMPLETION_INDEX: "2", XXGK_SHARD_COUNT: "3" },
          }),
      ];
      // Two at a time, one job each: the machine has two cores.
      const results: RunResult[] = [];
      let next = 0;
      await Promise.all(
        [0, 1].map(async () => {
          while (next < runs.length) {
            const k = next++;
            results[k] = await runs[k]();
          }
        }),
      );
      for (const r of results) expect(r.code, failed(r)).toBe(0);

      // The shards split the sorted inputs round-robin: shard k holds the k-th, (k+3)-th, … of them.
      const reference = readCsv(join(outB, "files.csv"));
      const inputs = reference.map((r) => r.file).sort();
      const shardFiles = shards.map((s) => readCsv(join(s, "files.csv")).map((r) => r.file));
      for (const [k, files] of shardFiles.entries()) {
        expect(files.length, `shard ${k + 1}`).toBe(COPIES / 3);
        expect([...files].sort(), `shard ${k + 1}`).toEqual(inputs.filter((_, j) => j % 3 === k));
      }
      expect(new Set(shardFiles.flat()).size, "the shards are disjoint").toBe(COPIES);

      const m = await runXxgk(["merge", ...shards, "-o", merged]);
      expect(m.code, failed(m)).toBe(0);

      const mergedFiles = readCsv(join(merged, "files.csv"));
      expect(mergedFiles.map((r) => r.file).sort(), "files.csv lists every input once").toEqual(inputs);
      expect(new Set(mergedFiles.map((r) => r.file)).size).toBe(COPIES);
      expect(mergedFiles.every((r) => r.status === "ok")).toBe(true);
      expect(new Set(mergedFiles.map((r) => r.sha256))).toEqual(new Set(reference.map((r) => r.sha256)));
      const stable = (rows: Record<string, string>[]) =>
        sortedRows(rows.map(({ seconds: _s, cached: _c, ...rest }) => rest));
      expect(stable(mergedFiles), "files.csv rows (but timing) as in an unsharded run").toEqual(stable(reference));

      expect(reportJsons(merged)).toEqual(reportJsons(outB));
      for (const f of reportJsons(merged))
        expect(JSON.parse(readFileSync(join(merged, f), "utf8")), f).toEqual(
          JSON.parse(readFileSync(join(outB, f), "utf8")),
        );
      const mergedCells = readCsv(join(merged, "cells.csv"));
      const referenceCells = readCsv(join(outB, "cells.csv"));
      expect(mergedCells.length).toBeGreaterThan(COPIES * 100);
      expect(sortedRows(mergedCells)).toEqual(sortedRows(referenceCells));
      // Cross-year checks see the whole batch again after the merge.
      expect(sortedRows(readCsv(join(merged, "warnings.csv")))).toEqual(
        sortedRows(readCsv(join(outB, "warnings.csv"))),
      );
    },
  );
});

describe("xxgk.sqlite", () => {
  it(
    "holds the batch's reports, cells, warnings and files, indexed, queryable by agency and year",
    { timeout: 120_000 },
    async () => {
      const path = join(outB, "xxgk.sqlite");
      expect(existsSync(path)).toBe(true);
      const db = new sqlite.Database(path, { readOnly: true });
      try {
        const all = (sql: string, params: (string | number)[] = []) => db.all(sql, params) as Record<string, unknown>[];
        const tables = all("SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name);
        for (const t of ["reports", "cells", "warnings", "files"]) expect(tables).toContain(t);
        const indexes = all("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL");
        expect(indexes.length).toBeGreaterThan(0);
        for (const t of ["cells", "warnings", "reports"])
          expect(
            indexes.map((i) => i.tbl_name),
            `no index on ${t}`,
          ).toContain(t);

        const count = (sql: string) => Number(all(sql)[0].n);
        expect(count("SELECT count(*) AS n FROM cells")).toBe(readCsv(join(outB, "cells.csv")).length);
        expect(count("SELECT count(*) AS n FROM warnings")).toBe(readCsv(join(outB, "warnings.csv")).length);
        expect(count("SELECT count(*) AS n FROM reports")).toBe(COPIES);
        expect(count("SELECT count(*) AS n FROM files")).toBe(COPIES);

        // For each shipped sample, its copies answer a query by agency and year with the truth value.
        const samples = sourcePdfs().filter((p) => p.includes("/samples/"));
        expect(samples.length).toBeGreaterThanOrEqual(3);
        for (const pdf of samples) {
          const truth = JSON.parse(readFileSync(pdf.replace(/\.pdf$/, ".truth.json"), "utf8")) as Truth;
          const want = truth.cells["applications/new_received/total"];
          expect(want, `${truth.file}: truth has no applications/new_received/total`).toBeTypeOf("number");
          const rows = all(
            `SELECT r.file AS file, c.value AS value FROM cells c JOIN reports r ON r.id = c.report_id
           WHERE r.agency = ? AND r.year = ? AND c.table_id = 'applications' AND c.row_id = 'new_received' AND c.column_id = 'total'`,
            [truth.agency, truth.year],
          );
          const copies = bySource.get(pdf)!;
          expect(rows.map((r) => r.file).sort(), `${truth.agency} ${truth.year}`).toEqual([...copies].sort());
          for (const r of rows) expect(r.value, `${r.file}`).toBe(want);
          // The view joins the same.
          const wide = all(
            `SELECT value FROM cells_wide WHERE agency = ? AND year = ? AND table_id = 'applications' AND row_id = 'new_received' AND column_id = 'total'`,
            [truth.agency, truth.year],
          );
          expect(wide.map((r) => r.value)).toEqual(copies.map(() => want));
        }
      } finally {
        db.close();
      }
    },
  );
});

describe("memory over a longer batch", () => {
  it(
    `keeps the peak resident set of ${MEMORY_COPIES} files on 2 workers under ${MEMORY_LIMIT_MB} MB`,
    { timeout: 600_000 },
    async () => {
      const dir = join(tempDir(), "many");
      makeCopies(dir, MEMORY_COPIES);
      const out = join(tempDir(), "outMany");
      const r = await runXxgk(["extract", dir, "-o", out, "--jobs", "2", "--quiet"], {
        sampleMemory: true,
        pollMs: 50,
      });
      expect(r.code, failed(r)).toBe(0);
      expect(r.peakKb, "no /proc/<pid>/status sample was taken").not.toBeNull();
      const peakMb = r.peakKb! / 1024;
      console.log(`peak RSS (VmHWM) of xxgk extract over ${MEMORY_COPIES} files, --jobs 2: ${peakMb.toFixed(0)} MB`);
      expect(readCsv(join(out, "files.csv")).filter((x) => x.status === "ok")).toHaveLength(MEMORY_COPIES);
      expect(peakMb).toBeLessThan(MEMORY_LIMIT_MB);
    },
  );
});
