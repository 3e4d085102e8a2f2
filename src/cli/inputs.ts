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

/** The files a folder is searched for: PDFs, saved web pages, Word files (their form is then told by content). */
export const INPUT_EXTENSION = /\.(?:pdf|html?|shtml|xhtml|docx|doc|wps)$/i;

/** The folder a browser saves a page's pictures and scripts in ("X_files", "X.files"): part of the page, not inputs. */
const SAVED_PAGE_FOLDER = /[._]files$/i;

/** Expands the command-line inputs: files as given, folders searched recursively for report files (sorted). */
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
      const latin = name.toString("latin1");
      if (st?.isDirectory()) {
        if (!SAVED_PAGE_FOLDER.test(latin)) walk(p, display);
      } else if (st?.isFile() && INPUT_EXTENSION.test(latin))
        files.push({ path: exact ? p.toString("utf8") : p, display });
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
