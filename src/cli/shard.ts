/**
 * `--shard`: which part of the sorted inputs one run reads. `i/n` says it outright; `auto` and `auto/N` take the
 * index (and the count) from the job array the run is a task of: a Slurm job array or a Kubernetes Indexed Job.
 */

/** One part of the inputs: the `index`-th (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** The variable a Kubernetes Indexed Job is given the shard count in (the Job's `completions`), by its manifest. */
export const SHARD_COUNT_VAR = "XXGK_SHARD_COUNT";

/** A --shard value that cannot be resolved; the message says what to give or set instead. */
export class ShardError extends Error {}

const SYNTAX = "expected i/n (1 ≤ i ≤ n, e.g. 2/8), auto or auto/N";

/** A whole number ≥ `min` in `text` (an option part or a variable's value), else null. */
function wholeNumber(text: string | undefined, min: number): number | null {
  const t = text?.trim();
  if (!t || !/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) && n >= min ? n : null;
}

/** A variable that must hold a whole number ≥ `min` when set: its value, or undefined when unset (or empty). */
function numberVar(env: Env, name: string, min: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = wholeNumber(raw, min);
  if (n === null) throw new ShardError(`${name}=${raw} is not a whole number${min > 0 ? ` of at least ${min}` : ""}`);
  return n;
}

/** The index of this task in its array (0-based) and the count the array itself states, if any. */
interface ArrayTask {
  index0: number;
  count?: number;
  /** How the index was found, for messages: e.g. "SLURM_ARRAY_TASK_ID=3 − SLURM_ARRAY_TASK_MIN=1". */
  from: string;
  countFrom?: string;
}

function slurmTask(env: Env): ArrayTask {
  const id = numberVar(env, "SLURM_ARRAY_TASK_ID", 0)!;
  const min = numberVar(env, "SLURM_ARRAY_TASK_MIN", 0);
  const max = numberVar(env, "SLURM_ARRAY_TASK_MAX", 0);
  const count = numberVar(env, "SLURM_ARRAY_TASK_COUNT", 1);
  if (min === undefined)
    throw new ShardError(
      `SLURM_ARRAY_TASK_ID=${id} is set but SLURM_ARRAY_TASK_MIN is not (Slurm sets both in an array task); ` +
        `set it to the array's first task id, or give --shard i/n`,
    );
  if (id < min) throw new ShardError(`SLURM_ARRAY_TASK_ID=${id} is below SLURM_ARRAY_TASK_MIN=${min}`);
  if (max !== undefined && count !== undefined && max - min + 1 !== count)
    throw new ShardError(
      `the Slurm array ${min}-${max} has ${count} task(s), not ${max - min + 1}: it has a step or gaps ` +
        `(e.g. --array=0-15:4 or --array=1,3,5). Submit a contiguous array (--array=0-${count - 1}; ` +
        `a %limit is fine) or give --shard i/n`,
    );
  return {
    index0: id - min,
    count,
    from: min === 0 ? `SLURM_ARRAY_TASK_ID=${id}` : `SLURM_ARRAY_TASK_ID=${id} − SLURM_ARRAY_TASK_MIN=${min}`,
    countFrom: count === undefined ? undefined : `SLURM_ARRAY_TASK_COUNT=${count}`,
  };
}

function kubernetesTask(env: Env): ArrayTask {
  const index0 = numberVar(env, "JOB_COMPLETION_INDEX", 0)!;
  return { index0, from: `JOB_COMPLETION_INDEX=${index0}` };
}

/**
 * Resolves a --shard value against the environment. `i/n`: the i-th of n. `auto`: the index from
 * SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN (Slurm job array, any first id) or JOB_COMPLETION_INDEX (Kubernetes
 * Indexed Job), both 0-based; the count from SLURM_ARRAY_TASK_COUNT or XXGK_SHARD_COUNT. `auto/N`: the same index,
 * N as the count. Counts given twice must agree. Throws a ShardError saying what to set when it cannot resolve.
 */
export function resolveShard(value: string, env: Env): Shard {
  const text = value.trim();
  const explicit = text.match(/^(\d+)\/(\d+)$/);
  if (explicit) {
    const index = wholeNumber(explicit[1], 1);
    const count = wholeNumber(explicit[2], 1);
    if (index === null || count === null || index > count) throw new ShardError(SYNTAX);
    return { index, count };
  }
  const auto = text.match(/^auto(?:\/(.*))?$/i);
  if (!auto) throw new ShardError(SYNTAX);
  let given: number | undefined;
  if (auto[1] !== undefined) {
    const n = wholeNumber(auto[1], 1);
    if (n === null) throw new ShardError(`auto/N needs N, the number of shards, as a whole number of at least 1`);
    given = n;
  }

  const hasSlurm = (env.SLURM_ARRAY_TASK_ID ?? "").trim() !== "";
  const hasK8s = (env.JOB_COMPLETION_INDEX ?? "").trim() !== "";
  if (hasSlurm && hasK8s)
    throw new ShardError(
      `both SLURM_ARRAY_TASK_ID (Slurm) and JOB_COMPLETION_INDEX (Kubernetes) are set: ` +
        `unset the one that does not belong to this job, or give --shard i/n`,
    );
  if (!hasSlurm && !hasK8s)
    throw new ShardError(
      `--shard ${text} found no array index: run it as a task of a Slurm job array (sbatch --array=0-N, which sets ` +
        `SLURM_ARRAY_TASK_ID) or of a Kubernetes Indexed Job (completionMode: Indexed, which sets ` +
        `JOB_COMPLETION_INDEX), or give --shard i/n`,
    );
  const task = hasSlurm ? slurmTask(env) : kubernetesTask(env);

  // The count: auto/N, the array's own, XXGK_SHARD_COUNT; any two given must agree.
  const counts: { n: number; from: string }[] = [];
  if (given !== undefined) counts.push({ n: given, from: `--shard auto/${given}` });
  if (task.count !== undefined) counts.push({ n: task.count, from: task.countFrom! });
  const envCount = numberVar(env, SHARD_COUNT_VAR, 1);
  if (envCount !== undefined) counts.push({ n: envCount, from: `${SHARD_COUNT_VAR}=${envCount}` });
  if (!counts.length)
    throw new ShardError(
      `${task.from} gives this task's index but nothing gives the number of shards: ` +
        `give --shard auto/N or set ${SHARD_COUNT_VAR}=N (for an Indexed Job: its completions)`,
    );
  const differing = counts.find((c) => c.n !== counts[0].n);
  if (differing)
    throw new ShardError(
      `the number of shards is given twice and differs: ${counts[0].from}, ${differing.from}; ` +
        `the shards would leave inputs out or read some twice`,
    );
  const count = counts[0].n;
  if (task.index0 >= count)
    throw new ShardError(
      `${task.from} makes this shard ${task.index0 + 1} (counting from 1), but there are only ${count} shards ` +
        `(${counts[0].from}): the array must have exactly as many tasks as shards`,
    );
  return { index: task.index0 + 1, count };
}
