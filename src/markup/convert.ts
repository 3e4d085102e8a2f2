/**
 * Input formats by content, and legacy Word files (.doc, WPS .wps) turned into .docx with LibreOffice.
 *
 * Why this way:
 * - Agencies publish under misleading names (a .doc that is really a web page saved by Word, a .pdf link that
 *   serves HTML), so the reader is chosen from the bytes, never from the extension alone.
 * - .doc/.wps are binary OLE files with no stable structure worth parsing ourselves; LibreOffice converts them to
 *   .docx faithfully (tables, merges), which src/markup/docx.ts then reads like any other Word file.
 * - Every conversion gets its own LibreOffice profile (`-env:UserInstallation`): two soffice processes sharing a
 *   profile hand their work to each other or fail on its lock, which breaks parallel workers.
 */
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { copyFile, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { unzipSync } from "fflate";
import { hasUtf16Name } from "./docx.js";
import type { InputFormat } from "../report/types.js";
import { decodePage } from "./text.js";

export const NEEDS_LIBREOFFICE = ".doc needs LibreOffice (apt-get install libreoffice-writer-nogui)";

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Whether a zip holds word/document.xml; a damaged zip (no central directory) is searched for the entry's name. */
function zipHasWordDocument(bytes: Uint8Array): boolean {
  let found = false;
  try {
    // The filter sees every entry's name; nothing is decompressed.
    unzipSync(bytes, {
      filter: (f) => {
        if (f.name === "word/document.xml") found = true;
        return false;
      },
    });
    return found;
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes("word/document.xml");
  }
}

/** Markup a web page starts with (after a BOM, whitespace and comments), whatever its encoding. */
const HTML_START = /^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|table|meta|title|div|p)\b/i;
const HTML_NEAR_START = /<(?:!doctype\s+html|html|body|table|meta)\b/i;

/**
 * The format of a file by its content: `%PDF-` within the first 1 KB → pdf; a zip with word/document.xml → docx;
 * an OLE file → doc (Word 97–2003 and WPS; a password-protected .docx is OLE too and is reported as docx, so its
 * reader says it is encrypted); text that looks like HTML near its start → html; anything else → null.
 * `name` only breaks ties the bytes leave open (an OLE file that is neither Word nor an encrypted package).
 */
export function sniffFormat(bytes: Uint8Array, name: string): InputFormat | null {
  const head = bytes.subarray(0, 1024);
  if (Buffer.from(head.buffer, head.byteOffset, head.byteLength).includes("%PDF-")) return "pdf";
  if (startsWith(bytes, ZIP_MAGIC)) return zipHasWordDocument(bytes) ? "docx" : null;
  if (startsWith(bytes, OLE_MAGIC)) {
    if (hasUtf16Name(bytes, "EncryptedPackage")) return "docx";
    if (hasUtf16Name(bytes, "WordDocument")) return "doc";
    return /\.(?:docx?|wps)$/i.test(name) ? "doc" : null;
  }
  const { text } = decodePage(bytes.subarray(0, 4096));
  const start = text.replace(/^\ufeff/, "").slice(0, 1024);
  return HTML_START.test(start) || HTML_NEAR_START.test(start) ? "html" : null;
}

/** The LibreOffice executable on PATH, or null. */
function findSoffice(): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    for (const exe of ["soffice", "libreoffice"]) {
      const candidate = join(dir, exe);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** Runs soffice in its own process group, so a timeout ends it and the helpers it starts (oosplash, soffice.bin). */
function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { detached: true, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
      reject(new Error(`LibreOffice did not convert the file within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/**
 * Converts a .doc/.wps file to .docx bytes with LibreOffice (`soffice --headless --convert-to docx`), in a private
 * temporary folder and profile that are removed afterwards.
 */
export async function convertToDocx(path: string, timeoutMs = 60000): Promise<Uint8Array> {
  const soffice = findSoffice();
  if (!soffice) throw new Error(NEEDS_LIBREOFFICE);
  const work = await mkdtemp(join(tmpdir(), "xxgk-lo-"));
  try {
    // A plain ASCII copy: LibreOffice names its output after the input, and odd names (spaces, GBK bytes) are avoided.
    const ext =
      extname(path)
        .toLowerCase()
        .replace(/[^.a-z0-9]/g, "") || ".doc";
    const input = join(work, `source${ext}`);
    await copyFile(path, input);
    const out = join(work, "out");
    const profile = pathToFileURL(join(work, "profile")).href;
    const { code, stderr } = await run(
      soffice,
      [
        `-env:UserInstallation=${profile}`,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--convert-to",
        "docx",
        "--outdir",
        out,
        input,
      ],
      timeoutMs,
    );
    const produced = (await readdir(out).catch(() => [] as string[])).find((f) => f.toLowerCase().endsWith(".docx"));
    if (!produced)
      throw new Error(
        `LibreOffice could not convert ${path} to .docx (exit ${code ?? "signal"}${stderr.trim() ? `: ${stderr.trim().split("\n")[0]}` : ""})`,
      );
    return new Uint8Array(await readFile(join(out, produced)));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
