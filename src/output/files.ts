import { renameSync, writeFileSync } from "node:fs";

/**
 * Every output is written under a temporary name and renamed when complete, so an interrupted run never leaves
 * half a file: `tmp` to write to (ours: `name.<pid>.tmp`, which a batch sweeps up), `commit` to put it in place.
 */
export function atomicFile(path: string): { tmp: string; commit: () => void } {
  const tmp = `${path}.${process.pid}.tmp`;
  return { tmp, commit: () => renameSync(tmp, path) };
}

/** Writes a whole file at once through atomicFile. */
export function writeAtomic(path: string, content: string | Uint8Array): void {
  const file = atomicFile(path);
  writeFileSync(file.tmp, content);
  file.commit();
}
