/**
 * The one runtime door to pdf.js: its legacy build replaces built-ins when it loads (see natives.ts), so the
 * natives are captured first and put back right after. A module that imported pdf.js itself, earlier in the
 * import graph, would load it before the capture: batches ran 30% slower on the polyfills.
 */
import { restoreNatives } from "./natives.js";
import { getDocument, ImageKind, OPS, PasswordResponses, PDFWorker } from "pdfjs-dist/legacy/build/pdf.mjs";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import { threadId } from "node:worker_threads";
import { pathToFileURL } from "node:url";

restoreNatives();

export { getDocument, ImageKind, OPS, PasswordResponses, PDFWorker };

type MessageHandler = { initializeFromPort(port: unknown): void };

/**
 * pdf.js's worker halves are loaded when a document first needs one: a thread that only extracts never holds
 * the one that draws (a 2.4 MB source and its compiled code in every worker's heap), and the reverse.
 */
async function loadWorkerHalf(url: string): Promise<MessageHandler> {
  const module = (await import(url)) as { WorkerMessageHandler: MessageHandler };
  restoreNatives();
  return module.WorkerMessageHandler;
}

let full: Promise<MessageHandler> | null = null;

/** pdf.js's own worker half, for documents that are drawn (OCR, crops). */
export function fullWorkerHandler(): Promise<MessageHandler> {
  full ??= loadWorkerHalf("pdfjs-dist/legacy/build/pdf.worker.mjs");
  return full;
}

/** A statement of pdf.js's worker half and what the text-only half has in its place. */
export interface SourcePatch {
  anchor: string;
  replacement: string;
}

/**
 * The line of pdf.js's font constructor after which a TrueType font program is parsed and repaired for drawing
 * (its tables checked, glyph locations sanitised, a new font file written): a fifth of the time of a text-layer
 * report, for nothing text extraction reads. What text reads (the ToUnicode map, the widths, vertical metrics)
 * comes from the PDF's font dictionaries and is set before this line; the repair only adds what drawing uses
 * (glyph ids, the rebuilt font file, line metrics), or, for a simple font, the fallback Unicode map that the
 * added statement applies as the repair would.
 */
export const GLYPH_PROGRAM_ANCHOR = "    [type, subtype] = getFontFileType(file, properties);\n";
const SKIP_GLYPH_PROGRAMS =
  '    if (type === "TrueType" || type === "CIDFontType2") {\n' +
  "      amendFallbackToUnicode(properties);\n" +
  "      this.type = type;\n" +
  "      this.subtype = subtype;\n" +
  "      return;\n" +
  "    }\n";

/**
 * The text state's copy at every `q` of getTextContent made the state copied the copy's prototype: V8 then
 * turns the copied object into a prototype (slow to make, and it deoptimises code that reads text states), ~10%
 * of reading a page. Every field of a text state is its own (the copy takes them all), so the copy can share the
 * class's prototype instead: nothing read through the chain changes.
 */
const TEXT_STATE_CLONE = "    const clone = Object.assign(Object.create(this), this);\n";

/**
 * A CMap's forEach visits every code up to its highest: an embedded ToUnicode CMap of a CID font (codes are
 * glyph ids, up to ~65000) is a sparse array of a few hundred mappings, looked up 65536 times, ~2% of reading a
 * report. Its own keys, visited in the same ascending order, give the same calls.
 */
const CMAP_FOR_EACH =
  "    if (length <= 0x10000) {\n" +
  "      for (let i = 0; i < length; i++) {\n" +
  "        if (map[i] !== undefined) {\n" +
  "          callback(i, map[i]);\n" +
  "        }\n" +
  "      }\n";
const CMAP_FOR_EACH_KEY =
  "    if (length <= 0x10000) {\n" +
  "      for (const key in map) {\n" +
  "        const i = +key;\n" +
  "        if (map[i] !== undefined) {\n" +
  "          callback(i, map[i]);\n" +
  "        }\n" +
  "      }\n";

/**
 * The graphics state's copy at every `q` of getOperatorList made the copied state the copy's prototype, as the
 * text state's did: every read of the current state (its font, its matrix) in pdf.js's operator loop then met a
 * new map and deoptimised, and V8 recompiled that loop all batch long. A state's fields are all its own (class
 * fields), so the copy takes them and shares the class's prototype; a state on the stack is not changed while a
 * copy of it is current, so nothing read through the chain differs.
 */
const EVAL_STATE_CLONE = "    const clone = Object.create(this);\n    if (newPath) {\n";

/**
 * getOperatorList and getTextContent run their loop in a closure made anew at every call (`promiseBody`, and
 * getTextContent's helpers beside it). V8 holds a closure's optimised code only weakly once no closure of it is
 * alive, so every full GC of a batch (one every few reports) dropped the code of pdf.js's largest function and
 * its helpers, and V8 compiled them again, ~60 ms of a compiler thread each time. The class keeps the last loop
 * of each (its scope holds the helpers), which keeps their code.
 */
const OPERATOR_LIST_BODY =
  "    return new Promise(function promiseBody(resolve, reject) {\n" +
  "      const next = function (promise) {\n" +
  "        Promise.all([promise, operatorList.ready])";
const TEXT_CONTENT_BODY =
  "    return new Promise(function promiseBody(resolve, reject) {\n" +
  "      const next = function (promise) {\n" +
  "        enqueueChunk(true);";
const keepLoop = (anchor: string, key: string): SourcePatch => {
  const [first, ...rest] = anchor.split("\n");
  return { anchor, replacement: [first, `      PartialEvaluator.${key} = promiseBody;`, ...rest].join("\n") };
};

export const TEXT_ONLY_PATCHES: SourcePatch[] = [
  { anchor: GLYPH_PROGRAM_ANCHOR, replacement: GLYPH_PROGRAM_ANCHOR + SKIP_GLYPH_PROGRAMS },
  {
    anchor: TEXT_STATE_CLONE,
    replacement: "    const clone = Object.assign(Object.create(Object.getPrototypeOf(this)), this);\n",
  },
  { anchor: CMAP_FOR_EACH, replacement: CMAP_FOR_EACH_KEY },
  {
    anchor: EVAL_STATE_CLONE,
    replacement:
      "    const clone = Object.create(Object.getPrototypeOf(this));\n    Object.assign(clone, this);\n    if (newPath) {\n",
  },
  keepLoop(OPERATOR_LIST_BODY, "lastOperatorListLoop"),
  keepLoop(TEXT_CONTENT_BODY, "lastTextContentLoop"),
];

/** pdf.js's worker half with TEXT_ONLY_PATCHES applied; null when its source no longer has each anchor once. */
export function textOnlyWorkerSource(source: string, patches: SourcePatch[] = TEXT_ONLY_PATCHES): string | null {
  let out = source;
  for (const { anchor, replacement } of patches) {
    const at = out.indexOf(anchor);
    if (at < 0 || out.indexOf(anchor, at + 1) >= 0) return null;
    out = out.slice(0, at) + replacement + out.slice(at + anchor.length);
  }
  return out;
}

let textOnly: Promise<MessageHandler> | null = null;

/**
 * A second instance of pdf.js's worker half for extraction, whose fonts keep no glyph programs. Its source,
 * patched as above, is written once to node_modules/.cache/xxgk (where tools keep what they derive from their
 * dependencies; a file module keeps one copy of its source, a data: URL module kept three) and imported from
 * there. The file is named after the installed pdf.js file (size, time) and the patches, so a thread that finds
 * it reads nothing else (patching and hashing the 2.4 MB source cost each thread ~0.1 s). If a pdf.js update
 * moved an anchor, or the folder is read-only, pdf.js's own half serves instead (slower, same text); the test of
 * textOnlyWorkerSource fails on the first.
 */
export function textOnlyWorkerHandler(): Promise<MessageHandler> {
  textOnly ??= (async () => {
    const path = createRequire(import.meta.url).resolve("pdfjs-dist/legacy/build/pdf.worker.mjs");
    const { size, mtimeMs } = statSync(path);
    const key = createHash("sha256")
      .update(JSON.stringify([size, mtimeMs, TEXT_ONLY_PATCHES]))
      .digest("hex");
    const nodeModules = path.slice(0, path.lastIndexOf(`${sep}pdfjs-dist${sep}`));
    const file = join(nodeModules, ".cache", "xxgk", `pdf.worker.text-${key.slice(0, 16)}.mjs`);
    try {
      if (!existsSync(file)) {
        const source = textOnlyWorkerSource(readFileSync(path, "utf8"));
        if (!source) return fullWorkerHandler();
        mkdirSync(dirname(file), { recursive: true });
        // Written under a name of its own, then renamed: threads starting together never import half a file.
        const partial = `${file}.${process.pid}.${threadId}`;
        writeFileSync(partial, source);
        renameSync(partial, file);
      }
    } catch {
      return fullWorkerHandler();
    }
    return loadWorkerHalf(pathToFileURL(file).href);
  })();
  return textOnly;
}
