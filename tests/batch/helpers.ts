/** Shared pieces of the batch end-to-end tests: input folders of distinct PDFs, the CLI as a child process, CSVs. */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCsv } from "../csv.js";
import { isOcrSample } from "../sampleFiles.js";

export const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
export const BIN = join(ROOT, "bin", "xxgk.js");

/**
 * The PDFs the project ships with a text layer: samples/*.pdf and tests/fixtures/*.pdf (the latter hold
 * inconsistent reports). The OCR samples (scan, mixed) are left out: copies of them would each be read by OCR.
 */
export function sourcePdfs(): string[] {
  const dirs = [join(ROOT, "samples"), join(ROOT, "tests", "fixtures")];
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith(".pdf") && !(d.endsWith("samples") && isOcrSample(f)))
      .sort()
      .map((f) => join(d, f)),
  );
}

/**
 * Writes `count` distinct PDFs into `dir`: the shipped PDFs in turn, each copy with a trailing comment line
 * `%copy N` so that its bytes (and sha256) differ while it still reads the same.
 * Returns the copy names by source PDF.
 */
export function makeCopies(dir: string, count: number): Map<string, string[]> {
  mkdirSync(dir, { recursive: true });
  const sources = sourcePdfs();
  const bySource = new Map<string, string[]>();
  for (let n = 1; n <= count; n++) {
    const src = sources[(n - 1) % sources.length];
    const name = `${basename(src, ".pdf")}-copy${String(n).padStart(3, "0")}.pdf`;
    const bytes = readFileSync(src);
    const tail = bytes[bytes.length - 1] === 0x0a ? "" : "\n";
    writeFileSync(join(dir, name), Buffer.concat([bytes, Buffer.from(`${tail}%copy ${n}\n`, "latin1")]));
    bySource.set(src, [...(bySource.get(src) ?? []), name]);
  }
  return bySource;
}

const temps: string[] = [];
export function tempDir(prefix = "xxgk-batch-"): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}
export function removeTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident set (VmHWM, kB) of the child as last seen in /proc, when sampled. */
  peakKb: number | null;
}

export interface RunOptions {
  /** Called every `pollMs` while the child runs; return true to SIGKILL it. */
  poll?: (child: ChildProcess) => boolean;
  pollMs?: number;
  /** Sample /proc/<pid>/status VmHWM while the child runs. */
  sampleMemory?: boolean;
  /** Variables set (a string) or removed (undefined) in the child's environment, over this process's. */
  env?: Record<string, string | undefined>;
}

function readHwmKb(pid: number): number | null {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmHWM:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Runs `node bin/xxgk.js …args` from the project root (so files.csv paths are relative to it). */
export function runXxgk(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const env = options.env ? { ...process.env, ...options.env } : process.env;
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let peakKb: number | null = null;
    child.stdout!.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr!.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    const timer =
      options.poll || options.sampleMemory
        ? setInterval(() => {
            if (options.sampleMemory && child.pid) {
              const kb = readHwmKb(child.pid);
              if (kb !== null) peakKb = Math.max(peakKb ?? 0, kb);
            }
            if (options.poll && child.exitCode === null && child.signalCode === null && options.poll(child))
              child.kill("SIGKILL");
          }, options.pollMs ?? 10)
        : null;
    child.on("error", (err) => {
      if (timer) clearInterval(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      if (timer) clearInterval(timer);
      resolvePromise({ code, signal, stdout, stderr, peakKb });
    });
  });
}

/** Every file under `dir`, as paths relative to it. */
export function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** The report JSONs of an output folder (every *.json at its top level). */
export function reportJsons(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
}

export function readCsv(path: string): Record<string, string>[] {
  return parseCsv(readFileSync(path, "utf8"));
}

/** CSV rows as sorted strings (for comparing as a set of rows, whatever their order). */
export function sortedRows(rows: Record<string, string>[]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}
