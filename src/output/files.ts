import { renameSync, writeFileSync } from "node:fs";

/** Writes through a temporary file and a rename, so an interrupted run never leaves half a file. */
export function writeAtomic(path: string, content: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}
