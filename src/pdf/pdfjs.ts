/**
 * The one runtime door to pdf.js: its legacy build replaces built-ins when it loads (see natives.ts), so the
 * natives are captured first and put back right after. A module that imported pdf.js itself, earlier in the
 * import graph, would load it before the capture: batches ran 30% slower on the polyfills.
 */
import { restoreNatives } from "./natives.js";
import { getDocument, ImageKind, OPS, PasswordResponses, PDFWorker } from "pdfjs-dist/legacy/build/pdf.mjs";
import { WorkerMessageHandler } from "pdfjs-dist/legacy/build/pdf.worker.mjs";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

restoreNatives();

export { getDocument, ImageKind, OPS, PasswordResponses, PDFWorker, WorkerMessageHandler };

type MessageHandler = typeof WorkerMessageHandler;

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

/** pdf.js's worker half with SKIP_GLYPH_PROGRAMS after the anchor; null when its source no longer has the anchor. */
export function textOnlyWorkerSource(source: string): string | null {
  const at = source.indexOf(GLYPH_PROGRAM_ANCHOR);
  if (at < 0 || source.indexOf(GLYPH_PROGRAM_ANCHOR, at + 1) >= 0) return null;
  const end = at + GLYPH_PROGRAM_ANCHOR.length;
  return source.slice(0, end) + SKIP_GLYPH_PROGRAMS + source.slice(end);
}

let textOnly: Promise<MessageHandler> | null = null;

/**
 * A second instance of pdf.js's worker half for extraction, whose fonts keep no glyph programs (documents that
 * are drawn, for OCR or crops, go through WorkerMessageHandler). Loaded from its source, changed as above; if a
 * pdf.js update moved the anchor, the unchanged worker half serves instead (slower, same text), and the test of
 * textOnlyWorkerSource fails.
 */
export function textOnlyWorkerHandler(): Promise<MessageHandler> {
  textOnly ??= (async () => {
    const path = createRequire(import.meta.url).resolve("pdfjs-dist/legacy/build/pdf.worker.mjs");
    const source = textOnlyWorkerSource(readFileSync(path, "utf8"));
    if (!source) return WorkerMessageHandler;
    const module = (await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`)) as {
      WorkerMessageHandler: MessageHandler;
    };
    restoreNatives();
    return module.WorkerMessageHandler;
  })();
  return textOnly;
}
