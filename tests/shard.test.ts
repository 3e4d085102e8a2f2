/** --shard values resolved against the environment: i/n, and auto / auto/N from Slurm or Kubernetes job arrays. */
import { describe, expect, it } from "vitest";
import { resolveShard, SHARD_COUNT_VAR, ShardError, type Env } from "../src/cli/shard.js";

/** What Slurm sets in each task of `sbatch --array=min-max` (contiguous: count = max − min + 1). */
const slurm = (id: number, min: number, max: number, count = max - min + 1): Env => ({
  SLURM_ARRAY_JOB_ID: "4242",
  SLURM_ARRAY_TASK_ID: String(id),
  SLURM_ARRAY_TASK_MIN: String(min),
  SLURM_ARRAY_TASK_MAX: String(max),
  SLURM_ARRAY_TASK_COUNT: String(count),
  SLURM_ARRAY_TASK_STEP: "1",
});

/** The message resolveShard throws, failing if it returns. */
function message(value: string, env: Env): string {
  try {
    const r = resolveShard(value, env);
    throw new Error(`resolved to ${JSON.stringify(r)}`);
  } catch (err) {
    expect(err).toBeInstanceOf(ShardError);
    return (err as Error).message;
  }
}

describe("--shard i/n", () => {
  it("is the i-th of n, whatever the environment", () => {
    expect(resolveShard("1/1", {})).toEqual({ index: 1, count: 1 });
    expect(resolveShard("2/8", {})).toEqual({ index: 2, count: 8 });
    expect(resolveShard("8/8", slurm(0, 0, 2))).toEqual({ index: 8, count: 8 });
    expect(resolveShard("3/12", { JOB_COMPLETION_INDEX: "0" })).toEqual({ index: 3, count: 12 });
  });

  it("refuses an index or count out of range, and other syntax", () => {
    for (const bad of ["0/2", "3/2", "1/0", "0/0", "-1/2", "1/-2", "2", "1/2/3", "a/b", "1.5/3", "", "auto3", "i/n"])
      expect(message(bad, {}), bad).toMatch(/expected i\/n .*auto or auto\/N/);
  });
});

describe("--shard auto with a Slurm job array", () => {
  it("counts from 0 in --array=0-2", () => {
    expect([0, 1, 2].map((id) => resolveShard("auto", slurm(id, 0, 2)))).toEqual([
      { index: 1, count: 3 },
      { index: 2, count: 3 },
      { index: 3, count: 3 },
    ]);
  });

  it("counts from SLURM_ARRAY_TASK_MIN in --array=1-3 and --array=5-7", () => {
    expect([1, 2, 3].map((id) => resolveShard("auto", slurm(id, 1, 3)).index)).toEqual([1, 2, 3]);
    expect([5, 6, 7].map((id) => resolveShard("auto", slurm(id, 5, 7)))).toEqual([
      { index: 1, count: 3 },
      { index: 2, count: 3 },
      { index: 3, count: 3 },
    ]);
  });

  it("takes auto/N when it agrees with the array, and refuses it when not", () => {
    expect(resolveShard("auto/3", slurm(2, 1, 3))).toEqual({ index: 2, count: 3 });
    const m = message("auto/4", slurm(2, 1, 3));
    expect(m).toContain("--shard auto/4");
    expect(m).toContain("SLURM_ARRAY_TASK_COUNT=3");
  });

  it("refuses an array with a step or gaps", () => {
    // --array=0-15:4 → ids 0, 4, 8, 12; --array=1,3,5 → ids 1, 3, 5.
    for (const env of [slurm(4, 0, 12, 4), slurm(3, 1, 5, 3)]) {
      const m = message("auto", env);
      expect(m).toMatch(/step or gaps/);
      expect(m).toContain("--shard i/n");
    }
  });

  it("needs SLURM_ARRAY_TASK_MIN, says which variable holds what is wrong", () => {
    const { SLURM_ARRAY_TASK_MIN: _, ...noMin } = slurm(1, 0, 2);
    expect(message("auto", noMin)).toContain("SLURM_ARRAY_TASK_MIN");
    expect(message("auto", { ...slurm(1, 0, 2), SLURM_ARRAY_TASK_ID: "one" })).toContain("SLURM_ARRAY_TASK_ID=one");
    expect(message("auto", { ...slurm(1, 0, 2), SLURM_ARRAY_TASK_COUNT: "0" })).toContain("SLURM_ARRAY_TASK_COUNT=0");
  });

  it("takes the count from XXGK_SHARD_COUNT or auto/N when SLURM_ARRAY_TASK_COUNT is missing", () => {
    const { SLURM_ARRAY_TASK_COUNT: _c, SLURM_ARRAY_TASK_MAX: _m, ...bare } = slurm(1, 0, 2);
    expect(resolveShard("auto/3", bare)).toEqual({ index: 2, count: 3 });
    expect(resolveShard("auto", { ...bare, [SHARD_COUNT_VAR]: "3" })).toEqual({ index: 2, count: 3 });
    expect(message("auto", bare)).toMatch(/auto\/N or set XXGK_SHARD_COUNT/);
  });

  it("refuses a task past the count", () => {
    const m = message("auto", { ...slurm(3, 0, 2), SLURM_ARRAY_TASK_MAX: undefined });
    expect(m).toContain("SLURM_ARRAY_TASK_ID=3");
    expect(m).toMatch(/shard 4 .*only 3 shards/);
    expect(message("auto", { ...slurm(0, 1, 3) })).toMatch(/SLURM_ARRAY_TASK_ID=0 is below SLURM_ARRAY_TASK_MIN=1/);
  });
});

describe("--shard auto with a Kubernetes Indexed Job", () => {
  it("takes JOB_COMPLETION_INDEX (from 0) and the count from auto/N", () => {
    expect([0, 1, 2].map((k) => resolveShard("auto/3", { JOB_COMPLETION_INDEX: String(k) }))).toEqual([
      { index: 1, count: 3 },
      { index: 2, count: 3 },
      { index: 3, count: 3 },
    ]);
    expect(resolveShard("AUTO/3", { JOB_COMPLETION_INDEX: " 1 " })).toEqual({ index: 2, count: 3 });
  });

  it("takes the count from XXGK_SHARD_COUNT", () => {
    expect(resolveShard("auto", { JOB_COMPLETION_INDEX: "2", [SHARD_COUNT_VAR]: "3" })).toEqual({
      index: 3,
      count: 3,
    });
    expect(resolveShard("auto/3", { JOB_COMPLETION_INDEX: "0", [SHARD_COUNT_VAR]: "3" })).toEqual({
      index: 1,
      count: 3,
    });
  });

  it("says how to give the count when nothing does", () => {
    const m = message("auto", { JOB_COMPLETION_INDEX: "1" });
    expect(m).toContain("JOB_COMPLETION_INDEX=1");
    expect(m).toContain("--shard auto/N");
    expect(m).toContain("XXGK_SHARD_COUNT=N");
    expect(message("auto", { JOB_COMPLETION_INDEX: "1", [SHARD_COUNT_VAR]: "" })).toContain("XXGK_SHARD_COUNT=N");
  });

  it("refuses an index past the count, and counts that disagree", () => {
    const m = message("auto/3", { JOB_COMPLETION_INDEX: "3" });
    expect(m).toContain("JOB_COMPLETION_INDEX=3");
    expect(m).toMatch(/shard 4 .*only 3 shards/);
    expect(message("auto", { JOB_COMPLETION_INDEX: "5", [SHARD_COUNT_VAR]: "5" })).toMatch(/only 5 shards/);
    const d = message("auto/4", { JOB_COMPLETION_INDEX: "0", [SHARD_COUNT_VAR]: "3" });
    expect(d).toContain("--shard auto/4");
    expect(d).toContain("XXGK_SHARD_COUNT=3");
  });

  it("refuses values that are not whole numbers", () => {
    expect(message("auto/3", { JOB_COMPLETION_INDEX: "-1" })).toContain("JOB_COMPLETION_INDEX=-1");
    expect(message("auto", { JOB_COMPLETION_INDEX: "0", [SHARD_COUNT_VAR]: "three" })).toContain(
      "XXGK_SHARD_COUNT=three",
    );
    expect(message("auto", { JOB_COMPLETION_INDEX: "0", [SHARD_COUNT_VAR]: "0" })).toContain("XXGK_SHARD_COUNT=0");
    for (const bad of ["auto/0", "auto/", "auto/x", "auto/-3"])
      expect(message(bad, { JOB_COMPLETION_INDEX: "0" }), bad).toMatch(/auto\/N needs N/);
  });
});

describe("--shard auto without a job array", () => {
  it("names the variables to set", () => {
    for (const value of ["auto", "auto/3"]) {
      const m = message(value, { [SHARD_COUNT_VAR]: "3", SLURM_ARRAY_TASK_ID: "" });
      expect(m).toContain("SLURM_ARRAY_TASK_ID");
      expect(m).toContain("JOB_COMPLETION_INDEX");
      expect(m).toContain("--shard i/n");
    }
  });

  it("refuses both Slurm and Kubernetes indexes at once", () => {
    const m = message("auto", { ...slurm(0, 0, 2), JOB_COMPLETION_INDEX: "1" });
    expect(m).toContain("SLURM_ARRAY_TASK_ID");
    expect(m).toContain("JOB_COMPLETION_INDEX");
  });
});
