import { readdirSync, statSync } from "node:fs";
import { resolve } from "node:path";

/** An input PDF: `path` opens it (raw bytes when its name is not valid UTF-8), `display` names it for people. */
export interface InputFile {
  path: string | Buffer;
  display: string;
}

const SEP = Buffer.from("/");
const gb18030 = new TextDecoder("gb18030");

/** A file name as a person would read it: UTF-8, else GB18030 (old Chinese archives), marked as re-decoded. */
function readableName(raw: Buffer): { text: string; exact: boolean } {
  const utf8 = raw.toString("utf8");
  if (Buffer.from(utf8, "utf8").equals(raw)) return { text: utf8, exact: true };
  return { text: `${gb18030.decode(raw)} [name not UTF-8]`, exact: false };
}

/** Expands the command-line inputs: files as given, folders searched recursively for .pdf files (sorted). */
export function collectInputs(inputs: string[]): { files: InputFile[]; missing: string[] } {
  const files: InputFile[] = [];
  const missing: string[] = [];
  const walk = (dir: Buffer, shown: string) => {
    const names = readdirSync(dir, { encoding: "buffer" }).sort(Buffer.compare);
    for (const name of names) {
      const p = Buffer.concat([dir, SEP, name]);
      const { text, exact } = readableName(name);
      const display = `${shown}/${text}`;
      const st = statSync(p, { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(p, display);
      else if (st?.isFile() && /\.pdf$/i.test(name.toString("latin1"))) files.push({ path: exact ? p.toString("utf8") : p, display });
    }
  };
  for (const input of inputs) {
    const st = statSync(input, { throwIfNoEntry: false });
    if (!st) missing.push(input);
    else if (st.isDirectory()) walk(Buffer.from(resolve(input)), resolve(input));
    else files.push({ path: resolve(input), display: resolve(input) });
  }
  return { files, missing };
}
