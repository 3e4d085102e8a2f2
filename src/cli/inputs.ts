import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** Expands the command-line inputs: files as given, folders searched recursively for .pdf files (sorted). */
export function collectInputs(inputs: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(p);
      else if (st?.isFile() && /\.pdf$/i.test(name)) files.push(p);
    }
  };
  for (const input of inputs) {
    const st = statSync(input, { throwIfNoEntry: false });
    if (!st) missing.push(input);
    else if (st.isDirectory()) walk(input);
    else files.push(input);
  }
  return { files: files.map((f) => resolve(f)), missing };
}
